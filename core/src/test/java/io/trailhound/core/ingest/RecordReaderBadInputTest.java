package io.trailhound.core.ingest;

import static io.trailhound.core.ingest.Records.*;
import static io.trailhound.core.testkit.CloudTrailFiles.*;
import static io.trailhound.core.testkit.CloudTrailRecord.uuid;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each bad-input case: the count, the quarantine entry (reason, file, offset) and every good record around it. */
class RecordReaderBadInputTest {

    @Test
    void invalidJsonLineInJsonLinesIsQuarantinedAndTheNextLinesRead() {
        List<String> lines = new ArrayList<>(records(4));
        lines.add(2, "{\"eventVersion\":\"1.08\",\"eventTime\": oops}");
        String text = jsonLines(lines);
        Collected c = Collected.read("bad.jsonl", utf8(text));
        assertThat(c.eventIds()).containsExactly(uuid(0), uuid(1), uuid(2), uuid(3));
        assertThat(c.bad).hasSize(1);
        BadRecord b = c.bad.get(0);
        assertThat(b.reason()).isEqualTo(QuarantineReason.INVALID_JSON);
        assertThat(b.position().source()).isEqualTo("bad.jsonl");
        assertThat(b.position().line()).isEqualTo(3);
        assertThat(b.position().byteOffset()).isEqualTo(text.indexOf("{\"eventVersion\":\"1.08\",\"eventTime\": oops"));
        assertThat(new String(b.content())).isEqualTo(lines.get(2) + "\n");
    }

    @Test
    void unterminatedLineDoesNotSwallowTheNextGoodLine() {
        String text = records(1).get(0) + "\n{\"eventName\":\"x\"\n" + record(1) + "\n";
        Collected c = Collected.read("bad.jsonl", utf8(text));
        assertThat(c.eventIds()).containsExactly(uuid(0), uuid(1));
        assertThat(c.bad).extracting(BadRecord::reason).containsExactly(QuarantineReason.INVALID_JSON);
        assertThat(c.bad.get(0).position().line()).isEqualTo(2);
    }

    @Test
    void invalidRecordInsideRecordsArrayResumesAtTheNextRecord() {
        List<String> recs = new ArrayList<>(records(5));
        recs.set(2, recs.get(2).replace("\"awsRegion\":\"us-east-1\"", "\"awsRegion\":us-east-1"));
        String text = s3(recs);
        Collected c = Collected.read("AWSLogs/x.json.gz", gzip(utf8(text)));
        assertThat(c.eventIds()).containsExactly(uuid(0), uuid(1), uuid(3), uuid(4));
        assertThat(c.bad).hasSize(1);
        assertThat(c.bad.get(0).reason()).isEqualTo(QuarantineReason.INVALID_JSON);
        assertThat(c.bad.get(0).position().byteOffset()).isEqualTo(text.indexOf(recs.get(2)));
        assertThat(c.bad.get(0).detail()).contains("resumed at byte " + text.indexOf(recs.get(3)));
    }

    @Test
    void invalidRecordInPrettyArrayWithSortedKeysResumes() {
        List<String> recs = new ArrayList<>(records(3));
        recs.set(1, "{\n \"awsRegion\": \"us-east-1\",\n \"eventName\": \"X\" \"eventTime\": 1}");
        String text = "[\n" + String.join(",\n", recs) + "\n]";
        Collected c = Collected.read("p.json", utf8(text));
        assertThat(c.eventIds()).containsExactly(uuid(0), uuid(2));
        assertThat(c.bad).extracting(BadRecord::reason).containsExactly(QuarantineReason.INVALID_JSON);
        assertThat(c.events.get(1).position().line()).isEqualTo(6);
    }

    @Test
    void truncatedGzipKeepsTheRecordsBeforeTheDamage() {
        byte[] gz = gzip(utf8(jsonLines(records(2000))));
        byte[] cut = Arrays.copyOf(gz, gz.length / 2);
        Collected c = Collected.read("cut.json.gz", cut);
        assertThat(c.events.size()).isBetween(500, 1999);
        for (int i = 0; i < c.events.size(); i++) {
            assertThat(c.events.get(i).eventID()).isEqualTo(uuid(i));
        }
        assertThat(c.bad).hasSize(1);
        assertThat(c.bad.get(0).reason()).isEqualTo(QuarantineReason.CORRUPT_GZIP);
        assertThat(c.bad.get(0).position().source()).isEqualTo("cut.json.gz");
        assertThat(c.bad.get(0).detail()).contains("truncated");
    }

    @Test
    void recordThatIsNotAnObject() {
        List<String> recs = new ArrayList<>(records(3));
        recs.add(1, "\"just a string\"");
        recs.add(3, "[1,2]");
        Collected c = Collected.read("f.json", utf8(s3(recs)));
        assertThat(c.eventIds()).containsExactly(uuid(0), uuid(1), uuid(2));
        assertThat(c.bad).extracting(BadRecord::reason)
                .containsExactly(QuarantineReason.NOT_AN_OBJECT, QuarantineReason.NOT_AN_OBJECT);
        assertThat(new String(c.bad.get(1).content())).isEqualTo("[1,2]");
    }

    @Test
    void recordsMissingEventTimeOrEventNameOrWithBadTime() {
        List<String> recs = new ArrayList<>(records(4));
        recs.set(0, recs.get(0).replaceAll("\"eventTime\":\"[^\"]*\",", ""));
        recs.set(1, recs.get(1).replace("\"eventName\":\"DescribeInstances\",", ""));
        recs.set(2, recs.get(2).replaceAll("\"eventTime\":\"[^\"]*\"", "\"eventTime\":\"yesterday\""));
        String text = jsonLines(recs);
        Collected c = Collected.read("f.jsonl", utf8(text));
        assertThat(c.eventIds()).containsExactly(uuid(3));
        assertThat(c.bad).extracting(BadRecord::reason).containsExactly(QuarantineReason.MISSING_EVENT_TIME,
                QuarantineReason.MISSING_EVENT_NAME, QuarantineReason.BAD_EVENT_TIME);
        assertThat(c.bad).extracting(b -> b.position().line()).containsExactly(1L, 2L, 3L);
        assertThat(new String(c.bad.get(1).content())).isEqualTo(recs.get(1));
    }

    @Test
    void recordOverTheSizeLimitIsQuarantinedAndTheRestRead() {
        String filler = "x".repeat(300_000);
        List<String> recs = new ArrayList<>(records(3));
        recs.set(1, recs.get(1).replace("\"filterSet\":{}", "\"filterSet\":\"" + filler + "\""));
        String text = s3(recs);
        ReadLimits limits = ReadLimits.defaults().withMaxRecordBytes(100_000);
        Collected c = Collected.read("f.json", gzip(utf8(text)), limits);
        assertThat(c.eventIds()).containsExactly(uuid(0), uuid(2));
        assertThat(c.bad).hasSize(1);
        BadRecord b = c.bad.get(0);
        assertThat(b.reason()).isEqualTo(QuarantineReason.RECORD_TOO_LARGE);
        assertThat(b.position().byteOffset()).isEqualTo(text.indexOf(recs.get(1)));
        assertThat(b.truncated()).isTrue();
        assertThat(new String(b.content())).startsWith("{\"eventVersion\"");
    }

    @Test
    void gzipBombStopsAtTheRatioLimit() {
        StringBuilder sb = new StringBuilder(record(0)).append('\n');
        sb.append(" ".repeat(40 << 20)).append('\n').append(record(1)).append('\n');
        byte[] bomb = gzip(utf8(sb.toString()));
        Collected c = Collected.read("bomb.gz", bomb, ReadLimits.defaults().withMaxInflateRatio(100));
        assertThat(c.eventIds()).containsExactly(uuid(0));
        assertThat(c.bad).extracting(BadRecord::reason).containsExactly(QuarantineReason.INFLATE_LIMIT);
        assertThat(c.bad.get(0).detail()).contains("ratio");
    }

    @Test
    void decompressedSizeLimit() {
        byte[] gz = gzip(utf8(jsonLines(records(20_000))));
        Collected c = Collected.read("big.gz", gz, ReadLimits.defaults().withMaxInflatedBytes(ReadLimits.MIB));
        assertThat(c.events.size()).isBetween(100, 19_999);
        assertThat(c.bad).extracting(BadRecord::reason).containsExactly(QuarantineReason.INFLATE_LIMIT);
    }

    @Test
    void notJsonAtAll() {
        Collected c = Collected.read("notes.txt", utf8("hello, world\n"));
        assertThat(c.events).isEmpty();
        assertThat(c.bad).extracting(BadRecord::reason).containsExactly(QuarantineReason.UNRECOGNISED_SHAPE);
    }

    @Test
    void garbageGzipHeader() {
        byte[] b = {0x1f, (byte) 0x8b, 1, 2, 3};
        Collected c = Collected.read("x.gz", b);
        assertThat(c.events).isEmpty();
        assertThat(c.bad).extracting(BadRecord::reason).containsExactly(QuarantineReason.CORRUPT_GZIP);
    }
}
