package io.trailhound.core.ingest;

import static io.trailhound.core.ingest.Records.*;
import static io.trailhound.core.testkit.CloudTrailFiles.*;
import static io.trailhound.core.testkit.CloudTrailRecord.uuid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailhound.core.event.FieldPath;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Records that parse as JSON but cannot be kept as they are: bad UTF-8, times out of range, JSON past a limit. */
class RecordReaderContentTest {

    /** Record i with {@code bad} bytes inside the value of userAgent. */
    private static byte[] withBytesInUserAgent(int i, int... bad) {
        String[] halves = record(i).split("aws-cli/2.15.0", 2);
        byte[] mid = new byte[bad.length];
        for (int k = 0; k < bad.length; k++) {
            mid[k] = (byte) bad[k];
        }
        return concat(utf8(halves[0]), mid, utf8(halves[1]));
    }

    @Test
    void invalidUtf8ThatJacksonAcceptsIsQuarantinedAloneWithItsPosition() {
        byte[][] bad = {withBytesInUserAgent(1, 0xC0, 0x80), withBytesInUserAgent(2, 0xED, 0xA0, 0x80),
                withBytesInUserAgent(3, 0xF4, 0x90, 0x80, 0x80)};
        byte[] nl = {'\n'};
        byte[] text = concat(utf8(record(0)), nl, bad[0], nl, bad[1], nl, bad[2], nl, utf8(record(4) + "\n"));
        for (byte[] input : List.of(text, gzip(text))) {
            Collected c = Collected.read("u.jsonl", input);
            assertThat(c.eventIds()).containsExactly(uuid(0), uuid(4));
            assertThat(c.reasons()).containsOnly(QuarantineReason.INVALID_UTF8).hasSize(3);
            assertThat(c.bad).extracting(b -> b.position().line()).containsExactly(2L, 3L, 4L);
            assertThat(c.bad.get(0).position().byteOffset()).isEqualTo(record(0).length() + 1);
            assertThat(c.bad.get(0).detail()).contains("overlong");
            assertThat(c.bad.get(1).detail()).contains("surrogate");
            assertThat(c.bad.get(2).detail()).contains("past U+10FFFF");
            assertThat(c.bad.get(0).content()).isEqualTo(bad[0]);
        }
    }

    @Test
    void validMultiByteTextIsRead() {
        String rec = record(0).replace("aws-cli/2.15.0", "ünïcødé €𝄞");
        Collected c = Collected.read("ok.jsonl", rec.getBytes(StandardCharsets.UTF_8));
        assertThat(c.bad).isEmpty();
        assertThat(c.events.get(0).userAgent()).isEqualTo("ünïcødé €𝄞");
    }

    @Test
    void invalidUtf8ThatJacksonRejectsGetsTheSameReason() {
        byte[] text = concat(utf8(record(0) + "\n"), withBytesInUserAgent(1, 0x80), utf8("\n" + record(2) + "\n"));
        Collected c = Collected.read("u.jsonl", text);
        assertThat(c.eventIds()).containsExactly(uuid(0), uuid(2));
        assertThat(c.reasons()).containsExactly(QuarantineReason.INVALID_UTF8);
    }

    @Test
    void eventTimeOutsideYears1970To9999IsQuarantinedNotWrappedOrFatal() {
        List<String> times = List.of("+999999999-01-01T00:00:00Z", "+300000-01-01T00:00:00Z", "-000001-01-01T00:00:00Z",
                "0000-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "10000-01-01T00:00:00Z", "9999-12-31T23:59:59+00:00");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < times.size(); i++) {
            text.append(record(i).replaceAll("\"eventTime\":\"[^\"]*\"", "\"eventTime\":\"" + times.get(i) + "\"")).append('\n');
        }
        text.append(record(9).replaceAll("\"eventTime\":\"[^\"]*\"", "\"eventTime\":\"9999-12-31T23:59:59Z\"")).append('\n');
        text.append(record(10).replaceAll("\"eventTime\":\"[^\"]*\"", "\"eventTime\":\"1970-01-01T00:00:00Z\"")).append('\n');
        Collected c = Collected.read("t.jsonl", utf8(text.toString()));
        assertThat(c.eventIds()).containsExactly(uuid(6), uuid(9), uuid(10));
        assertThat(c.events.get(1).eventTime()).hasToString("9999-12-31T23:59:59Z");
        assertThat(c.reasons()).hasSize(6).containsOnly(QuarantineReason.BAD_EVENT_TIME);
        assertThat(c.bad.get(0).detail()).contains("1970-01-01 to 9999-12-31");
    }

    @Test
    void longNumberIsQuarantinedUnderAStatedLimitThatCanBeRaised() {
        String rec = record(1).replace("\"maxResults\":1", "\"maxResults\":" + "9".repeat(5000));
        String text = record(0) + "\n" + rec + "\n" + record(2) + "\n";
        Collected c = Collected.read("n.jsonl", utf8(text));
        assertThat(c.eventIds()).containsExactly(uuid(0), uuid(2));
        assertThat(c.reasons()).containsExactly(QuarantineReason.JSON_LIMIT);
        assertThat(c.bad.get(0).detail()).contains("a number longer than the limit of 1000 characters (--max-number-length)");
        assertThat(c.bad.get(0).position().line()).isEqualTo(2);

        Collected raised = Collected.read("n.jsonl", utf8(text), ReadLimits.defaults().withMaxNumberLength(6000));
        assertThat(raised.eventIds()).isEqualTo(ids(0, 3));
        // The record parses again later (rules read members): the raised limit holds there too.
        assertThat(raised.events.get(1).at(FieldPath.compile("requestParameters.maxResults")).toString()).hasSize(5000);
    }

    @Test
    void longKeyIsQuarantinedUnderAStatedLimitThatCanBeRaised() {
        String key = "k".repeat(100_000);
        String rec = record(1).replace("\"filterSet\":{}", "\"filterSet\":{\"" + key + "\":1}");
        String text = s3(List.of(record(0), rec, record(2)));
        Collected c = Collected.read("k.json", utf8(text));
        assertThat(c.eventIds()).containsExactly(uuid(0), uuid(2));
        assertThat(c.reasons()).containsExactly(QuarantineReason.JSON_LIMIT);
        assertThat(c.bad.get(0).detail()).contains("a key longer than the limit of 50000 characters (--max-key-length)");
        assertThat(c.bad.get(0).position().byteOffset()).isEqualTo(text.indexOf(rec));

        Collected raised = Collected.read("k.json", utf8(text), ReadLimits.defaults().withMaxKeyLength(200_000));
        assertThat(raised.eventIds()).isEqualTo(ids(0, 3));
        assertThat(raised.events.get(1).at(FieldPath.compile("requestParameters.filterSet")).size()).isEqualTo(1);
    }

    @Test
    void nestingLimitCountsFromTheTopOfTheInputAndCanBeLowered() {
        String nested = "{\"a\":".repeat(20) + "1" + "}".repeat(20);
        String rec = record(1).replace("\"filterSet\":{}", "\"filterSet\":" + nested);
        // In an S3 file the record is at level 3, requestParameters at 4, filterSet's 20 objects at 5 to 24.
        String text = s3(List.of(record(0), rec, record(2)));
        assertThat(Collected.read("d.json", utf8(text), ReadLimits.defaults().withMaxNestingDepth(24)).eventIds())
                .isEqualTo(ids(0, 3));
        Collected lowered = Collected.read("d.json", utf8(text), ReadLimits.defaults().withMaxNestingDepth(23));
        assertThat(lowered.eventIds()).containsExactly(uuid(0), uuid(2));
        assertThat(lowered.bad.get(0).detail()).contains("nested deeper than the limit of 23 levels");
        assertThatThrownBy(() -> ReadLimits.defaults().withMaxNestingDepth(1001)).hasMessageContaining("from 3 to 1000");
    }

    @Test
    void stringLongerThanTheRecordLimitIsARecordTooLarge() {
        String rec = record(1).replace("\"eventName\":\"DescribeInstances\"", "\"eventName\":\"" + "x".repeat(5000) + "\"");
        Collected c = Collected.read("s.jsonl", utf8(record(0) + "\n" + rec + "\n" + record(2) + "\n"),
                ReadLimits.defaults().withMaxRecordBytes(2048));
        assertThat(c.eventIds()).containsExactly(uuid(0), uuid(2));
        assertThat(c.reasons()).containsExactly(QuarantineReason.RECORD_TOO_LARGE);
    }
}
