package io.trailhound.core.alert;

import io.trailhound.core.identity.Attribution;
import io.trailhound.core.identity.Hop;
import io.trailhound.core.identity.Origin;
import io.trailhound.core.rules.ir.RuleInfo;
import io.trailhound.core.rules.ir.Threat;
import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes alerts (and attribution updates) as JSON straight into a reusable {@link JsonLine}: the
 * one layout of {@link AlertJson}, with no tree, map or string built per alert. What repeats is
 * escaped once and kept: a rule's own keys and values (by rule), an attribution's {@code origin}
 * object and its {@code origin=…} text (by credential answer: alerts of one credential share its
 * {@link Attribution}), the date part of the time. One thread at a time: a host keeps one per sink
 * (or per thread, {@link AlertJson#line}).
 */
public final class AlertWriter {
    /** Rules remembered at most; past it the memory starts again (a host that makes rules per alert). */
    private static final int MAX_RULES = 4096;
    /** Attributions remembered: a direct-mapped table by identity, so a credential's alerts reuse its parts. */
    private static final int ORIGIN_SLOTS = 256;
    /** "HH:mm:ss.SSSSSSSSSZ" after the date of {@link AlertJson#time}'s pattern. */
    private static final int TIME_OF_DAY = 19;

    private final Map<RuleInfo, RuleParts> rules = new IdentityHashMap<>();
    private final OriginParts[] origins = new OriginParts[ORIGIN_SLOTS];
    /** Where {@link #line} writes. */
    private final JsonLine scratch = new JsonLine();
    /** Where the parts kept are built. */
    private final JsonLine parts = new JsonLine();
    private long day = Long.MIN_VALUE;
    private String dayText;

    /** A rule's parts of the alert, escaped once. */
    private record RuleParts(char[] head, boolean headAscii, char[] middle, boolean middleAscii, char[] tail,
                             boolean tailAscii) {
    }

    /** An attribution's parts: the {@code origin} object and the {@code " origin=…"} end of the message. */
    private record OriginParts(Attribution attribution, char[] json, boolean jsonAscii, char[] text, boolean textAscii) {
    }

    /** The alert as one line into {@code out} (cleared first). */
    void write(Alert a, JsonLine out) {
        out.clear();
        RuleInfo r = a.rule();
        RuleParts rp = rule(r);
        AlertEvent e = a.event();
        Attribution at = a.attribution();
        OriginParts op = at == null ? null : origin(at);
        out.raw("{\"time\":");
        time(e, out);
        out.raw(rp.head, rp.headAscii);
        out.raw(",\"output\":\"").escape(a.output() == null ? r.name() : a.output());
        if (op != null) {
            out.raw(op.text, op.textAscii);
        }
        out.raw("\",\"output_fields\":");
        map(a.outputFields(), out);
        out.raw(rp.middle, rp.middleAscii);
        out.raw(",\"eventID\":").string(e.eventID());
        out.raw(",\"origin\":");
        if (op == null) {
            out.raw("null");
        } else {
            out.raw(op.json, op.jsonAscii);
        }
        out.raw(",\"id\":").string(a.id());
        out.raw(rp.tail, rp.tailAscii);
        out.raw(",\"event\":{\"eventName\":").string(e.eventName())
                .raw(",\"eventSource\":").string(e.eventSource())
                .raw(",\"awsRegion\":").string(e.awsRegion())
                .raw(",\"recipientAccountId\":").string(e.recipientAccountId())
                .raw(",\"sourceIPAddress\":").string(e.sourceIPAddress())
                .raw(",\"identityType\":").string(e.identityType())
                .raw(",\"principalArn\":").string(e.principalArn());
        if (e.file() != null) {
            out.raw(",\"file\":").string(e.file()).raw(",\"offset\":").number(e.offset());
        }
        out.raw('}');
        if (!a.context().isEmpty()) {
            out.raw(",\"context\":");
            map(a.context(), out);
        }
        out.raw('}');
    }

    /** The update as one line into {@code out} (cleared first). */
    void write(AlertUpdate u, JsonLine out) {
        OriginParts op = u.attribution() == null ? null : origin(u.attribution());
        out.clear();
        out.raw("{\"type\":\"attribution_update\",\"id\":").string(u.alertId())
                .raw(",\"eventID\":").string(u.alert().event().eventID())
                .raw(",\"rule\":").string(u.alert().rule().name())
                .raw(",\"origin\":");
        if (op == null) {
            out.raw("null");
        } else {
            out.raw(op.json, op.jsonAscii);
        }
        out.raw(",\"settled\":").raw(u.settled() ? "true" : "false").raw('}');
    }

    /** The alert's line as a string (a host that keeps or forwards lines). */
    public String line(Alert a) {
        write(a, scratch);
        return scratch.toString();
    }

    /** The update's line as a string. */
    public String line(AlertUpdate u) {
        write(u, scratch);
        return scratch.toString();
    }

    /** The event's time as {@link AlertJson} writes it: nanosecond digits in UTC, the date worked out once a day. */
    private void time(AlertEvent e, JsonLine out) {
        long ms = e.timeMillis();
        if (ms == Long.MIN_VALUE) {
            out.string(e.time());
            return;
        }
        long sec = Math.floorDiv(ms, 1000);
        long d = Math.floorDiv(sec, 86_400);
        if (d != day) {
            String t = AlertJson.time(Instant.ofEpochSecond(d * 86_400));
            dayText = t.substring(0, t.length() - TIME_OF_DAY);
            day = d;
        }
        int s = (int) (sec - d * 86_400);
        int milli = (int) Math.floorMod(ms, 1000);
        out.raw('"').raw(dayText);
        two(out, s / 3600).raw(':');
        two(out, s / 60 % 60).raw(':');
        two(out, s % 60).raw('.');
        out.raw((char) ('0' + milli / 100)).raw((char) ('0' + milli / 10 % 10)).raw((char) ('0' + milli % 10));
        out.raw("000000Z\"");
    }

    private static JsonLine two(JsonLine out, int v) {
        return out.raw((char) ('0' + v / 10)).raw((char) ('0' + v % 10));
    }

    /** A map of text as a JSON object, null values as null (absent fields of {@code output_fields}). */
    private static void map(Map<String, String> m, JsonLine out) {
        out.raw('{');
        if (m != null) {
            boolean first = true;
            for (Map.Entry<String, String> f : m.entrySet()) {
                if (!first) {
                    out.raw(',');
                }
                first = false;
                out.key(f.getKey()).string(f.getValue());
            }
        }
        out.raw('}');
    }

    private RuleParts rule(RuleInfo r) {
        RuleParts p = rules.get(r);
        if (p != null) {
            return p;
        }
        if (rules.size() >= MAX_RULES) {
            rules.clear();
        }
        JsonLine l = parts;
        l.clear();
        l.raw(",\"rule\":").string(r.name()).raw(",\"priority\":").string(AlertJson.priorityWord(r));
        char[] head = l.since(0);
        boolean headAscii = l.ascii();
        l.clear();
        l.raw(",\"source\":\"aws_cloudtrail\",\"tags\":");
        strings(r.tags(), l);
        char[] middle = l.since(0);
        boolean middleAscii = l.ascii();
        l.clear();
        l.raw(",\"rule_id\":").string(r.id()).raw(",\"format\":").string(r.format().id())
                .raw(",\"severity\":").string(r.severity() == null ? null : r.severity().id());
        if (r.riskScore() != null) {
            l.raw(",\"risk_score\":").number(r.riskScore());
        }
        if (!r.threat().isEmpty()) {
            l.raw(",\"threat\":[");
            for (int i = 0; i < r.threat().size(); i++) {
                Threat th = r.threat().get(i);
                l.raw(i == 0 ? "{" : ",{").raw("\"tactic_id\":").string(th.tacticId()).raw(",\"tactic\":").string(th.tacticName())
                        .raw(",\"technique_id\":").string(th.techniqueId()).raw(",\"technique\":").string(th.techniqueName());
                if (th.subtechniqueId() != null) {
                    l.raw(",\"subtechnique_id\":").string(th.subtechniqueId())
                            .raw(",\"subtechnique\":").string(th.subtechniqueName());
                }
                l.raw('}');
            }
            l.raw(']');
        }
        if (!r.author().isEmpty()) {
            l.raw(",\"author\":");
            strings(r.author(), l);
        }
        p = new RuleParts(head, headAscii, middle, middleAscii, l.since(0), l.ascii());
        l.clear();
        rules.put(r, p);
        return p;
    }

    private static void strings(List<String> values, JsonLine out) {
        out.raw('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.raw(',');
            }
            out.string(values.get(i));
        }
        out.raw(']');
    }

    private OriginParts origin(Attribution at) {
        int slot = System.identityHashCode(at) & (ORIGIN_SLOTS - 1);
        OriginParts p = origins[slot];
        if (p != null && p.attribution == at) {
            return p;
        }
        JsonLine l = parts;
        l.clear();
        origin(at, l);
        char[] json = l.since(0);
        boolean jsonAscii = l.ascii();
        l.clear();
        l.raw(' ').escape(AlertJson.originText(at));
        p = new OriginParts(at, json, jsonAscii, l.since(0), l.ascii());
        l.clear();
        origins[slot] = p;
        return p;
    }

    /** An attribution's {@code origin} object: {@link #origin(String, String, String, String, String, String, String, JsonLine)} plus {@code via}. */
    static void origin(Attribution at, JsonLine out) {
        Origin o = at.origin();
        String confidence = at.confidence().jsonName();
        if (o == null) {
            origin(null, null, null, null, null, confidence, at.reason(), out);
        } else {
            origin(o.type(), o.arn(), o.name(), o.provider(), o.account(), confidence, at.reason(), out);
        }
        List<Hop> chain = at.chain();
        if (!chain.isEmpty()) {
            out.truncate(out.length() - 1); // reopen the object for via
            out.raw(",\"via\":[");
            for (int i = chain.size() - 1; i >= 0; i--) {
                if (i < chain.size() - 1) {
                    out.raw(',');
                }
                out.string(chain.get(i).arn());
            }
            out.raw("]}");
        }
    }

    /** {@code {type, arn | name, provider?, account?, confidence, reason?}}; confidence "unknown" when not attributed. */
    static void origin(String type, String arn, String name, String provider, String account, String confidence,
                       String reason, JsonLine out) {
        out.raw("{\"type\":").string(type);
        if (arn != null) {
            out.raw(",\"arn\":").string(arn);
        } else {
            out.raw(",\"name\":").string(name);
        }
        if (provider != null) {
            out.raw(",\"provider\":").string(provider);
        }
        if (account != null) {
            out.raw(",\"account\":").string(account);
        }
        out.raw(",\"confidence\":").string(confidence == null ? "unknown" : confidence);
        if (reason != null || confidence == null) {
            out.raw(",\"reason\":").string(reason != null ? reason : "not attributed in the store");
        }
        out.raw('}');
    }
}
