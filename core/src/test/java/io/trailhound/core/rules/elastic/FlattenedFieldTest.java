package io.trailhound.core.rules.elastic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.TestEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@code aws.cloudtrail.flattened.*} read on the parsed member gives the leaves of the pipeline's
 * Java value of that member (nulls, {@code ""}, {@code "-"}, {@code "none"} and empty objects and
 * arrays removed, arrays of objects crossed): on random members (seeded) and random paths.
 */
class FlattenedFieldTest {
    private static final String[] KEYS = {"a", "b", "items", "c"};
    private static final String[] SCALARS = {"null", "\"\"", "\"-\"", "\"none\"", "\"x\"", "\"none \"", "7", "-3",
            "9000000000", "123456789012345678901234567890", "2.50", "1e3", "true", "false", "{}", "[]", "[null]",
            "{\"a\":null}"};

    private static String value(Random r, int depth) {
        int kind = depth > 3 ? 0 : r.nextInt(4);
        if (kind == 0) {
            return SCALARS[r.nextInt(SCALARS.length)];
        }
        StringBuilder b = new StringBuilder(kind == 1 ? "[" : "{");
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ",");
            if (kind != 1) {
                b.append('"').append(KEYS[r.nextInt(KEYS.length)]).append("\":"); // repeated keys too: the last counts
            }
            b.append(value(r, depth + 1));
        }
        return b.append(kind == 1 ? "]" : "}").toString();
    }

    /** The pipeline's Java value, walked as the flattened type indexes it: what the accessor must give. */
    private static Object expected(JsonNode member, String[] path) {
        Object root = PipelineValues.toJava(member);
        if (root == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        walk(root, path, 0, out);
        return EcsValues.of(out);
    }

    private static void walk(Object node, String[] path, int i, List<String> out) {
        if (node instanceof List<?> l) {
            l.forEach(el -> walk(el, path, i, out));
        } else if (i == path.length) {
            if (node instanceof Map<?, ?> m) {
                if (path.length == 0) {
                    m.values().forEach(v -> walk(v, path, i, out));
                }
            } else {
                out.add(String.valueOf(node));
            }
        } else if (node instanceof Map<?, ?> m && m.get(path[i]) != null) {
            walk(m.get(path[i]), path, i + 1, out);
        }
    }

    @Test
    void leavesAreThoseOfThePipelinesJavaValue() {
        Random r = new Random(3301);
        int nonNull = 0;
        for (int trial = 0; trial < 3000; trial++) {
            String member = value(r, 0);
            CloudTrailEvent e = TestEvents.parse("{\"eventTime\":\"2024-05-01T10:00:00Z\",\"eventID\":\"e1\","
                    + "\"requestParameters\":" + member + ",\"additionalEventData\":" + member + "}");
            String[] path = new String[r.nextInt(4)];
            for (int k = 0; k < path.length; k++) {
                path[k] = KEYS[r.nextInt(KEYS.length)];
            }
            String dotted = path.length == 0 ? "" : "." + String.join(".", path);
            Object want = expected(e.member("requestParameters"), path);
            assertThat(EcsFields.resolve("aws.cloudtrail.flattened.request_parameters" + dotted).accessor().extract(e))
                    .as(member + " at " + dotted).isEqualTo(want);
            assertThat(EcsFields.resolve("aws.cloudtrail.flattened.additional_eventdata" + dotted).accessor().extract(e))
                    .as("additionalEventData " + member + " at " + dotted)
                    .isEqualTo(expected(EcsFields.additionalEventData(e), path));
            nonNull += want == null ? 0 : 1;
        }
        assertThat(nonNull).as("paths that reach leaves").isGreaterThan(300);
    }
}
