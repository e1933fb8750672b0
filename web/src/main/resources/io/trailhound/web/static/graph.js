// Trailhound's two drawings, in SVG made with DOM calls: every label is set with textContent,
// so text from the logs is only ever text.
"use strict";
(function () {
  const NS = "http://www.w3.org/2000/svg";

  function svg(tag, attrs, text) {
    const n = document.createElementNS(NS, tag);
    for (const k in attrs) n.setAttribute(k, String(attrs[k]));
    if (text !== undefined) n.textContent = text;
    return n;
  }

  function clip(s, max) {
    s = s == null ? "" : String(s);
    return s.length > max ? s.slice(0, max - 1) + "\u2026" : s;
  }

  /**
   * The origin chain, top to bottom: nodes [{kind: "origin"|"hop"|"action", head, lines: [..], title}],
   * with an edge label between consecutive nodes (edges[i] joins nodes[i] and nodes[i+1]).
   */
  function chain(container, nodes, edges) {
    const width = 640, lineH = 17, padX = 12, gap = 46, left = 20;
    let y = 14;
    const boxes = nodes.map(function (n) {
      const h = 14 + lineH * (1 + n.lines.length);
      const b = { n: n, y: y, h: h };
      y += h + gap;
      return b;
    });
    const height = y - gap + 14;
    const root = svg("svg", { width: width + 2 * left, height: height, viewBox: "0 0 " + (width + 2 * left) + " " + height,
      role: "img", "aria-label": "origin chain" });
    const defs = svg("defs", {});
    const marker = svg("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 8, markerHeight: 8, orient: "auto" });
    marker.appendChild(svg("path", { d: "M0,0 L10,5 L0,10 z", class: "arrow" }));
    defs.appendChild(marker);
    root.appendChild(defs);
    boxes.forEach(function (b, i) {
      const g = svg("g", { class: "chain-node chain-" + b.n.kind, "data-kind": b.n.kind });
      if (b.n.title) g.appendChild(svg("title", {}, b.n.title));
      g.appendChild(svg("rect", { class: "node " + b.n.kind, x: left, y: b.y, width: width, height: b.h, rx: 6 }));
      g.appendChild(svg("text", { class: "head", x: left + padX, y: b.y + 4 + lineH }, clip(b.n.head, 90)));
      b.n.lines.forEach(function (l, j) {
        g.appendChild(svg("text", { x: left + padX, y: b.y + 4 + lineH * (j + 2) }, clip(l, 100)));
      });
      root.appendChild(g);
      if (i + 1 < boxes.length) {
        const x = left + 40, y1 = b.y + b.h, y2 = boxes[i + 1].y;
        root.appendChild(svg("line", { class: "edge", x1: x, y1: y1, x2: x, y2: y2 - 1, "marker-end": "url(#arrow)" }));
        if (edges && edges[i]) root.appendChild(svg("text", { class: "edge", x: x + 12, y: (y1 + y2) / 2 + 4 }, clip(edges[i], 100)));
      }
    });
    container.appendChild(root);
    return root;
  }

  /**
   * Activity over time: buckets [{time, count}] of bucketMillis each, alert marks [{time, rule}];
   * onPick(fromIso, toIso) when a bar is clicked.
   */
  function activity(container, buckets, bucketMillis, alerts, onPick) {
    const width = 900, height = 170, top = 16, bottom = 26, left = 40, right = 10;
    const root = svg("svg", { width: width, height: height, viewBox: "0 0 " + width + " " + height, role: "img",
      "aria-label": "activity over time" });
    if (!buckets.length) {
      container.appendChild(root);
      return root;
    }
    const t0 = Date.parse(buckets[0].time);
    const t1 = Date.parse(buckets[buckets.length - 1].time) + bucketMillis;
    const span = Math.max(t1 - t0, 1);
    const max = buckets.reduce(function (m, b) { return Math.max(m, b.count); }, 1);
    const plotW = width - left - right, plotH = height - top - bottom;
    const x = function (t) { return left + (t - t0) / span * plotW; };
    root.appendChild(svg("line", { class: "axis", x1: left, y1: top + plotH, x2: left + plotW, y2: top + plotH }));
    root.appendChild(svg("text", { x: 2, y: top + 8 }, String(max)));
    root.appendChild(svg("text", { x: 2, y: top + plotH }, "0"));
    root.appendChild(svg("text", { x: left, y: height - 6 }, new Date(t0).toISOString().replace(".000Z", "Z")));
    root.appendChild(svg("text", { x: left + plotW - 150, y: height - 6 }, new Date(t1).toISOString().replace(".000Z", "Z")));
    buckets.forEach(function (b) {
      const t = Date.parse(b.time);
      const bw = Math.max(1, x(t + bucketMillis) - x(t) - 1);
      const h = Math.max(1, b.count / max * plotH);
      const r = svg("rect", { class: "bar", x: x(t), y: top + plotH - h, width: bw, height: h, "data-time": b.time });
      r.appendChild(svg("title", {}, b.time + ": " + b.count + " events"));
      r.addEventListener("click", function () {
        onPick(new Date(t).toISOString(), new Date(t + bucketMillis).toISOString());
      });
      root.appendChild(r);
    });
    alerts.forEach(function (a) {
      const t = Date.parse(a.time);
      if (t < t0 || t > t1) return;
      const ax = x(t);
      const p = svg("path", { class: "alert", d: "M" + (ax - 5) + "," + (top - 10) + " L" + (ax + 5) + "," + (top - 10) + " L" + ax + "," + (top - 1) + " z" });
      p.appendChild(svg("title", {}, a.time + ": " + (a.rule || "alert")));
      root.appendChild(p);
    });
    container.appendChild(root);
    return root;
  }

  window.TrailhoundGraph = { chain: chain, activity: activity };
})();
