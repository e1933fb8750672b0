package io.trailhound.core.rules.elastic;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.ir.Accessor;
import io.trailhound.core.rules.ir.Accessors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A key of {@code aws.cloudtrail.flattened.request_parameters} (or response_elements,
 * additional_eventdata, service_event_details): Elasticsearch's {@code flattened} type indexes
 * every leaf as a keyword string under its dotted path, arrays of objects crossed. The pipeline
 * only makes the flattened copy when the object's string form is under 32,766 characters.
 */
final class FlattenedField {
    static final int MAX_SOURCE_CHARS = 32766;

    private FlattenedField() {
    }

    /** The accessor for {@code name}: the key at {@code path} below the CloudTrail member {@code cloudTrailKey}. */
    static Accessor accessor(String name, String cloudTrailKey, String[] path) {
        // Every value is a leaf's string text, or a number or boolean as Java writes it, read from the
        // member: tests that need a text are checked in its bytes first (MemberGates).
        return Accessors.fromMember(name, cloudTrailKey, e -> values(e, cloudTrailKey, path));
    }

    private static Object values(CloudTrailEvent event, String cloudTrailKey, String[] path) {
        JsonNode member = cloudTrailKey.equals("additionalEventData")
                ? EcsFields.additionalEventData(event) : event.member(cloudTrailKey);
        if (member == null) {
            return null;
        }
        // The member's text is never longer than the record's JSON, so most records need no measuring.
        byte[] raw = event.rawBytes();
        if (raw == null || raw.length >= MAX_SOURCE_CHARS) {
            Object root = PipelineValues.toJava(member);
            if (root != null && root.toString().length() >= MAX_SOURCE_CHARS) {
                return null;
            }
        }
        List<String> out = new ArrayList<>(1);
        if (path.length == 0) {
            leaves(PipelineValues.toJava(member), out); // the field itself, in the order of the pipeline's maps
        } else {
            collect(member, path, 0, out);
        }
        return EcsValues.of(out);
    }

    /** Every leaf of a pipeline value: the field itself exists when it has any. */
    private static void leaves(Object node, List<String> out) {
        if (node instanceof List<?> l) {
            l.forEach(el -> leaves(el, out));
        } else if (node instanceof Map<?, ?> m) {
            m.values().forEach(v -> leaves(v, out));
        } else if (node != null) {
            out.add(String.valueOf(node));
        }
    }

    /**
     * The leaves at {@code path} below {@code node}, as the pipeline's Java value of it holds them
     * ({@link PipelineValues#toJava}: nulls and empty values removed), walked on the parsed member
     * itself: a rule reading one key converts that key's leaves, not the whole member, per event.
     */
    private static void collect(JsonNode node, String[] path, int i, List<String> out) {
        if (node.isArray()) {
            for (JsonNode el : node) {
                collect(el, path, i, out);
            }
            return;
        }
        if (i == path.length) {
            if (node.isObject()) {
                return; // a key holding an object has no value of its own
            }
            Object leaf = PipelineValues.toJava(node); // null for JSON null and for values the pipeline removes
            if (leaf != null) {
                out.add(String.valueOf(leaf));
            }
            return;
        }
        if (node.isObject()) {
            JsonNode child = node.get(path[i]);
            if (child != null) {
                collect(child, path, i + 1, out);
            }
        }
    }
}
