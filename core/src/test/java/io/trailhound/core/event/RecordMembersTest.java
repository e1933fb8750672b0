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
    /**
     * A member the decoder does not note ({@code resources}) is answered absent without tokenizing
     * when its quoted name is nowhere in the record; the name as a value, as a nested key, or
     * spelled with a backslash-u still gives what the tree gives.
     */
    @Test
    void aMemberWhoseNameIsNowhereInTheRecordIsAbsentAndLookalikesStillMatchTheTree() {
        String head = "{\"eventTime\":\"2024-05-01T10:00:00Z\",\"eventID\":\"e\",\"eventSource\":\"s3.amazonaws.com\"";
        List<String> records = List.of(
                head + ",\"eventName\":\"X\"}",
                head + ",\"eventName\":\"resources\"}",
                head + ",\"requestParameters\":{\"resources\":[{\"ARN\":\"n\"}]}}",
                head + ",\"resourcesX\":[1],\"xresources\":[2]}",
                head + ",\"\\u0072esources\":[{\"ARN\":\"escaped\"}]}",
                head + ",\"resources\":[{\"ARN\":\"plain\"}]}");
        for (String rec : records) {
            CloudTrailEvent lazy = CloudTrailRecord.decode(rec);
            CloudTrailEvent whole = CloudTrailRecord.decode(rec);
            whole.tree();
            assertThat(lazy.member("resources")).as(rec).isEqualTo(whole.member("resources"));
        }
        assertThat(CloudTrailRecord.decode(records.get(4)).member("resources").get(0).path("ARN").asText()).isEqualTo("escaped");
        assertThat(CloudTrailRecord.decode(records.get(2)).member("resources")).isNull();
    }
}
