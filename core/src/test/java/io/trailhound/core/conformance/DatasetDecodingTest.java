package io.trailhound.core.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.ingest.Collected;
import io.trailhound.core.ingest.InputFinder;
import io.trailhound.core.ingest.InputSource;
import io.trailhound.core.ingest.QuarantineReason;
import io.trailhound.core.ingest.ReadLimits;
import io.trailhound.core.ingest.RecordReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every CloudTrail record in ../shared/datasets decodes, and the decoded hot fields equal what a
 * full JSON tree of the same record says. The expected records come from Jackson's tree model,
 * independently of the streaming decoder.
 */
class DatasetDecodingTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z?");

    private static Collected readAll(List<InputSource> inputs) {
        Collected sink = new Collected();
        RecordReader reader = new RecordReader(ReadLimits.defaults());
        inputs.forEach(in -> reader.read(in, sink));
        return sink;
    }

    @Test
    void invictusS3DeliveryFiles() throws IOException {
        Path dir = SharedData.dir("datasets/invictus-sigma-aws-cloudtrail");
        InputFinder.Found found = new InputFinder().find(List.of(dir.toString()));
        Collected sink = readAll(found.inputs());
        List<JsonNode> expected = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir.resolve("CloudTrail"))) {
            for (Path f : files.sorted().toList()) {
                MAPPER.readTree(f.toFile()).path("Records").forEach(expected::add);
            }
        }
        assertThat(expected).hasSize(2900);
        assertThat(sink.bad).allMatch(b -> b.reason() == QuarantineReason.SKIPPED); // README, LICENSE, MANIFEST
        assertSameRecords(sink.events, expected);
    }

    @Test
    void stratusJsonArrays() throws IOException {
        Path dir = SharedData.dir("datasets/stratus-red-team-detonation-logs");
        List<InputSource> inputs = new ArrayList<>();
        List<JsonNode> expected = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("aws.")).sorted().toList()) {
                inputs.add(InputSource.file(f));
                MAPPER.readTree(f.toFile()).forEach(expected::add);
            }
        }
        Collected sink = readAll(inputs);
        assertThat(sink.bad).isEmpty();
        assertThat(expected).hasSize(310);
        assertSameRecords(sink.events, expected);
    }

    @Test
    void elasticPipelineInputsAsJsonLines() throws IOException {
        Path dir = SharedData.dir("datasets/elastic-cloudtrail-pipeline-tests");
        List<InputSource> inputs = new ArrayList<>();
        List<JsonNode> expected = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".log")).sorted().toList()) {
                inputs.add(InputSource.file(f));
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        expected.add(MAPPER.readTree(line));
                    }
                }
            }
        }
        Collected sink = readAll(inputs);
        assertThat(sink.bad).isEmpty();
        assertThat(expected).hasSize(19);
        assertSameRecords(sink.events, expected);
    }

    @Test
    void pantherTestEventsDecodeOrAreQuarantinedWithAReason() throws IOException {
        Path file = SharedData.dir("datasets/panther-cloudtrail-tests").resolve("events.jsonl");
        List<InputSource> inputs = new ArrayList<>();
        List<JsonNode> good = new ArrayList<>();
        int lacking = 0, unparseable = 0;
        int i = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            JsonNode event = MAPPER.readTree(line).path("event");
            inputs.add(InputSource.bytes("panther#" + i++, MAPPER.writeValueAsBytes(event)));
            if (!event.hasNonNull("eventName") || !event.hasNonNull("eventTime")) {
                lacking++;
            } else if (!TIME.matcher(event.get("eventTime").asText()).matches()) {
                unparseable++; // placeholders such as "redacted"
            } else {
                good.add(event);
            }
        }
        Collected sink = readAll(inputs);
        assertThat(inputs).hasSize(461);
        assertThat(lacking).isEqualTo(23);
        assertThat(sink.bad).hasSize(lacking + unparseable);
        assertThat(sink.bad.stream().filter(b -> b.reason() == QuarantineReason.BAD_EVENT_TIME)).hasSize(unparseable);
        // Panther rewrites times as "2019-01-01 00:00:00[.fff]" (UTC); those are instants and must decode.
        assertThat(sink.events).hasSize(good.size());
        assertSameRecords(sink.events, good);
    }

    private static void assertSameRecords(List<CloudTrailEvent> decoded, List<JsonNode> expected) {
        assertThat(decoded).hasSize(expected.size());
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < expected.size(); i++) {
            JsonNode x = expected.get(i);
            CloudTrailEvent e = decoded.get(i);
            String where = e.position().toString();
            assertThat(e.eventName()).as(where).isEqualTo(x.path("eventName").asText());
            assertThat(e.eventID()).as(where).isEqualTo(text(x, "eventID"));
            assertThat(e.eventSource()).as(where).isEqualTo(text(x, "eventSource"));
            assertThat(e.eventTimeText()).as(where).isEqualTo(text(x, "eventTime"));
            assertThat(e.eventTimeMillis()).as(where).isNotEqualTo(Long.MIN_VALUE);
            assertThat(e.errorCode()).as(where).isEqualTo(text(x, "errorCode"));
            assertThat(e.recipientAccountId()).as(where).isEqualTo(text(x, "recipientAccountId"));
            JsonNode ui = x.path("userIdentity");
            assertThat(e.userIdentity().type()).as(where).isEqualTo(text(ui, "type"));
            assertThat(e.userIdentity().arn()).as(where).isEqualTo(text(ui, "arn"));
            String key = text(ui, "accessKeyId");
            assertThat(e.userIdentity().accessKeyId()).as(where).isEqualTo(key == null || key.isEmpty() ? null : key);
            JsonNode issuer = ui.path("sessionContext").path("sessionIssuer");
            String issuerArn = text(issuer, "arn");
            assertThat(e.userIdentity().sessionIssuer() == null ? null : e.userIdentity().sessionIssuer().arn())
                    .as(where).isEqualTo(issuerArn);
            assertThat(e.tree()).as(where).isEqualTo(x);
            seen.merge(e.eventName(), 1, Integer::sum);
        }
        assertThat(seen).isNotEmpty();
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
