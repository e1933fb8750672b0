package io.trailhound.core.alert;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailhound.core.UnsafeText;
import io.trailhound.core.identity.Attribution;
import io.trailhound.core.identity.Hop;
import io.trailhound.core.identity.Origin;
import io.trailhound.core.rules.RuleFormats;
import io.trailhound.core.rules.ir.RuleInfo;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * An alert as JSON, the one rendering every host prints ({@code scan --format ndjson}, the Flink
 * job's alert sink). The keys are public: Falco's ({@code time}, {@code rule}, {@code priority},
 * {@code output}, {@code output_fields}, {@code source}, {@code tags}) so tools reading Falco's
 * JSON read ours, plus {@code eventID}, {@code origin}, {@code id}, {@code rule_id}, {@code format},
 * {@code severity}, {@code risk_score}, {@code threat}, {@code author}. {@link #MAPPER} escapes
 * terminal controls ({@link UnsafeText#jsonEscapes()}): log fields are attacker-controlled.
 */
public final class AlertJson {
    /** Every JSON document a host writes goes through this mapper, so all escape the same way. */
    public static final ObjectMapper MAPPER = new ObjectMapper(new JsonFactoryBuilder()
            .characterEscapes(UnsafeText.jsonEscapes()).build()).disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    /** One writer per thread: it keeps what repeats across alerts (a rule's parts, a credential's origin). */
    private static final ThreadLocal<AlertWriter> WRITERS = ThreadLocal.withInitial(AlertWriter::new);
    private static final DateTimeFormatter NANOS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private AlertJson() {
    }

    /** The alert as one NDJSON line (no line break), written by this thread's {@link AlertWriter}. */
    public static String line(Alert a) {
        return WRITERS.get().line(a);
    }

    /** The update as one NDJSON line (no line break): see {@link #update}. */
    public static String line(AlertUpdate u) {
        return WRITERS.get().line(u);
    }

    /** A JSON document as one line, escaped as every host writes it. */
    public static String line(Object doc) {
        try {
            return MAPPER.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /** The alert as a tree (for documents that hold alerts): the same JSON as {@link #line(Alert)}. */
    public static ObjectNode json(Alert a) {
        return tree(line(a));
    }

    /**
     * A later attribution of an alert already sent: one NDJSON record
     * {@code {"type":"attribution_update","id":...,"eventID":...,"rule":...,"origin":{...},"settled":...}}
     * that a reader applies to the alert with that {@code id}; never a second alert.
     */
    public static ObjectNode update(AlertUpdate u) {
        return tree(line(u));
    }

    /** An event time as alerts write it: UTC, nanosecond digits. */
    static String time(Instant t) {
        return NANOS.format(t);
    }

    /** The rule's level in its language's words (Falco capitalises: {@code Warning}). */
    public static String priorityWord(RuleInfo r) {
        return RuleFormats.standard().of(r.format()).priorityWord(r);
    }

    /** The rule's message with the origin appended: {@code origin=ARN (exact, via Dev→Admin)}. */
    public static String output(Alert a) {
        String msg = a.output() == null ? a.rule().name() : a.output();
        Attribution at = a.attribution();
        if (at == null) {
            return msg;
        }
        return msg + " " + originText(at);
    }

    public static String originText(Attribution at) {
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
    public static String roleName(String arn) {
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
    public static ObjectNode origin(Attribution at) {
        if (at == null) {
            return null;
        }
        JsonLine l = new JsonLine();
        AlertWriter.origin(at, l);
        return tree(l.toString());
    }

    /** {@code {type, arn | name, provider?, account?, confidence, reason?}}; confidence "unknown" when not attributed. */
    public static ObjectNode origin(String type, String arn, String name, String provider, String account, String confidence,
                                    String reason) {
        JsonLine l = new JsonLine();
        AlertWriter.origin(type, arn, name, provider, account, confidence, reason, l);
        return tree(l.toString());
    }

    /** A tree of JSON this class wrote (one layout, written once: the tree is read back from it). */
    private static ObjectNode tree(String json) {
        try {
            return (ObjectNode) MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read back JSON written here", e);
        }
    }
}
