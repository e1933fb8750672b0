package io.trailhound.core.ingest;

import static io.trailhound.core.ingest.Records.*;
import static io.trailhound.core.testkit.CloudTrailFiles.*;
import static io.trailhound.core.testkit.CloudTrailRecord.uuid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Odd shapes and recovery after bad input: read what can be read, count the rest, never loop. */
class RecordReaderRecoveryTest {

    @Test
    void secondRecordsKeyInAWrapperIsReadToo() {
        String text = "{\"Records\":[" + record(0) + "," + record(1) + "],\"Records\":[" + record(2) + "]}";
        Collected c = Collected.read("two.json", utf8(text));
        assertThat(c.eventIds()).isEqualTo(ids(0, 3));
        assertThat(c.bad).isEmpty();
    }

    @Test
    void wrapperWhoseFirstKeyIsNotRecords() {
        String text = "{\"deliveredBy\":{\"tool\":\"x\",\"n\":[1,2]},\"Records\":[" + record(0) + "," + record(1) + "],\"tail\":3}";
        Collected c = Collected.read("w.json", gzip(utf8(text)));
        assertThat(c.eventIds()).isEqualTo(ids(0, 2));
        assertThat(c.bad).isEmpty();
    }

    @Test
    void recordsThatIsNotAnArrayIsStillReported() {
        Collected c = Collected.read("w.json", utf8("{\"Records\":{\"a\":1}}\n" + record(0) + "\n"));
        assertThat(c.eventIds()).containsExactly(uuid(0));
        assertThat(c.reasons()).containsExactly(QuarantineReason.UNRECOGNISED_SHAPE);
    }

    @Test
    void jsonLinesWhoseFirstLineIsNotAnObject() {
        Collected c = Collected.read("x.jsonl", utf8("garbage here\n" + jsonLines(records(3))));
        assertThat(c.eventIds()).isEqualTo(ids(0, 3));
        assertThat(c.reasons()).containsExactly(QuarantineReason.INVALID_JSON);
        assertThat(c.bad.get(0).position().line()).isEqualTo(1);
        assertThat(new String(c.bad.get(0).content())).isEqualTo("garbage here\n");

        Collected s = Collected.read("x.jsonl", utf8("\"a string\"\n[1]\n" + jsonLines(records(2))));
        assertThat(s.eventIds()).isEqualTo(ids(0, 2));
        assertThat(s.reasons()).containsExactly(QuarantineReason.NOT_AN_OBJECT, QuarantineReason.NOT_AN_OBJECT);
    }

    @Test
    void textThatOnlyMentionsJsonIsStillRejectedWhole() {
        Collected c = Collected.read("notes.txt", utf8("Format:\n  {\"Records\":[...]} on a single line\n{\"eventName\":1\n"));
        assertThat(c.events).isEmpty();
        assertThat(c.reasons()).containsExactly(QuarantineReason.UNRECOGNISED_SHAPE);
    }

    @Test
    void inADirectoryWalkAFileNotStartingWithJsonIsSkippedAsBefore(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("README"), "About these logs, one a line:\n" + jsonLines(records(2)));
        Collected walked = new Collected();
        new RecordReader(ReadLimits.defaults()).read(InputSource.file(f, Files.size(f), true), walked);
        assertThat(walked.events).isEmpty();
        assertThat(walked.reasons()).containsExactly(QuarantineReason.SKIPPED);
        Collected named = new Collected();
        new RecordReader(ReadLimits.defaults()).read(InputSource.file(f), named);
        assertThat(named.eventIds()).isEqualTo(ids(0, 2));
        assertThat(named.reasons()).containsExactly(QuarantineReason.INVALID_JSON);
    }

    @Test
    void arrayOfRecordsFollowedByMoreValues() {
        String text = "[" + record(0) + "," + record(1) + "]\n" + record(2) + "\n[" + record(3) + "]";
        Collected c = Collected.read("mixed.json", utf8(text));
        assertThat(c.eventIds()).isEqualTo(ids(0, 4));
        assertThat(c.bad).isEmpty();
    }

    @Test
    void fourConcatenatedLogFilesWithOneBrokenRecordLoseOnlyThatRecord() {
        List<String> recs = new ArrayList<>(records(40));
        recs.set(15, recs.get(15).replace("\"awsRegion\":\"us-east-1\"", "\"awsRegion\":us-east-1"));
        StringBuilder text = new StringBuilder();
        for (int doc = 0; doc < 4; doc++) {
            text.append(s3(recs.subList(doc * 10, doc * 10 + 10)));
        }
        for (String sep : List.of("", "\n")) {
            String t = sep.isEmpty() ? text.toString() : text.toString().replace("]}{", "]}\n{");
            Collected c = Collected.read("four.json", utf8(t));
            List<String> want = new ArrayList<>(ids(0, 40));
            want.remove(15);
            assertThat(c.eventIds()).as(sep.isEmpty() ? "one line" : "one document a line").isEqualTo(want);
            assertThat(c.reasons()).containsExactly(QuarantineReason.INVALID_JSON);
            assertThat(c.bad.get(0).position().byteOffset()).isEqualTo(t.indexOf(recs.get(15)));
        }
    }

    @Test
    void logFileCutShortThenAnotherReadsTheOther() {
        // The first file lost all but its opening: the second file's wrapper lands where a record belongs.
        String text = "{\"Records\":[" + s3(records(0, 3));
        Collected c = Collected.read("cut.json", utf8(text));
        assertThat(c.eventIds()).isEqualTo(ids(0, 3));
        assertThat(c.reasons()).containsExactly(QuarantineReason.INVALID_JSON);
        assertThat(c.bad.get(0).detail()).contains("end-of-input");
    }

    @Test
    void jsonLinesAfterAStrayBracketStillResumeAtEachLine() {
        // A damaged line opened an array; a later line cut short after a colon must not take the next line with it.
        String cut = record(2).substring(0, record(2).indexOf("\"awsRegion\":") + 12);
        String text = record(0) + "\n[\n" + record(1) + "\n" + cut + "\n" + record(3) + "\n" + record(4) + "\n";
        Collected c = Collected.read("stray.jsonl", utf8(text));
        assertThat(c.eventIds()).containsExactly(uuid(0), uuid(1), uuid(3), uuid(4));
        assertThat(c.bad).extracting(b -> b.position().line()).contains(4L);
    }

    @Test
    void brokenRecordWhoseParametersHoldARecordYieldsNoPhantomEvent() {
        String inner = "{\"eventVersion\":\"1.08\",\"eventTime\":\"2026-11-01T10:00:00Z\",\"eventName\":\"Phantom\","
                + "\"eventSource\":\"iam.amazonaws.com\",\"eventID\":\"phantom\"}";
        String broken = "{\"eventVersion\":\"1.08\",\"eventTime\":\"2026-11-01T09:00:00Z\",\"eventName\":\"PutX\","
                + "\"requestParameters\":" + inner + ",\"awsRegion\":us-east-1,\"eventID\":\"broken\"}";
        List<String> recs = List.of(record(0), broken, record(1));
        for (String text : List.of(s3(recs), "[\n" + String.join(",\n", recs) + "\n]")) {
            Collected c = Collected.read("p.json", utf8(text));
            assertThat(c.eventIds()).containsExactly(uuid(0), uuid(1));
            assertThat(c.reasons()).containsExactly(QuarantineReason.INVALID_JSON);
        }
    }

    @Test
    void lostCommaBetweenRecordsKeepsTheRestOfTheArray() {
        String text = "{\"Records\":[" + record(0) + "," + record(1) + record(2) + "," + record(3) + "]}";
        Collected c = Collected.read("c.json", utf8(text));
        assertThat(c.eventIds()).isEqualTo(ids(0, 4));
        assertThat(c.reasons()).containsExactly(QuarantineReason.INVALID_JSON);
        assertThat(c.bad.get(0).detail()).contains("resumed at byte " + text.indexOf(record(2)));
    }

    @Test
    void bareBadTokenAtTheEndOfALineDoesNotSwallowTheNextLine() {
        for (String token : List.of("garbage", "tru", "nul", "-", "}")) {
            String text = record(0) + "\n" + token + "\n" + record(1) + "\n" + record(2) + token + "\n" + record(3) + "\n";
            Collected c = Collected.read("t.jsonl", utf8(text));
            assertThat(c.eventIds()).as(token).isEqualTo(ids(0, 4));
            assertThat(c.reasons()).as(token).containsExactly(QuarantineReason.INVALID_JSON, QuarantineReason.INVALID_JSON);
            assertThat(c.bad).extracting(b -> b.position().line()).as(token).containsExactly(2L, 4L);
            assertThat(new String(c.bad.get(0).content())).as(token).isEqualTo(token + "\n");
        }
    }

    @Test
    void lineStartingWithNulAfterABadLineEnds() {
        byte[] text = concat(utf8(record(0) + "\nnot json\n"), new byte[] {0}, utf8(record(1) + "\n" + record(2) + "\n"),
                new byte[] {0, 0, '\n'}, utf8(record(3) + "\n"));
        Collected c = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> Collected.read("nul.jsonl", text));
        assertThat(c.eventIds()).containsExactly(uuid(0), uuid(2), uuid(3));
        assertThat(c.reasons()).containsExactly(QuarantineReason.INVALID_JSON, QuarantineReason.INVALID_JSON,
                QuarantineReason.INVALID_JSON);
        assertThat(c.bad).extracting(b -> b.position().line()).containsExactly(2L, 3L, 5L);
    }

    @Test
    void hundredThousandLevelsInsideRecordsDoNotEndTheRun() {
        String deepObjects = "{\"eventVersion\":\"1.08\",\"x\":" + "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000) + "}";
        String deepArrays = "[".repeat(100_000) + "]".repeat(100_000);
        for (String deep : List.of(deepObjects, deepArrays)) {
            String text = s3(List.of(record(0), deep, record(1)));
            for (ReadLimits limits : List.of(ReadLimits.defaults(), ReadLimits.defaults().withMaxRecordBytes(64 * 1024))) {
                Collected c = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> Collected.read("deep.json", utf8(text), limits));
                assertThat(c.eventIds()).containsExactly(uuid(0), uuid(1));
                assertThat(c.reasons()).containsExactly(QuarantineReason.JSON_LIMIT);
                BadRecord b = c.bad.get(0);
                assertThat(b.detail()).contains("nested deeper than the limit of 1000 levels").contains("--max-nesting-depth");
                assertThat(b.position().byteOffset()).isEqualTo(text.indexOf(deep));
            }
        }
    }

    @Test
    void sameRecordsWithAndWithoutDamageReadTheSameWay() {
        // A control for the cases above: the inputs they break, unbroken, read whole.
        String text = s3(records(10));
        assertThat(Collected.read("ok.json", text.getBytes(StandardCharsets.UTF_8)).eventIds()).isEqualTo(ids(0, 10));
    }
}
