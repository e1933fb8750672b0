package io.trailhound.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateAndDemoCommandTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void generatedLogsScanCleanlyAndCompletely() throws Exception {
        Path out = tmp.resolve("org");
        CliRun gen = CliRun.of("generate", "--out", out.toString(), "--events", "3000", "--accounts", "3",
                "--users", "6", "--days", "1", "--format", "json");
        assertThat(gen.exit()).as(gen.err()).isZero();
        JsonNode g = MAPPER.readTree(gen.out());
        assertThat(g.path("logFiles").asInt()).isPositive();
        assertThat(Files.isRegularFile(Path.of(g.path("groundTruth").asText()))).isTrue();

        CliRun scan = CliRun.of("scan", g.path("logs").asText(), "--format", "json", "--quarantine", tmp.resolve("q").toString());
        assertThat(scan.exit()).isZero();
        JsonNode s = MAPPER.readTree(scan.out());
        assertThat(s.path("events").asLong()).isEqualTo(g.path("events").asLong());
        assertThat(s.path("quarantined").asLong()).isZero();
        assertThat(s.path("duplicates").asLong()).isZero();
        assertThat(s.path("files").asLong()).isEqualTo(g.path("logFiles").asLong());
    }

    @Test
    void jsonlLayoutScansToTheSameEvents() throws Exception {
        CliRun s3 = CliRun.of("generate", "--out", tmp.resolve("a").toString(), "--events", "2000", "--accounts", "2",
                "--users", "5", "--days", "1", "--format", "json");
        CliRun jsonl = CliRun.of("generate", "--out", tmp.resolve("b").toString(), "--events", "2000", "--accounts", "2",
                "--users", "5", "--days", "1", "--layout", "jsonl", "--format", "json");
        assertThat(s3.exit()).isZero();
        assertThat(jsonl.exit()).isZero();
        long a = MAPPER.readTree(CliRun.of("scan", MAPPER.readTree(s3.out()).path("logs").asText(), "--format", "json").out()).path("events").asLong();
        long b = MAPPER.readTree(CliRun.of("scan", MAPPER.readTree(jsonl.out()).path("logs").asText(), "--format", "json").out()).path("events").asLong();
        assertThat(a).isEqualTo(b).isEqualTo(MAPPER.readTree(s3.out()).path("events").asLong());
    }

    @Test
    void generateRejectsBadOptionsWithExitTwo() {
        CliRun r = CliRun.of("generate", "--out", tmp.toString(), "--accounts", "1");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(r.err()).contains("--accounts");
        assertThat(CliRun.of("generate", "--out", tmp.toString(), "--layout", "xml").exit()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
    }

    @Test
    void demoPrintsASummaryAndWhereTheFilesAre() throws Exception {
        CliRun table = CliRun.of("demo", "--out", tmp.resolve("d").toString(), "--events", "3000", "--users", "6", "--days", "1");
        assertThat(table.exit()).as(table.err()).isZero();
        assertThat(table.out()).contains("What the scan read", "Attack stories", tmp.resolve("d").toAbsolutePath().toString());
        // it ends by saying how to open the web UI on its data
        Path d = tmp.resolve("d").toAbsolutePath();
        assertThat(table.out()).contains("trailhound scan " + d.resolve("logs") + " --db " + d.resolve("trailhound.duckdb"),
                "trailhound serve --db " + d.resolve("trailhound.duckdb") + " --posture " + d.resolve("posture"),
                "http://127.0.0.1:7878/");
        CliRun json = CliRun.of("demo", "--out", tmp.resolve("e").toString(), "--events", "3000", "--users", "6", "--days", "1",
                "--format", "json");
        JsonNode j = MAPPER.readTree(json.out());
        assertThat(j.path("scan").path("events").asLong()).isEqualTo(j.path("generated").path("events").asLong());
        assertThat(j.path("scan").path("quarantined").asLong()).isZero();
        assertThat(j.path("stories").size()).isGreaterThanOrEqualTo(6);
    }
}
