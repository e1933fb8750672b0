package io.trailhound.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.ingest.IngestProgress;
import io.trailhound.core.ingest.ReadLimits;
import io.trailhound.core.scan.Scan;
import io.trailhound.core.scan.ScanOptions;
import io.trailhound.core.testkit.CloudTrailRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link CloudTrailEvent#member} answers as the whole tree would, whether or not the tree is parsed. */
class RecordMembersTest {
    /** Written out: it gives requestParameters twice, which a built record cannot. */
    private static final String RECORD = """
            {"eventVersion":"1.08","eventTime":"2024-05-01T10:00:00Z","eventID":"e1","eventSource":"s3.amazonaws.com",
             "eventName":"PutBucketPolicy","userIdentity":{"type":"IAMUser"},
             "requestParameters":{"bucketName":"logs","policy":{"Statement":[{"Effect":"Allow"}]}},
             "responseElements":null,"additionalEventData":{"x":1},"resources":[{"ARN":"a"}],
             "requestParameters":{"bucketName":"second"}}
            """;

    @Test
    void membersMatchTheTreeBeforeAndAfterItIsParsed() {
        CloudTrailEvent lazy = CloudTrailRecord.decode(RECORD);
        CloudTrailEvent whole = CloudTrailRecord.decode(RECORD);
        whole.tree();
        for (CloudTrailEvent e : List.of(lazy, whole)) {
            // a key given twice has its last value, as in the tree
            assertThat(e.member("requestParameters").path("bucketName").asText()).isEqualTo("second");
            assertThat(e.member("responseElements").isNull()).isTrue();
            assertThat(e.member("missing")).isNull();
            assertThat(e.member("resources").get(0).path("ARN").asText()).isEqualTo("a");
            assertThat(e.member("additionalEventData").path("x").asInt()).isEqualTo(1); // past the separate-member limit
            assertThat(e.member("requestParameters")).isEqualTo(e.tree().get("requestParameters"));
        }
    }

    @TempDir
    Path tmp;

    private static final String[] VALUES = {"null", "{}", "[]", "\"text\"", "7", "true", "{\"a\":{\"b\":[1,{\"c\":\"}\"}]}}",
            "[{\"x\":\"[\"},null]", "{ \"spaced\" : [ 1 , 2 ] }", "{\"k\":\"\\u007d\\\"\"}"};
    private static final String[] MEMBERS = {"requestParameters", "responseElements", "additionalEventData", "resources"};

    /** A record with random members (some twice, some absent, some scalars), spaced at random. */
    private static String randomRecord(java.util.Random r, int i) {
        StringBuilder b = new StringBuilder("{\"eventTime\":\"2024-05-01T10:00:00Z\",\"eventID\":\"e" + i
                + "\",\"eventSource\":\"" + (r.nextBoolean() ? "sts" : "s3") + ".amazonaws.com\",\"eventName\":\"X\"");
        int n = r.nextInt(6);
        for (int k = 0; k < n; k++) {
            b.append(",").append(r.nextBoolean() ? " \n " : "").append('"').append(MEMBERS[r.nextInt(MEMBERS.length)])
                    .append("\":").append(r.nextBoolean() ? " " : "").append(VALUES[r.nextInt(VALUES.length)]);
        }
        return b.append("}").toString();
    }

    /**
     * Members read from where the decoder saw them give what the tree gives, for records at any
     * offset of a file (a log file's Records array, lines, records after a damaged one the reader
     * stepped over), read in any order and after the tree.
     */
    @Test
    void membersFromTheDecodersSpansMatchTheTreeWhereverTheRecordLies() throws Exception {
        java.util.Random r = new java.util.Random(3302);
        List<String> records = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            records.add(randomRecord(r, i));
        }
        Path array = tmp.resolve("array.json");
        Files.writeString(array, "{\"Records\":[" + String.join(",\n", records.subList(0, 200)) + "]}");
        Path lines = tmp.resolve("lines.jsonl");
        Files.writeString(lines, "  " + String.join("\n", records.subList(200, 300)) + "\n{\"eventID\":\"broken\",\n"
                + String.join("\n", records.subList(300, 400)) + "\n");
        List<CloudTrailEvent> events = new ArrayList<>();
        Scan.builder(new ScanOptions(ReadLimits.defaults(), 1, null)).onEvent(events::add).build()
                .run(List.of(array.toString(), lines.toString()), IngestProgress.NONE);
        assertThat(events).hasSizeGreaterThan(350);
        int objects = 0;
        for (CloudTrailEvent e : events) {
            CloudTrailEvent whole = CloudTrailRecord.decode(e.rawJson());
            whole.tree();
            List<String> order = new ArrayList<>(List.of(MEMBERS));
            java.util.Collections.shuffle(order, r);
            for (String m : order) {
                assertThat(e.member(m)).as(e.eventID() + " " + m + " in " + e.rawJson()).isEqualTo(whole.member(m));
                objects += e.member(m) != null && e.member(m).isContainerNode() ? 1 : 0;
            }
            assertThat(e.tree()).isEqualTo(whole.tree());
        }
        assertThat(objects).as("members read from their spans").isGreaterThan(300);
    }

    private static final String[] KEYS = {"a", "b", "c", "k", "spaced", "x", "0"};

    /** The value at a path as the tree gives it: an object key per step, null where a step is not an object. */
    private static com.fasterxml.jackson.databind.JsonNode walk(CloudTrailEvent whole, String[] path) {
        com.fasterxml.jackson.databind.JsonNode n = whole.tree().get(path[0]);
        for (int i = 1; i < path.length && n != null; i++) {
            n = n.isObject() ? n.get(path[i]) : null;
        }
        return n;
    }

    /**
     * A path into a member not parsed yet is followed through its bytes without building its tree,
     * keys given twice at any depth having their last value; a second path read of the member,
     * or one after the member was parsed, gives the same.
     */
    @Test
    void pathsIntoMembersMatchTheTree() throws Exception {
        java.util.Random r = new java.util.Random(3303);
        String[] nested = {"{\"a\":{\"b\":1},\"a\":{\"c\":2}}", "{\"a\":{\"b\":1},\"a\":5}", "{\"a\":5,\"a\":{\"b\":[1]}}",
                "{\"a\":{\"b\":{\"c\":\"deep\"},\"b\":{\"c\":null}}}", "{\"k\":\"v\",\"x\":{\"0\":\"zero\"}}", "[{\"a\":1}]",
                "{\"a\":[{\"b\":1}]}", "null", "\"text\""};
        List<String> records = new ArrayList<>();
        List<String> last = new ArrayList<>(); // the member given last in each record: paths mostly go there
        for (int i = 0; i < 300; i++) {
            String rec = randomRecord(r, i);
            String member = MEMBERS[r.nextInt(3)];
            last.add(member);
            records.add(rec.substring(0, rec.length() - 1) + ",\"" + member + "\":" + nested[r.nextInt(nested.length)] + "}");
        }
        Path lines = tmp.resolve("paths.jsonl");
        Files.writeString(lines, String.join("\n", records) + "\n");
        List<CloudTrailEvent> events = new ArrayList<>();
        Scan.builder(new ScanOptions(ReadLimits.defaults(), 1, null)).onEvent(events::add).build()
                .run(List.of(lines.toString()), IngestProgress.NONE);
        assertThat(events).hasSize(300);
        int found = 0;
        for (int i = 0; i < events.size(); i++) {
            CloudTrailEvent e = events.get(i);
            CloudTrailEvent whole = CloudTrailRecord.decode(e.rawJson());
            for (int trial = 0; trial < 6; trial++) {
                String[] path = new String[2 + r.nextInt(2)];
                path[0] = r.nextInt(4) == 0 ? MEMBERS[r.nextInt(3)] : last.get(Integer.parseInt(e.eventID().substring(1)));
                for (int k = 1; k < path.length; k++) {
                    path[k] = r.nextInt(3) == 0 ? KEYS[r.nextInt(KEYS.length)] : k == 1 ? "a" : k == 2 ? "b" : "c";
                }
                CloudTrailEvent fresh = CloudTrailRecord.decode(e.rawJson());
                assertThat(fresh.memberPath(path)).as(String.join("/", path) + " in " + e.rawJson()).isEqualTo(walk(whole, path));
                assertThat(fresh.memberPath(path)).as("again").isEqualTo(walk(whole, path));
                assertThat(e.memberPath(path)).as("on one event, read after read").isEqualTo(walk(whole, path));
                found += walk(whole, path) == null ? 0 : 1;
            }
        }
        assertThat(found).as("paths that reach a value").isGreaterThan(100);
    }

    @Test
    void anEventBridgeEnvelopeIsLookedIntoAsTheTreeIs() throws Exception {
        Path f = tmp.resolve("eb.jsonl");
        Files.writeString(f, "{\"version\":\"0\",\"id\":\"x\",\"detail-type\":\"AWS API Call via CloudTrail\","
                + "\"source\":\"aws.s3\",\"requestParameters\":{\"bucketName\":\"envelope\"},\"detail\":"
                + RECORD.replace("\n", "") + "}\n");
        List<CloudTrailEvent> events = new ArrayList<>();
        Scan.builder(new ScanOptions(ReadLimits.defaults(), 1, null)).onEvent(events::add).build()
                .run(List.of(f.toString()), IngestProgress.NONE);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).member("requestParameters").path("bucketName").asText()).isEqualTo("second");
        assertThat(events.get(0).tree().path("requestParameters").path("bucketName").asText()).isEqualTo("second");
    }
}
