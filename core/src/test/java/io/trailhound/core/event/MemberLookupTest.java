package io.trailhound.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhound.core.testkit.CloudTrailRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link CloudTrailEvent#memberAt} finds in a member's bytes what walking the parsed tree finds:
 * nested keys, a key given twice (the last wins), values that are not objects on the way, null,
 * escapes, and lookups past the number made from the bytes.
 */
class MemberLookupTest {
    private static final String[] KEYS = {"a", "b", "bucketName", "policy"};
    private static final String[] SCALARS = {"\"x\"", "\"a\"", "\"\\u0062\"", "\"q\\\"uote\"", "7", "1e2", "true", "null", "\"\""};

    /** A random JSON value up to {@code depth} levels of objects and arrays, with keys from a small set so paths hit. */
    private static String value(Random r, int depth) {
        int kind = depth == 0 ? 0 : r.nextInt(4);
        if (kind == 0) {
            return SCALARS[r.nextInt(SCALARS.length)];
        }
        if (kind == 1) {
            List<String> items = new ArrayList<>();
            for (int i = r.nextInt(3); i > 0; i--) {
                items.add(value(r, depth - 1));
            }
            return "[" + String.join(",", items) + "]";
        }
        List<String> members = new ArrayList<>();
        for (int i = r.nextInt(4); i > 0; i--) {
            members.add('"' + KEYS[r.nextInt(KEYS.length)] + "\" : " + value(r, depth - 1)); // keys may repeat
        }
        return "{" + String.join(",", members) + "}";
    }

    private static String record(String params, String response) {
        return "{\"eventVersion\":\"1.08\",\"eventTime\":\"2024-05-01T10:00:00Z\",\"eventID\":\"e1\","
                + "\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"PutBucketPolicy\",\"userIdentity\":{\"type\":\"IAMUser\"},"
                + "\"requestParameters\":" + params + ",\"responseElements\":" + response + "}";
    }

    private static JsonNode walk(JsonNode n, String[] path) {
        for (int i = 1; i < path.length; i++) {
            if (n == null || !n.isObject()) {
                return null;
            }
            n = n.get(path[i]);
        }
        return n;
    }

    @Test
    void lookupsInTheBytesFindWhatTheTreeHolds() {
        Random r = new Random(3311);
        int found = 0;
        for (int i = 0; i < 3000; i++) {
            String json = record(value(r, 4), r.nextBoolean() ? "null" : value(r, 3));
            String member = r.nextBoolean() ? "requestParameters" : "responseElements";
            JsonNode tree = CloudTrailRecord.decode(json).tree().get(member);
            CloudTrailEvent lazy = CloudTrailRecord.decode(json);
            // Several lookups on one event: the first from the bytes, later ones from the member parsed once.
            for (int k = 0; k < 5; k++) {
                String[] path = new String[1 + r.nextInt(3)];
                path[0] = member;
                for (int j = 1; j < path.length; j++) {
                    path[j] = KEYS[r.nextInt(KEYS.length)];
                }
                JsonNode want = walk(tree, path);
                assertThat(lazy.memberAt(path)).as(json + " at " + String.join("/", path)).isEqualTo(want);
                found += want != null && path.length > 1 ? 1 : 0;
            }
        }
        assertThat(found).as("lookups that found a value").isGreaterThan(400);
    }

    @Test
    void aKeyGivenTwiceHasItsLastValueAndNonObjectsOnTheWayAreAbsent() {
        CloudTrailEvent e = CloudTrailRecord.decode(record(
                "{\"bucketName\":\"first\",\"policy\":{\"a\":{\"b\":1}},\"bucketName\":\"second\",\"policy\":{\"a\":\"flat\"}}", "null"));
        assertThat(e.memberAt("requestParameters", "bucketName").textValue()).isEqualTo("second");
        assertThat(e.memberAt("requestParameters", "policy", "a", "b")).as("the later policy replaced the first").isNull();
        assertThat(e.memberAt("requestParameters", "policy", "a").textValue()).isEqualTo("flat");
        assertThat(e.memberAt("responseElements", "x")).isNull();
        assertThat(e.memberAt("responseElements").isNull()).isTrue();
        assertThat(e.memberAt("requestParameters", "missing")).isNull();
    }

    @Test
    void aKeySpelledOnceIsReadFromItsPlaceOnlyWhenItIsATopLevelKey() {
        String[][] cases = {
            {"{\"a\":\"bucketName\"}", null},
            {"{\"a\":{\"bucketName\":\"nested\"}}", null},
            {"{\"a\":[\"x\",{\"bucketName\":1}]}", null},
            {"{\"a\":\"q\\\"bucketName\\\":\"}", null},
            {"{\"a\":\"}{\",\"bucketName\" :\n \"top\"}", "\"top\""},
            {"{\"a\":\"\\\\\",\"bucketName\":[1,{\"b\":2}]}", "[1,{\"b\":2}]"},
            {"[{\"bucketName\":\"in an array\"}]", null},
            {"{\"bucketName\":-7}", "-7"},
            {"{\"bucketName\":true}", "true"},
            {"{\"bucketName\":null,\"b\":1}", "null"},
        };
        for (String[] c : cases) {
            CloudTrailEvent e = CloudTrailRecord.decode(record(c[0], "null"));
            JsonNode got = e.memberAt("requestParameters", "bucketName");
            assertThat(got == null ? null : got.toString()).as(c[0]).isEqualTo(c[1]);
            assertThat(got).as(c[0]).isEqualTo(walk(CloudTrailRecord.decode(record(c[0], "null")).tree().get("requestParameters"),
                    new String[] {"requestParameters", "bucketName"}));
        }
    }
}
