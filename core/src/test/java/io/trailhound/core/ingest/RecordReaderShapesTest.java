package io.trailhound.core.ingest;

import static io.trailhound.core.ingest.Records.*;
import static io.trailhound.core.testkit.CloudTrailFiles.*;
import static io.trailhound.core.testkit.CloudTrailRecord.uuid;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.event.FieldPath;
import io.trailhound.core.testkit.CloudTrailRecord;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RecordReaderShapesTest {
    private static final List<String> FIVE = records(5);
    private static final List<String> FIVE_IDS = IntStream.range(0, 5).mapToObj(CloudTrailRecord::uuid).toList();

    @Test
    void s3DeliveryFile() {
        Collected c = Collected.read("f.json", utf8(s3(FIVE)));
        assertThat(c.bad).isEmpty();
        assertThat(c.eventIds()).isEqualTo(FIVE_IDS);
    }

    @Test
    void gzipS3DeliveryFileIsDetectedFromContentNotName() {
        Collected c = Collected.read("no-extension", gzip(utf8(s3(FIVE))));
        assertThat(c.bad).isEmpty();
        assertThat(c.eventIds()).isEqualTo(FIVE_IDS);
    }

    @Test
    void prettyPrintedJsonArray() {
        String pretty = "[\n   " + String.join(",\n   ", FIVE) + "\n]\n";
        Collected c = Collected.read("a.json", utf8(pretty));
        assertThat(c.bad).isEmpty();
        assertThat(c.eventIds()).isEqualTo(FIVE_IDS);
        assertThat(c.events.get(2).position().line()).isEqualTo(4);
    }

    @Test
    void jsonLinesWithBlankLinesAndCrlf() {
        String text = FIVE.get(0) + "\r\n\r\n" + String.join("\n", FIVE.subList(1, 5)) + "\n\n";
        Collected c = Collected.read("x.jsonl", utf8(text));
        assertThat(c.bad).isEmpty();
        assertThat(c.eventIds()).isEqualTo(FIVE_IDS);
        assertThat(c.events.get(1).position().line()).isEqualTo(3);
    }

    @Test
    void singleEventObject() {
        Collected c = Collected.read("one.json", utf8("  \n" + FIVE.get(3)));
        assertThat(c.bad).isEmpty();
        assertThat(c.eventIds()).containsExactly(uuid(3));
        assertThat(c.events.get(0).position().byteOffset()).isEqualTo(3);
    }

    @Test
    void eventBridgeEnvelopeIsUnwrapped() {
        String env = "{\"version\":\"0\",\"id\":\"x\",\"detail-type\":\"AWS API Call via CloudTrail\",\"source\":\"aws.ec2\","
                + "\"time\":\"2026-11-01T09:00:00Z\",\"detail\":" + FIVE.get(1) + "}";
        Collected c = Collected.read("eb.jsonl", utf8(env + "\n" + env.replace(uuid(1), uuid(2))));
        assertThat(c.bad).isEmpty();
        assertThat(c.eventIds()).containsExactly(uuid(1), uuid(2));
        assertThat(c.events.get(0).at(FieldPath.compile("requestParameters.maxResults")).asInt()).isEqualTo(1);
    }

    @Test
    void hotFieldsAndUserIdentityAreDecoded() {
        CloudTrailEvent e = Collected.read("f.json", utf8(s3(FIVE))).events.get(4);
        assertThat(e.eventName()).isEqualTo("DescribeInstances");
        assertThat(e.eventSource()).isEqualTo("ec2.amazonaws.com");
        assertThat(e.eventTime()).hasToString("2026-11-01T09:04:00Z");
        assertThat(e.readOnly()).isTrue();
        assertThat(e.managementEvent()).isTrue();
        assertThat(e.recipientAccountId()).isEqualTo("111122223333");
        assertThat(e.userIdentity().type()).isEqualTo("AssumedRole");
        assertThat(e.userIdentity().accessKeyId()).isEqualTo("ASIAEXAMPLE4");
        assertThat(e.userIdentity().temporaryKey()).isTrue();
        assertThat(e.userIdentity().mfaAuthenticated()).isTrue();
        assertThat(e.userIdentity().sourceIdentity()).isEqualTo("alice");
        assertThat(e.userIdentity().sessionIssuer().arn()).isEqualTo("arn:aws:iam::111122223333:role/Admin");
        assertThat(e.at(FieldPath.compile("requestParameters.maxResults")).asInt()).isEqualTo(4);
        assertThat(e.at(FieldPath.compile("requestParameters.nope"))).isNull();
        assertThat(e.rawJson()).isEqualTo(FIVE.get(4));
    }

    @Test
    void recordSpanningManyReadBuffersKeepsExactRawBytes() {
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 30_000; i++) {
            big.append("abcdefghij");
        }
        String rec = FIVE.get(0).replace("\"filterSet\":{}", "\"filterSet\":\"" + big + "\"");
        List<String> recs = List.of(FIVE.get(1), rec, FIVE.get(2));
        Collected c = Collected.read("big.json", gzip(utf8(s3(recs))));
        assertThat(c.bad).isEmpty();
        assertThat(c.events).hasSize(3);
        assertThat(c.events.get(1).rawJson()).isEqualTo(rec);
        assertThat(c.events.get(2).rawJson()).isEqualTo(FIVE.get(2));
    }

    @Test
    void emptyInputReadsNothingAndReportsNothing() {
        Collected c = Collected.read("empty", new byte[0]);
        assertThat(c.events).isEmpty();
        assertThat(c.bad).isEmpty();
    }
}
