package io.trailhound.core.rules.elastic;

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
        return Accessors.parsed(name, e -> values(e, cloudTrailKey, path));
    }

    private static Object values(CloudTrailEvent event, String cloudTrailKey, String[] path) {
        Object root = PipelineValues.toJava(cloudTrailKey.equals("additionalEventData")
                ? EcsFields.additionalEventData(event) : event.member(cloudTrailKey));
        if (root == null) {
            return null;
        }
        // The member's text is never longer than the record's JSON, so most records need no measuring.
        byte[] raw = event.rawBytes();
        if ((raw == null || raw.length >= MAX_SOURCE_CHARS) && root.toString().length() >= MAX_SOURCE_CHARS) {
            return null;
        }
        List<String> out = new ArrayList<>();
        collect(root, path, 0, out);
        return EcsValues.of(out);
    }

    private static void collect(Object node, String[] path, int i, List<String> out) {
        if (node instanceof List<?> l) {
            for (Object el : l) {
                collect(el, path, i, out);
            }
            return;
        }
        if (i == path.length) {
            if (node instanceof Map<?, ?> m) {
                if (path.length == 0) {
                    // The field itself: exists when it has any leaf.
                    for (Object v : m.values()) {
                        collect(v, path, i, out);
                    }
                }
                return; // a key holding an object has no value of its own
            }
            out.add(String.valueOf(node));
            return;
        }
        if (node instanceof Map<?, ?> m) {
            Object child = m.get(path[i]);
            if (child != null) {
                collect(child, path, i + 1, out);
            }
        }
    }
}
