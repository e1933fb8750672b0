// Trailhound's pages. Everything shown comes from the JSON API and is written with textContent or
// as attribute values set through the DOM: no HTML is ever parsed from data, no inline handlers, nothing evaluated.
"use strict";
(function () {
  const main = document.getElementById("main");
  const notice = document.getElementById("notice");
  const SEVERITIES = ["critical", "high", "medium", "low", "info"];
  let generation = 0; // a page started later wins over a slower earlier one

  // ------------------------------------------------------------------ DOM helpers

  /** el("td", {class: "num"}, "text", childNode, ...): strings become text nodes. */
  function el(tag, attrs) {
    const n = document.createElement(tag);
    if (attrs) for (const k in attrs) if (attrs[k] !== undefined && attrs[k] !== null) n.setAttribute(k, String(attrs[k]));
    for (let i = 2; i < arguments.length; i++) add(n, arguments[i]);
    return n;
  }
  function add(parent, child) {
    if (child === undefined || child === null || child === false) return;
    if (Array.isArray(child)) { child.forEach(function (c) { add(parent, c); }); return; }
    parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  function link(hash, text) { return el("a", { href: hash }, text); }
  function route(page, params) {
    const q = new URLSearchParams();
    for (const k in params) if (params[k] !== undefined && params[k] !== null && params[k] !== "") q.append(k, params[k]);
    const s = q.toString();
    return "#/" + page + (s ? "?" + s : "");
  }
  function sev(s) { return el("span", { class: "sev sev-" + (SEVERITIES.indexOf(s) >= 0 ? s : "none") }, s || "-"); }
  function fmt(n) { return Number(n).toLocaleString("en"); }
  function table(headers, rows, numeric) {
    const t = el("table", {}, el("thead", {}, el("tr", {}, headers.map(function (h, i) {
      return el("th", numeric && numeric.indexOf(i) >= 0 ? { class: "num" } : {}, h);
    }))));
    const body = el("tbody", {});
    rows.forEach(function (r) { body.appendChild(r); });
    t.appendChild(body);
    return t;
  }
  function row(cells, attrs) {
    return el("tr", attrs || {}, cells.map(function (c) {
      return c instanceof Node && c.tagName === "TD" ? c : el("td", {}, c);
    }));
  }
  function num(v) { return el("td", { class: "num" }, v === undefined || v === null ? "" : fmt(v)); }
  /** 2026-11-01T17:19:50.000000000Z as 2026-11-01T17:19:50Z (zeros only: a real fraction stays). */
  function time(t) { return el("td", { class: "time" }, t ? String(t).replace(/\.0+Z$/, "Z") : ""); }
  function originLabel(o) { return o ? (o.arn || o.name || "unknown") : "unknown"; }
  function show(nodes) {
    main.replaceChildren();
    add(main, nodes);
  }
  function say(text) {
    if (text) { notice.textContent = text; notice.hidden = false; } else { notice.hidden = true; notice.textContent = ""; }
  }

  // ------------------------------------------------------------------ API

  /** GET /api/PATH with params; a store locked by a writer is retried every 2 s with a notice. */
  async function api(path, params) {
    const mine = generation;
    const q = new URLSearchParams();
    if (params) for (const k in params) {
      const v = params[k];
      if (Array.isArray(v)) v.forEach(function (x) { q.append(k, x); });
      else if (v !== undefined && v !== null && v !== "") q.append(k, v);
    }
    for (;;) {
      const res = await fetch("/api/" + path + (q.toString() ? "?" + q : ""), { credentials: "same-origin",
        headers: { Accept: "application/json" } });
      if (res.status === 503) {
        const body = await res.json().catch(function () { return {}; });
        say((body.error || "the store is busy") + " \u2014 retrying\u2026");
        await new Promise(function (r) { setTimeout(r, 2000); });
        if (mine !== generation) throw new Error("superseded");
        continue;
      }
      say(null);
      const body = await res.json().catch(function () { return { error: "HTTP " + res.status }; });
      if (!res.ok) {
        const e = new Error(body.error || ("HTTP " + res.status));
        e.status = res.status;
        throw e;
      }
      return body;
    }
  }

  // ------------------------------------------------------------------ pages

  const pages = {
    alerts: alertsPage, alert: alertPage, who: whoPage, timeline: timelinePage,
    posture: posturePage, rules: rulesPage, ingest: ingestPage
  };

  function current() {
    const h = location.hash.replace(/^#\/?/, "");
    const i = h.indexOf("?");
    const name = (i < 0 ? h : h.slice(0, i)) || "alerts";
    return { name: pages[name] ? name : "alerts", params: new URLSearchParams(i < 0 ? "" : h.slice(i + 1)) };
  }

  async function render() {
    const mine = ++generation;
    const r = current();
    document.querySelectorAll("#nav a").forEach(function (a) {
      a.classList.toggle("active", a.getAttribute("data-page") === r.name || (r.name === "alert" && a.getAttribute("data-page") === "alerts"));
    });
    main.setAttribute("data-page", r.name);
    main.setAttribute("data-ready", "false");
    try {
      const nodes = await pages[r.name](r.params);
      if (mine !== generation) return;
      show(nodes);
    } catch (e) {
      if (mine !== generation || e.message === "superseded") return;
      show(el("p", { class: "error" }, e.message));
    }
    main.setAttribute("data-ready", "true");
  }

  // Alerts: filters, counts by severity and rule, one page of alerts, newest first.
  const FILTERS = ["rule", "format", "account", "origin", "from", "to", "q"];

  async function alertsPage(p) {
    const limit = 50;
    const filter = { severity: p.getAll("severity") };
    FILTERS.forEach(function (k) { filter[k] = p.get(k); });
    // Newer and older pages go by cursor (they stay in place while a scan adds alerts); an offset still works.
    const at = p.get("before") ? { before: p.get("before") } : p.get("after") ? { after: p.get("after") }
      : { offset: Math.max(0, parseInt(p.get("offset") || "0", 10) || 0) };
    const page = await api("alerts", Object.assign({ limit: limit }, at, filter));
    const offset = page.offset;
    const counts = await api("alerts/counts", filter);

    const form = el("form", { class: "filters", id: "alert-filters" });
    const sevs = el("fieldset", { id: "f-severity" }, el("legend", { class: "muted" }, "severity"));
    SEVERITIES.forEach(function (s) {
      const box = el("input", { type: "checkbox", name: "severity", value: s });
      box.checked = filter.severity.indexOf(s) >= 0;
      sevs.appendChild(el("label", {}, box, s));
    });
    form.appendChild(sevs);
    const fields = { rule: "rule (name or id)", format: "format", account: "account", origin: "origin (ARN or name)",
      from: "from (UTC)", to: "to (UTC)", q: "text" };
    Object.keys(fields).forEach(function (k) {
      let input;
      if (k === "format") {
        input = el("select", { name: k, id: "f-format" }, el("option", { value: "" }, "any"));
        counts.byFormat.forEach(function (c) { input.appendChild(el("option", { value: c.format }, c.format)); });
        if (filter.format && !counts.byFormat.some(function (c) { return c.format === filter.format; })) {
          input.appendChild(el("option", { value: filter.format }, filter.format));
        }
      } else {
        input = el("input", { name: k, id: "f-" + k, type: "text", placeholder: k === "from" || k === "to" ? "2026-11-01T10:00" : "" });
      }
      input.value = filter[k] || "";
      form.appendChild(el("label", {}, fields[k], input));
    });
    form.appendChild(el("button", { type: "submit", id: "f-apply" }, "Apply"));
    form.appendChild(el("a", { href: "#/alerts", id: "f-clear" }, "clear"));
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      const d = new FormData(form);
      const next = { severity: d.getAll("severity") };
      FILTERS.forEach(function (k) { next[k] = (d.get(k) || "").trim(); });
      const q = new URLSearchParams();
      next.severity.forEach(function (s) { q.append("severity", s); });
      FILTERS.forEach(function (k) { if (next[k]) q.append(k, next[k]); });
      location.hash = "#/alerts" + (q.toString() ? "?" + q : "");
    });

    function withFilter(extra) {
      const q = new URLSearchParams(p);
      ["offset", "before", "after"].forEach(function (k) { q.delete(k); });
      for (const k in extra) { q.delete(k); q.append(k, extra[k]); }
      return "#/alerts?" + q;
    }
    const facets = el("aside", { class: "facets" },
      el("h2", {}, "By severity"),
      el("ul", { id: "by-severity" }, counts.bySeverity.map(function (c) {
        return el("li", {}, el("a", { href: withFilter({ severity: c.severity || "" }) }, sev(c.severity)), el("span", {}, fmt(c.count)));
      })),
      el("h2", {}, "By rule"),
      el("ul", { id: "by-rule" }, counts.byRule.map(function (c) {
        return el("li", {}, el("a", { href: withFilter({ rule: c.rule || "" }), title: c.rule }, c.rule), el("span", {}, fmt(c.count)));
      })));

    const rows = page.alerts.map(function (a, i) {
      const id = page.ids[i];
      const o = a.origin;
      const r = row([time(a.time), el("td", {}, sev(a.severity)), a.rule, a.event ? a.event.eventName : "",
        a.event ? a.event.recipientAccountId : "", originLabel(o), o ? o.confidence : "unknown"],
        { class: "click alert-row", "data-id": id, tabindex: "0" });
      r.addEventListener("click", function () { location.hash = route("alert", { id: id }); });
      r.addEventListener("keydown", function (ev) { if (ev.key === "Enter") location.hash = route("alert", { id: id }); });
      return r;
    });
    const pager = el("div", { class: "pager" },
      el("span", { id: "alert-total" }, page.total === 0 ? "no alerts match"
        : fmt(offset + 1) + "\u2013" + fmt(offset + page.alerts.length) + " of " + fmt(page.total) + " alerts"),
      page.newer ? el("a", { href: withFilter(offset > limit ? { after: page.newer } : {}), id: "prev" }, "\u2190 newer") : null,
      page.older ? el("a", { href: withFilter({ before: page.older }), id: "next" }, "older \u2192") : null);
    return [el("h1", {}, "Alerts"), form,
      el("div", { class: "layout" }, facets,
        el("section", {}, pager, table(["time (UTC)", "severity", "rule", "event", "account", "origin", "confidence"], rows)))];
  }

  // One alert: the rule, the origin chain as a graph, the event's record.
  async function alertPage(p) {
    const d = await api("alert", { id: p.get("id") });
    const a = d.alert, rule = d.rule, who = d.who;
    const ruleBox = el("dl", { class: "kv", id: "rule" },
      el("dt", {}, "rule"), el("dd", {}, a.rule),
      el("dt", {}, "format"), el("dd", {}, a.format),
      el("dt", {}, "severity"), el("dd", {}, sev(a.severity), " ", a.priority || ""),
      el("dt", {}, "MITRE ATT&CK"), el("dd", { id: "mitre" }, (a.threat || []).map(function (t) {
        return el("div", {}, [t.tactic_id, t.tactic, "\u2192", t.technique_id, t.technique, t.subtechnique_id, t.subtechnique]
          .filter(Boolean).join(" "));
      }), (a.threat || []).length ? null : "none given"),
      el("dt", {}, "description"), el("dd", { id: "rule-description" }, rule && rule.description ? rule.description : "\u2014"),
      el("dt", {}, "rule file"), el("dd", {}, rule && rule.file
        ? el("a", { href: "/api/rules/source?" + new URLSearchParams(rule.id ? { format: rule.format, id: rule.id }
            : { format: rule.format, name: rule.name }), target: "_blank", rel: "noopener noreferrer", id: "rule-file" },
          rule.file + (rule.line > 0 ? ":" + rule.line : ""))
        : "not loaded by this server (start serve with the same --rules as the scan)"),
      el("dt", {}, "output"), el("dd", { id: "alert-output" }, a.output),
      el("dt", {}, "event"), el("dd", {}, a.eventID || ""),
      el("dt", {}, "time"), el("dd", {}, a.time));
    const graph = el("div", { class: "graph", id: "chain" });
    const label = originLabel(who ? who.origin : a.origin);
    const parts = [el("h1", {}, a.rule), el("div", { class: "box" }, ruleBox),
      el("h2", {}, "Who did it: origin \u2192 credentials \u2192 action"), graph,
      el("p", {}, link(route("timeline", { origin: label }), "Timeline of " + label), " \u00b7 ",
        a.eventID ? link(route("who", { q: a.eventID }), "Who is behind event " + a.eventID) : null)];
    drawChain(graph, who, d.event, a);
    const details = el("details", { id: "event-json" }, el("summary", {}, "The event's record (JSON)"),
      el("pre", { class: "json" }, JSON.stringify(d.event, null, 2)));
    parts.push(details);
    return parts;
  }

  function roleOf(arn) {
    const m = /:assumed-role\/([^/]+)\/(.*)$/.exec(arn || "");
    return m ? { role: m[1], session: m[2] } : null;
  }

  /** origin → each issuance (oldest first) → the action, from a who answer and the event. */
  function drawChain(container, who, event, alert) {
    const nodes = [], edges = [];
    const o = who ? who.origin : (alert ? alert.origin : null);
    const conf = who ? who.confidence : (o ? o.confidence : "unknown");
    nodes.push({ kind: "origin", head: "origin: " + originLabel(o), title: originLabel(o),
      lines: [(o && o.type ? o.type : "unknown type") + (o && o.account ? " \u00b7 account " + o.account : "")
        + (o && o.provider ? " \u00b7 via " + o.provider : ""),
        "confidence: " + conf + (who && who.reason ? " \u2014 " + who.reason : "")] });
    const hops = who ? who.chain.slice().reverse() : [];
    hops.forEach(function (h) {
      const r = roleOf(h.arn);
      edges.push(h.linkedBy && h.linkedBy !== "key" ? "linked by " + h.linkedBy : conf);
      nodes.push({ kind: "hop", head: (h.eventName || "issued") + " \u00b7 " + (h.time || ""), title: h.arn,
        lines: [r ? "role " + r.role + " \u00b7 session " + r.session : (h.arn || ""),
          "account " + (h.account || "?") + " \u00b7 key " + (h.accessKeyId || "?"),
          "event " + (h.eventID || "?")] });
    });
    const ev = who && who.event ? who.event : null;
    const name = ev ? ev.eventName : (event && event.eventName) || (alert && alert.event ? alert.event.eventName : "");
    const as = ev ? ev.userIdentity.arn : (event && event.userIdentity ? event.userIdentity.arn : "");
    edges.push(hops.length ? "used " + (ev && ev.userIdentity ? ev.userIdentity.accessKeyId || "" : "") : conf);
    nodes.push({ kind: "action", head: "action: " + name + " \u00b7 " + (ev ? ev.eventTime : (alert ? alert.time : "")), title: as,
      lines: ["as " + (as || "?"), "account " + (ev ? ev.recipientAccountId : (alert && alert.event ? alert.event.recipientAccountId : ""))
        + (ev && ev.sourceIPAddress ? " \u00b7 from " + ev.sourceIPAddress : "")] });
    window.TrailhoundGraph.chain(container, nodes, edges);
  }

  // Who: one search box for a key, ARN, session or event ID.
  async function whoPage(p) {
    const q = p.get("q") || "";
    const input = el("input", { type: "search", name: "q", id: "who-q", placeholder: "ASIA\u2026 access key, arn:aws:\u2026, or an event ID" });
    input.value = q;
    const form = el("form", { class: "search", id: "who-form" }, input, el("button", { type: "submit" }, "Who?"));
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      location.hash = route("who", { q: input.value.trim() });
    });
    const out = [el("h1", {}, "Who really did it"), form];
    if (!q) {
      out.push(el("p", { class: "muted" }, "The origin behind an access key, an assumed-role session ARN, or an event, "
        + "followed back through every credential issuance."));
      return out;
    }
    let w;
    try {
      w = await api("who", { q: q });
    } catch (e) {
      if (e.status === 404) { out.push(el("p", { id: "who-none" }, e.message)); return out; }
      throw e;
    }
    const label = originLabel(w.origin);
    out.push(el("div", { class: "box", id: "who-answer" }, el("dl", { class: "kv" },
      el("dt", {}, "origin"), el("dd", { id: "who-origin" }, w.origin ? label : "unknown"),
      el("dt", {}, "type"), el("dd", {}, w.origin ? w.origin.type : ""),
      el("dt", {}, "confidence"), el("dd", {}, w.confidence),
      w.reason ? [el("dt", {}, "why"), el("dd", {}, w.reason)] : null,
      el("dt", {}, "matched"), el("dd", {}, w.matchedBy + ", " + fmt(w.matchingEvents) + " stored event(s)"),
      el("dt", {}, "timeline"), el("dd", {}, w.origin ? link(route("timeline", { origin: label }), "everything " + label + " did") : "\u2014"))));
    const graph = el("div", { class: "graph", id: "chain" });
    out.push(el("h2", {}, "Chain"), graph);
    drawChain(graph, w, w.event && w.event.raw, null);
    if (w.anomalies && w.anomalies.length) out.push(el("h2", {}, "Anomalies"), el("ul", {}, w.anomalies.map(function (a) { return el("li", {}, a); })));
    if (w.origins) {
      out.push(el("h2", {}, "Origins of all matching events"), table(["origin", "type", "confidence", "events"],
        w.origins.map(function (o) { return row([o.origin ? link(route("timeline", { origin: o.origin }), o.origin) : "unknown", o.type, o.confidence, num(o.events)]); }), [3]));
    }
    return out;
  }

  // Timeline: an origin's activity across roles and accounts, with its alerts marked.
  async function timelinePage(p) {
    const origin = p.get("origin") || "";
    const input = el("input", { type: "search", name: "origin", id: "timeline-origin", placeholder: "origin ARN or name" });
    input.value = origin;
    const form = el("form", { class: "search", id: "timeline-form" }, input, el("button", { type: "submit" }, "Show"));
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      location.hash = route("timeline", { origin: input.value.trim() });
    });
    const out = [el("h1", {}, "Timeline"), form];
    if (!origin) {
      out.push(el("p", { class: "muted" }, "Everything one origin did, across all the roles and accounts it went through."));
      return out;
    }
    const t = await api("timeline", { origin: origin, from: p.get("from"), to: p.get("to"), limit: 500 });
    out.push(el("p", { id: "timeline-summary" }, fmt(t.total) + " events by " + origin
      + (p.get("from") ? " from " + p.get("from") : "") + (p.get("to") ? " to " + p.get("to") : "")
      + (t.total > t.events.length ? "; the first " + fmt(t.events.length) + " are listed (click a bar to narrow)" : ""),
      p.get("from") || p.get("to") ? [" \u00b7 ", link(route("timeline", { origin: origin }), "whole range")] : null));
    const chart = el("div", { class: "chart", id: "activity" });
    out.push(chart);
    window.TrailhoundGraph.activity(chart, t.activity.buckets, t.activity.bucketMillis, t.alerts, function (from, to) {
      location.hash = route("timeline", { origin: origin, from: from, to: to });
    });
    if (t.alerts.length) {
      out.push(el("h2", {}, "Alerts"), table(["time (UTC)", "severity", "rule", "event"], t.alerts.map(function (a) {
        return row([time(a.time), el("td", {}, sev(a.severity)), link(route("alert", { id: a.id }), a.rule), a.eventID]);
      })));
    }
    out.push(el("h2", {}, "Events"), table(["time (UTC)", "event", "account", "acted as", "key", "source IP", "user agent"],
      t.events.map(function (e) {
        const u = e.userIdentity || {};
        return row([time(e.eventTime), (e.eventSource || "").replace(".amazonaws.com", "") + ":" + e.eventName + (e.errorCode ? " (" + e.errorCode + ")" : ""),
          e.recipientAccountId,
          el("td", { class: "wrap" }, u.arn ? link(route("who", { q: u.arn }), u.arn) : u.type),
          u.accessKeyId ? link(route("who", { q: u.accessKeyId }), u.accessKeyId) : "",
          e.sourceIPAddress, el("td", { class: "wrap ua" }, e.userAgent)], { "data-event": e.eventID });
      })));
    return out;
  }

  // Posture: the audit report.
  async function posturePage() {
    const r = await api("posture");
    if (r.available === false) return [el("h1", {}, "Posture"), el("p", { class: "muted" }, r.hint)];
    const out = [el("h1", {}, "Posture")];
    out.push(el("h2", {}, "Checks"), table(["check", "severity", "violations", "of", "percent", "", "CIS"],
      r.summary.map(function (s) {
        return row([el("td", {}, el("strong", {}, s.id), el("div", { class: "muted" }, s.title)), el("td", {}, sev(s.severity)),
          num(s.violations), el("td", { class: "num" }, fmt(s.applicable) + " " + (s.unit || "")),
          el("td", { class: "num" }, s.percent + "%"), el("td", {}, el("progress", { max: 100, value: s.percent })), s.cis || ""],
          { "data-check": s.id });
      }), [2, 3, 4]));
    const accounts = {};
    r.summary.forEach(function (s) { (s.accounts || []).forEach(function (a) { (accounts[a.account] = accounts[a.account] || {})[s.id] = a; }); });
    out.push(el("h2", {}, "Per account"), table(["account"].concat(r.summary.map(function (s) { return s.id; })),
      Object.keys(accounts).sort().map(function (acct) {
        return row([acct].concat(r.summary.map(function (s) {
          const a = accounts[acct][s.id];
          return el("td", { class: "num" }, a && a.applicable ? a.violations + "/" + a.applicable : "\u2014");
        })));
      })));
    out.push(el("h2", {}, "Where to start"), table(["account", "principal", "failing checks", "worst", "oldest (days)"],
      (r.priorities || []).slice(0, 20).map(function (p) {
        return row([p.account, el("td", { class: "wrap" }, p.principal), p.checks.join(", "), el("td", {}, sev(p.worst)), num(p.oldestDays)]);
      }), [4]));
    const shown = r.findings.slice(0, 500);
    out.push(el("h2", {}, "Findings (" + fmt(r.findings.length) + (r.findings.length > shown.length ? ", first 500 shown" : "") + ")"),
      table(["check", "account", "principal", "severity", "detail", "age (days)"], shown.map(function (f) {
        return row([f.check, f.account, el("td", { class: "wrap" }, f.user || f.role), el("td", {}, sev(f.severity)), f.detail,
          num(f.ageDays)], { "data-finding": f.check });
      }), [5]));
    return out;
  }

  // Rules: what is loaded, what is off and why, what each needs.
  async function rulesPage() {
    const r = await api("rules");
    return [el("h1", {}, "Rules"), el("p", {}, fmt(r.loaded) + " rules loaded, " + fmt(r.enabled) + " enabled, "
      + fmt(r.skipped) + " skipped as not for CloudTrail"),
      table(["format", "type", "status", "severity", "rule", "where", "needs", "event names"], r.rules.map(function (x) {
        const src = "/api/rules/source?" + new URLSearchParams(x.id ? { format: x.format, id: x.id } : { format: x.format, name: x.name });
        return row([x.format, x.type, x.enabled ? "enabled" : "disabled: " + (x.disabledReason || "off"), el("td", {}, sev(x.severity)),
          el("td", {}, el("strong", {}, x.name), x.description ? el("div", { class: "muted" }, x.description) : null),
          el("td", { class: "wrap" }, el("a", { href: src, target: "_blank", rel: "noopener noreferrer" }, x.file + (x.line > 0 ? ":" + x.line : ""))),
          (x.needs || []).join("; "), (x.eventNames || []).join(", ")], { "data-rule": x.name });
      }))];
  }

  // Ingest: the files read, the last run, the quarantine.
  async function ingestPage() {
    const r = await api("ingest");
    const c = r.counts;
    return [el("h1", {}, "Ingest"),
      el("div", { class: "box" }, el("dl", { class: "kv" },
        el("dt", {}, "store"), el("dd", {}, r.store),
        el("dt", {}, "events"), el("dd", {}, fmt(c.events)), el("dt", {}, "alerts"), el("dd", {}, fmt(c.alerts)),
        el("dt", {}, "credential issuances"), el("dd", {}, fmt(c.issuances)),
        el("dt", {}, "last run"), el("dd", { id: "last-run" }, r.lastRun.at ? r.lastRun.at + ": " + fmt(r.lastRun.files) + " files, "
          + fmt(r.lastRun.records) + " records, " + fmt(r.lastRun.quarantined) + " quarantined" : "none"))),
      el("h2", {}, "Quarantine by reason"), table(["reason", "records"], r.quarantineByReason.map(function (q) { return row([q.reason, num(q.count)]); }), [1]),
      el("h2", {}, "Quarantined records (newest 500)"), table(["reason", "file", "byte offset", "line", "detail"],
        r.quarantine.map(function (q) { return row([q.reason, el("td", { class: "wrap" }, q.source), num(q.byteOffset), num(q.line), q.detail]); }), [2, 3]),
      el("h2", {}, "Files read (newest 500)"), table(["file", "size", "records", "quarantined", "read at"],
        r.files.map(function (f) { return row([el("td", { class: "wrap" }, f.path), num(f.size), num(f.records), num(f.quarantined), f.ingestedAt]); }), [1, 2, 3])];
  }

  window.addEventListener("hashchange", render);
  render();
})();
