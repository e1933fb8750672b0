package io.trailhound.core.alert;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailhound.core.identity.Attribution;
import io.trailhound.core.identity.Hop;
import io.trailhound.core.identity.Origin;
import io.trailhound.core.rules.ir.RuleInfo;
import io.trailhound.core.rules.ir.Threat;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The alert JSON as {@link AlertJson} built it before {@link AlertWriter}: a Jackson tree per
 * alert, written by {@link AlertJson#MAPPER}. Kept unchanged, in the tests only, as the reference
 * the streaming writer must match byte for byte (the alert JSON is public interface).
 */
final class AlertJsonBefore {
    private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER = AlertJson.MAPPER;
    private static final DateTimeFormatter NANOS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private AlertJsonBefore() {
    }

    static String line(Object doc) {
        return AlertJson.line(doc);
    }

    static String priorityWord(RuleInfo r) {
        return AlertJson.priorityWord(r);
    }

    static ObjectNode json(Alert a) {
        RuleInfo r = a.rule();
        ObjectNode o = MAPPER.createObjectNode();
        o.put("time", a.event().timeMillis() == Long.MIN_VALUE ? a.event().time()
                : NANOS.format(Instant.ofEpochMilli(a.event().timeMillis())));
        o.put("rule", r.name());
        o.put("priority", priorityWord(r));
        o.put("output", output(a));
        ObjectNode fields = o.putObject("output_fields");
        a.outputFields().forEach(fields::put);
        o.put("source", "aws_cloudtrail");
        ArrayNode tags = o.putArray("tags");
        r.tags().forEach(tags::add);
        o.put("eventID", a.event().eventID());
        o.set("origin", origin(a.attribution()));
        o.put("id", a.id());
        o.put("rule_id", r.id());
        o.put("format", r.format().id());
        o.put("severity", r.severity() == null ? null : r.severity().id());
        if (r.riskScore() != null) {
            o.put("risk_score", r.riskScore());
        }
        if (!r.threat().isEmpty()) {
            ArrayNode t = o.putArray("threat");
            for (Threat th : r.threat()) {
                ObjectNode x = t.addObject();
                x.put("tactic_id", th.tacticId()).put("tactic", th.tacticName())
                        .put("technique_id", th.techniqueId()).put("technique", th.techniqueName());
                if (th.subtechniqueId() != null) {
                    x.put("subtechnique_id", th.subtechniqueId()).put("subtechnique", th.subtechniqueName());
                }
            }
        }
        if (!r.author().isEmpty()) {
            ArrayNode au = o.putArray("author");
            r.author().forEach(au::add);
        }
        ObjectNode ev = o.putObject("event");
        ev.put("eventName", a.event().eventName()).put("eventSource", a.event().eventSource())
                .put("awsRegion", a.event().awsRegion()).put("recipientAccountId", a.event().recipientAccountId())
                .put("sourceIPAddress", a.event().sourceIPAddress()).put("identityType", a.event().identityType())
                .put("principalArn", a.event().principalArn());
        if (a.event().file() != null) {
            ev.put("file", a.event().file()).put("offset", a.event().offset());
        }
        if (!a.context().isEmpty()) {
            ObjectNode c = o.putObject("context");
            a.context().forEach(c::put);
        }
        return o;
    }

    /**
     * A later attribution of an alert already sent: one NDJSON record
     * {@code {"type":"attribution_update","id":...,"eventID":...,"rule":...,"origin":{...},"settled":...}}
     * that a reader applies to the alert with that {@code id}; never a second alert.
     */
    static ObjectNode update(AlertUpdate u) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("type", "attribution_update");
        o.put("id", u.alertId());
        o.put("eventID", u.alert().event().eventID());
        o.put("rule", u.alert().rule().name());
        o.set("origin", origin(u.attribution()));
        o.put("settled", u.settled());
        return o;
    }

    /** The rule's message with the origin appended: {@code origin=ARN (exact, via Dev→Admin)}. */
    static String output(Alert a) {
        String msg = a.output() == null ? a.rule().name() : a.output();
        Attribution at = a.attribution();
        if (at == null) {
            return msg;
        }
        return msg + " " + originText(at);
    }

    static String originText(Attribution at) {
        Origin o = at.origin();
        StringBuilder sb = new StringBuilder("origin=");
        sb.append(o == null ? "unknown" : o.label()).append(" (").append(at.confidence().jsonName());
        List<String> roles = new ArrayList<>();
        for (int i = at.chain().size() - 1; i >= 0; i--) {
            Hop h = at.chain().get(i);
            String role = roleName(h.arn());
            if (role != null) {
                roles.add(role);
            }
        }
        if (!roles.isEmpty()) {
            sb.append(", via ").append(String.join("\u2192", roles));
        }
        if (o == null && at.reason() != null) {
            sb.append(", ").append(at.reason());
        }
        return sb.append(')').toString();
    }

    /** {@code Admin} from {@code arn:aws:sts::1:assumed-role/Admin/session}; null for other ARNs. */
    static String roleName(String arn) {
        if (arn == null) {
            return null;
        }
        int i = arn.indexOf(":assumed-role/");
        if (i < 0) {
            return null;
        }
        int start = i + ":assumed-role/".length();
        int end = arn.indexOf('/', start);
        return end < 0 ? arn.substring(start) : arn.substring(start, end);
    }

    /** The alert's {@code origin}: as {@link #origin(String, String, String, String, String, String, String)}, plus {@code via}. */
    static ObjectNode origin(Attribution at) {
        if (at == null) {
            return null;
        }
        Origin o = at.origin();
        ObjectNode n = o == null
                ? origin(null, null, null, null, null, at.confidence().jsonName(), at.reason())
                : origin(o.type(), o.arn(), o.name(), o.provider(), o.account(), at.confidence().jsonName(), at.reason());
        if (!at.chain().isEmpty()) {
            ArrayNode via = n.putArray("via");
            for (int i = at.chain().size() - 1; i >= 0; i--) {
                via.add(at.chain().get(i).arn());
            }
        }
        return n;
    }

    /** {@code {type, arn | name, provider?, account?, confidence, reason?}}; confidence "unknown" when not attributed. */
    static ObjectNode origin(String type, String arn, String name, String provider, String account, String confidence,
                                    String reason) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("type", type);
        if (arn != null) {
            o.put("arn", arn);
        } else {
            o.put("name", name);
        }
        if (provider != null) {
            o.put("provider", provider);
        }
        if (account != null) {
            o.put("account", account);
        }
        o.put("confidence", confidence == null ? "unknown" : confidence);
        if (reason != null || confidence == null) {
            o.put("reason", reason != null ? reason : "not attributed in the store");
        }
        return o;
    }
}
