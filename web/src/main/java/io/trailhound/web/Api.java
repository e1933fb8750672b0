package io.trailhound.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.trailhound.core.rules.ir.CompiledRule;
import io.trailhound.store.StoreQueries;
import io.trailhound.store.StoredJson;
import io.trailhound.store.WhoAnswer;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The JSON API under {@code /api}, one method an endpoint; the pages use nothing else. Alerts are
 * served as {@code scan --format ndjson} printed them, {@code who} as {@code who --format json}
 * prints it, events as {@code search --format ndjson} prints them.
 */
final class Api {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 1000;

    private final StoreAccess store;
    private final RuleCatalog rules;
    private final JsonNode posture;
    private final String postureHint;

    /** {@code posture} null: none was given ({@code postureHint} says how to give one). */
    Api(StoreAccess store, RuleCatalog rules, JsonNode posture, String postureHint) {
        this.store = store;
        this.rules = rules;
        this.posture = posture;
        this.postureHint = postureHint;
    }

    /**
     * {@code GET /api/alerts}: {@code {total, limit, offset, alerts: [...], ids: [...], newer, older}},
     * newest first; the page at {@code offset}, or next to a cursor: {@code before=} (the next older
     * page; pass it {@code older}) or {@code after=} (the next newer page; pass it {@code newer}).
     */
    void alerts(Context ctx) {
        AlertFilter f = AlertFilter.from(ctx::queryParams);
        int limit = number(ctx, "limit", DEFAULT_LIMIT, 0, MAX_LIMIT);
        int offset = number(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        AlertCursor before = AlertCursor.parse("before", ctx.queryParam("before"));
        AlertCursor after = AlertCursor.parse("after", ctx.queryParam("after"));
        if ((before != null ? 1 : 0) + (after != null ? 1 : 0) + (offset > 0 ? 1 : 0) > 1) {
            throw WebServerException.badRequest("give one of offset, before and after");
        }
        List<JsonNode> lines = new java.util.ArrayList<>();
        AlertPager.AlertPage page = store.read(s -> {
            AlertPager.AlertPage p = before != null ? AlertPager.page(s, f, limit, before, true)
                    : after != null ? AlertPager.page(s, f, limit, after, false) : AlertPager.page(s, f, limit, offset);
            lines.addAll(alertJson(s, p.alerts()));
            return p;
        });
        ObjectNode o = WebJson.object().put("total", page.total()).put("limit", limit).put("offset", page.offset());
        ArrayNode alerts = o.putArray("alerts");
        ArrayNode ids = o.putArray("ids");
        for (int i = 0; i < lines.size(); i++) {
            alerts.add(lines.get(i));
            ids.add(page.alerts().get(i).id());
        }
        o.put("newer", page.newer() == null ? null : page.newer().toString());
        o.put("older", page.older() == null ? null : page.older().toString());
        WebJson.send(ctx, o);
    }

    /** {@code GET /api/alerts/counts}: the matching alerts by rule, severity and format. */
    void alertCounts(Context ctx) {
        AlertFilter f = AlertFilter.from(ctx::queryParams);
        ObjectNode o = WebJson.object();
        store.read(s -> {
            counts(o.putArray("byRule"), "rule", WebQueries.alertCounts(s, f, "ruleName"));
            counts(o.putArray("bySeverity"), "severity", WebQueries.alertCounts(s, f, "severity"));
            counts(o.putArray("byFormat"), "format", WebQueries.alertCounts(s, f, "format"));
            return null;
        });
        WebJson.send(ctx, o);
    }

    /** {@code GET /api/alert?id=ID}: the alert, its rule, the event's record and who was behind it. */
    void alert(Context ctx) {
        String id = required(ctx, "id");
        ObjectNode o = WebJson.object();
        store.read(s -> {
            WebQueries.AlertRow r = WebQueries.alert(s, id);
            if (r == null) {
                throw WebServerException.notFound("no alert " + id + " in the store");
            }
            o.put("id", r.id());
            o.set("alert", alertJson(s, List.of(r)).get(0));
            CompiledRule rule = rules.find(r.format(), r.ruleId(), r.ruleName());
            o.set("rule", rule == null ? null : RuleCatalog.json(rule));
            o.set("event", r.eventID() == null ? null : WebJson.parse(WebQueries.rawEvent(s, r.eventID())));
            Optional<WhoAnswer> who = r.eventID() == null ? Optional.empty() : s.who(r.eventID());
            o.set("who", who.map(w -> (JsonNode) StoredJson.who(w)).orElse(null));
            return null;
        });
        WebJson.send(ctx, o);
    }

    /** {@code GET /api/who?q=KEY|ARN|EVENT-ID}: what {@code who --format json} prints; 404 when nothing matches. */
    void who(Context ctx) {
        String q = required(ctx, "q");
        Optional<WhoAnswer> w = store.read(s -> s.who(q));
        if (w.isEmpty()) {
            throw WebServerException.notFound("nothing in the store matches " + q);
        }
        WebJson.send(ctx, StoredJson.who(w.get()));
    }

    /**
     * {@code GET /api/timeline?origin=ARN-OR-NAME[&from&to&limit]}: the origin's events in time
     * order (the first {@code limit}), its activity per time bucket, and its alerts.
     */
    void timeline(Context ctx) {
        String origin = required(ctx, "origin");
        Instant from = AlertFilter.time("from", ctx.queryParam("from"));
        Instant to = AlertFilter.time("to", ctx.queryParam("to"));
        int limit = number(ctx, "limit", 500, 0, 10_000);
        ObjectNode o = WebJson.object().put("origin", origin);
        store.read(s -> {
            WebQueries.Activity a = WebQueries.activity(s, origin, from, to, 120);
            o.put("total", a.total());
            ObjectNode act = o.putObject("activity").put("bucketMillis", a.bucketMillis());
            ArrayNode buckets = act.putArray("buckets");
            for (long[] b : a.buckets()) {
                buckets.addObject().put("time", Instant.ofEpochMilli(b[0]).toString()).put("count", b[1]);
            }
            ArrayNode events = o.putArray("events");
            s.timeline(origin, from, to, (long) limit, e -> events.add(StoredJson.event(e)));
            ArrayNode alerts = o.putArray("alerts");
            for (WebQueries.AlertRow r : WebQueries.alertsOfOrigin(s, origin, from, to, 1000)) {
                alerts.addObject().put("id", r.id()).put("time", Instant.ofEpochMilli(r.timeMillis()).toString())
                        .put("rule", r.ruleName()).put("severity", r.severity()).put("eventID", r.eventID());
            }
            return null;
        });
        WebJson.send(ctx, o);
    }

    /** {@code GET /api/posture}: the {@code audit --format json} report, or {@code {available: false, hint}}. */
    void posture(Context ctx) {
        if (posture == null) {
            WebJson.send(ctx, WebJson.object().put("available", false).put("hint", postureHint));
            return;
        }
        WebJson.send(ctx, posture);
    }

    /** {@code GET /api/rules}: the loaded rules as {@code rules list --format json} gives them, with descriptions. */
    void rules(Context ctx) {
        ObjectNode o = WebJson.object();
        ArrayNode arr = o.putArray("rules");
        long enabled = 0;
        for (CompiledRule c : rules.rules()) {
            arr.add(RuleCatalog.json(c));
            enabled += c.info().enabled() ? 1 : 0;
        }
        o.put("loaded", rules.rules().size()).put("enabled", enabled).put("skipped", rules.skipped());
        WebJson.send(ctx, o);
    }

    /** {@code GET /api/rules/source?format=F&id=ID} (or {@code &name=NAME}): the rule's file as plain text. */
    void ruleSource(Context ctx) throws IOException {
        CompiledRule c = rules.find(required(ctx, "format"), ctx.queryParam("id"), ctx.queryParam("name"));
        String text = c == null ? null : rules.source(c);
        if (text == null) {
            throw WebServerException.notFound("no loaded rule file for that rule");
        }
        // Shown as text, never run: the rule file is attacker-controlled too.
        ctx.header("Content-Security-Policy", "default-src 'none'; sandbox");
        ctx.contentType("text/plain; charset=utf-8").result(text);
    }

    /** {@code GET /api/ingest}: table counts, the last run, the files read and the quarantine. */
    void ingest(Context ctx) {
        ObjectNode o = WebJson.object().put("store", store.location());
        store.read(s -> {
            ObjectNode counts = o.putObject("counts");
            s.counts().forEach(counts::put);
            o.set("lastRun", WebJson.MAPPER.valueToTree(WebQueries.lastRun(s)));
            ArrayNode files = o.putArray("files");
            for (WebQueries.IngestedFile f : WebQueries.files(s, 500)) {
                files.addObject().put("path", f.path()).put("size", f.size()).put("records", f.records())
                        .put("quarantined", f.quarantined()).put("ingestedAt", Instant.ofEpochMilli(f.ingestedAtMillis()).toString());
            }
            counts(o.putArray("quarantineByReason"), "reason", WebQueries.quarantineByReason(s));
            ArrayNode q = o.putArray("quarantine");
            for (WebQueries.Quarantined e : WebQueries.quarantine(s, 500)) {
                q.addObject().put("reason", e.reason()).put("source", e.source()).put("byteOffset", e.byteOffset())
                        .put("line", e.line()).put("detail", e.detail()).put("at", Instant.ofEpochMilli(e.atMillis()).toString());
            }
            return null;
        });
        WebJson.send(ctx, o);
    }

    /** The stored NDJSON line; an alert stored before it was kept gets the stored columns in the same keys. */
    /**
     * The alerts as {@code scan --format ndjson} printed them, with the origin brought up to date
     * where the credential's answer improved since (the row's origin columns follow it; the
     * printed line does not).
     */
    static List<JsonNode> alertJson(StoreQueries s, List<WebQueries.AlertRow> rows) {
        List<JsonNode> out = new java.util.ArrayList<>(rows.size());
        List<String> stale = new java.util.ArrayList<>();
        for (WebQueries.AlertRow r : rows) {
            JsonNode j = alertJson(r);
            out.add(j);
            if (r.json() != null && r.eventID() != null && !sameOrigin(j.path("origin"), r)) {
                stale.add(r.eventID());
            }
        }
        if (!stale.isEmpty()) {
            java.util.Map<String, ObjectNode> now = WebQueries.currentOrigins(s, stale);
            for (int i = 0; i < rows.size(); i++) {
                ObjectNode current = rows.get(i).eventID() == null ? null : now.get(rows.get(i).eventID());
                if (current != null && out.get(i) instanceof ObjectNode line) {
                    line.set("origin", current);
                }
            }
        }
        return out;
    }

    private static boolean sameOrigin(JsonNode printed, WebQueries.AlertRow r) {
        String label = printed.hasNonNull("arn") ? printed.path("arn").asText() : printed.path("name").asText(null);
        return java.util.Objects.equals(printed.path("confidence").asText(null), r.confidence())
                && java.util.Objects.equals(label, r.originLabel());
    }

    static JsonNode alertJson(WebQueries.AlertRow r) {
        if (r.json() != null) {
            return WebJson.parse(r.json());
        }
        ObjectNode o = WebJson.object().put("time", Instant.ofEpochMilli(r.timeMillis()).toString()).put("rule", r.ruleName())
                .put("priority", r.priority()).put("output", r.output()).put("eventID", r.eventID());
        ObjectNode origin = o.putObject("origin").put("type", r.originType()).put("name", r.originLabel())
                .put("confidence", r.confidence() == null ? "unknown" : r.confidence());
        if (r.originLabel() != null && r.originLabel().startsWith("arn:")) {
            origin.remove("name");
            origin.put("arn", r.originLabel());
        }
        o.put("rule_id", r.ruleId()).put("format", r.format()).put("severity", r.severity());
        o.putObject("event").put("eventName", r.eventName()).put("recipientAccountId", r.account());
        return o;
    }

    private static void counts(ArrayNode into, String key, List<WebQueries.Count> counts) {
        for (WebQueries.Count c : counts) {
            into.addObject().put(key, c.key()).put("count", c.count());
        }
    }

    private static String required(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            throw WebServerException.badRequest("the parameter '" + name + "' is required");
        }
        return v.strip();
    }

    private static int number(Context ctx, String name, int dflt, int min, int max) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v.strip());
            if (n < min || n > max) {
                throw WebServerException.badRequest(name + " must be from " + min + " to " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw WebServerException.badRequest(name + " must be a whole number");
        }
    }
}
