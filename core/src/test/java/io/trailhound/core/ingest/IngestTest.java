package io.trailhound.core.ingest;

import static io.trailhound.core.ingest.Records.*;
import static io.trailhound.core.testkit.CloudTrailFiles.*;
import static io.trailhound.core.testkit.CloudTrailRecord.uuid;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailhound.core.event.CloudTrailEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestTest {
    @TempDir
    Path tmp;

    private Path write(String relative, byte[] bytes) throws IOException {
        Path p = tmp.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.write(p, bytes);
        return p;
    }

    @Test
    void walksAwsLogsTreesSkipsDigestsAndDropsDuplicateDeliveries() throws IOException {
        List<String> recs = records(300);
        String day = "AWSLogs/o-abc123defg/111122223333/CloudTrail/us-east-1/2026/11/01/";
        write(day + "a.json.gz", gzip(utf8(s3(recs.subList(0, 200)))));
        write(day + "b.json.gz", gzip(utf8(s3(recs.subList(100, 300))))); // overlaps a by 100
        write("AWSLogs/o-abc123defg/111122223333/CloudTrail-Digest/us-east-1/2026/11/01/d.json.gz",
                gzip(utf8("{\"awsAccountId\":\"111122223333\",\"digestStartTime\":\"x\"}")));
        write("README.txt", utf8("not a log\n"));
        write(".hidden/x.json", utf8(s3(recs)));

        InputFinder.Found found = new InputFinder().find(List.of(tmp.toString()));
        assertThat(found.inputs()).hasSize(3);
        List<CloudTrailEvent> got = new ArrayList<>();
        Path qfile = tmp.resolve("q/run.ndjson");
        IngestSummary s;
        try (Quarantine q = new Quarantine(qfile)) {
            s = new Ingest(ReadLimits.defaults(), 2).run(found.inputs(), found.unreadable(), got::add, q, IngestProgress.NONE);
        }
        assertThat(s.records()).isEqualTo(400);
        assertThat(s.duplicates()).isEqualTo(100);
        assertThat(s.events()).isEqualTo(300);
        assertThat(s.skipped()).isEqualTo(1);
        assertThat(s.quarantined()).isZero();
        assertThat(s.quarantine()).isNull();
        assertThat(Files.exists(qfile)).isFalse();
        assertThat(got.stream().map(CloudTrailEvent::eventID).collect(Collectors.toSet()))
                .hasSize(300).containsAll(recs.stream().map(r -> r.substring(r.indexOf("\"eventID\":\"") + 11, r.indexOf("\"eventID\":\"") + 47)).toList());
    }

    @Test
    void quarantineFileHoldsReasonSourceOffsetAndContent() throws IOException {
        String bad = "{\"eventVersion\":\"1.08\",\"eventName\":\"NoTime\"}";
        String text = record(1) + "\n" + bad + "\n" + record(2) + "\n";
        Path f = write("in.jsonl", utf8(text));
        Path qfile = tmp.resolve("q/run.ndjson");
        InputFinder.Found found = new InputFinder().find(List.of(f.toString(), tmp.resolve("missing.json").toString()));
        List<CloudTrailEvent> got = new ArrayList<>();
        IngestSummary s;
        try (Quarantine q = new Quarantine(qfile)) {
            s = new Ingest(ReadLimits.defaults(), 2).run(found.inputs(), found.unreadable(), got::add, q, IngestProgress.NONE);
        }
        assertThat(got).extracting(CloudTrailEvent::eventID).containsExactly(uuid(1), uuid(2));
        assertThat(s.quarantined()).isEqualTo(2);
        assertThat(s.unreadable()).isEqualTo(1);
        assertThat(s.nothingReadable()).isFalse();
        assertThat(s.quarantine()).isEqualTo(qfile);
        List<JsonNode> lines = new ArrayList<>();
        for (String l : Files.readAllLines(qfile)) {
            lines.add(new ObjectMapper().readTree(l));
        }
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).path("reason").asText()).isEqualTo("unreadable");
        JsonNode q = lines.get(1);
        assertThat(q.path("reason").asText()).isEqualTo("missing_event_time");
        assertThat(q.path("source").asText()).isEqualTo(f.toString());
        assertThat(q.path("byteOffset").asLong()).isEqualTo(text.indexOf(bad));
        assertThat(q.path("line").asLong()).isEqualTo(2);
        assertThat(q.path("record").asText()).isEqualTo(bad);
    }

    @Test
    void aFailingSinkFailsTheRunAndStopsTheReaders() {
        List<InputSource> inputs = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            inputs.add(InputSource.bytes("f" + i, gzip(utf8(jsonLines(records(2000))))));
        }
        Ingest ingest = new Ingest(ReadLimits.defaults(), 2);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ingest.run(inputs, List.of(), e -> {
            throw new IllegalStateException("sink broke");
        }, null, IngestProgress.NONE)).hasMessage("sink broke");
        long stuck = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("trailhound-read-") && t.isAlive()).count();
        for (int i = 0; i < 50 && stuck > 0; i++) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stuck = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("trailhound-read-") && t.isAlive()).count();
        }
        assertThat(stuck).isZero();
    }

    @Test
    void nothingReadableWhenEveryPathIsMissing() {
        InputFinder.Found found = new InputFinder().find(List.of(tmp.resolve("nope").toString()));
        IngestSummary s = new Ingest(ReadLimits.defaults(), 2).run(found.inputs(), found.unreadable(), e -> { }, null, IngestProgress.NONE);
        assertThat(s.nothingReadable()).isTrue();
        assertThat(s.unreadable()).isEqualTo(1);
    }

    @Test
    void oneBigGzipInputIsReadWithReadAheadAndLosesNothing() {
        List<String> recs = records(20_000);
        InputSource in = InputSource.bytes("big.gz", gzip(utf8(jsonLines(recs))));
        List<CloudTrailEvent> got = new ArrayList<>();
        IngestSummary s = new Ingest(ReadLimits.defaults(), 4).run(List.of(in), List.of(), got::add, null, IngestProgress.NONE);
        assertThat(s.events()).isEqualTo(20_000);
        Set<String> ids = got.stream().map(CloudTrailEvent::eventID).collect(Collectors.toSet());
        assertThat(ids).hasSize(20_000);
        assertThat(got.get(19_999).rawJson()).isEqualTo(recs.get(19_999));
    }
}
