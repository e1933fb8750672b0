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
