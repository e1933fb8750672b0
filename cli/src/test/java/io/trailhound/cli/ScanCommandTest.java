package io.trailhound.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailhound.core.testkit.CloudTrailRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScanCommandTest {
    @TempDir
    Path tmp;

    /** Record i (0 to 9): bob, an IAM user, calls {@code eventName} on IAM at second i, as eventID {@code uuid(i)}. */
    static String record(int i, String eventName) {
        return CloudTrailRecord.event(eventName).source("iam.amazonaws.com").at("2026-11-01T09:00:0" + i + "Z")
                .iamUser("bob", null).id(CloudTrailRecord.uuid(i)).json();
    }

    private Path logs() throws IOException {
        Path f = tmp.resolve("in.jsonl");
        Files.writeString(f, record(1, "ListUsers") + "\n" + record(2, "ListUsers") + "\n{broken\n" + record(2, "ListUsers") + "\n",
                StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void jsonSummaryHasThePublicKeys() throws IOException {
        CliRun r = CliRun.of("scan", logs().toString(), "--format", "json", "--quarantine", tmp.resolve("q").toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.OK);
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.path("files").asInt()).isEqualTo(1);
        assertThat(j.path("records").asInt()).isEqualTo(3);
        assertThat(j.path("events").asInt()).isEqualTo(2);
        assertThat(j.path("duplicates").asInt()).isEqualTo(1);
        assertThat(j.path("quarantined").asInt()).isEqualTo(1);
        assertThat(j.path("quarantine").asText()).startsWith(tmp.resolve("q").toAbsolutePath().toString()).endsWith(".ndjson");
        assertThat(Files.readString(Path.of(j.path("quarantine").asText()))).contains("\"reason\":\"invalid_json\"");
        assertThat(j.path("quarantinedByReason").path("invalid_json").asInt()).isEqualTo(1);
        assertThat(j.path("timeRange").path("first").asText()).isEqualTo("2026-11-01T09:00:01Z");
        assertThat(j.path("topEventNames").get(0).path("value").asText()).isEqualTo("ListUsers");
    }

    @Test
    void ndjsonKeepsStdoutForAlertsAndPutsTheSummaryOnStderr() throws IOException {
        CliRun r = CliRun.of("scan", logs().toString(), "--format", "ndjson", "--quarantine", tmp.resolve("q").toString());
        assertThat(r.exit()).isEqualTo(0);
        assertThat(r.out()).isEmpty(); // ListUsers by an IAM user: no rule fires
        String summary = r.err().lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow();
        assertThat(new ObjectMapper().readTree(summary).path("type").asText()).isEqualTo("summary");
    }

    @Test
    void tableIsReadableAndEscapesLogFields() throws IOException {
        Path f = tmp.resolve("evil.json");
        Files.writeString(f, record(1, "List\u001b[31mUsers"), StandardCharsets.UTF_8);
        CliRun r = CliRun.of("scan", f.toString(), "--quarantine", tmp.resolve("q").toString());
        assertThat(r.exit()).isEqualTo(0);
        assertThat(r.out()).contains("events").contains("List\\u001b[31mUsers").doesNotContain("\u001b");
    }

    @Test
    void stdinIsReadFromDash() {
        java.io.InputStream old = System.in;
        try {
            System.setIn(new java.io.ByteArrayInputStream((record(3, "GetUser") + "\n").getBytes(StandardCharsets.UTF_8)));
            CliRun r = CliRun.of("scan", "-", "--format", "json", "--quarantine", tmp.resolve("q").toString());
            assertThat(r.exit()).isEqualTo(0);
            assertThat(r.out()).contains("\"events\" : 1");
        } finally {
            System.setIn(old);
        }
    }

    @Test
    void exitCodes() {
        assertThat(CliRun.of("scan", tmp.resolve("missing").toString()).exit()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(CliRun.of("scan").exit()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(CliRun.of("scan", tmp.toString(), "--format", "xml").exit()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        CliRun small = CliRun.of("scan", tmp.toString(), "--max-record-size", "10");
        assertThat(small.exit()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(small.err()).contains("record size limit");
        assertThat(CliRun.of("scan", tmp.toString(), "--max-record-size", "lots").err()).contains("is not a size");
        assertThat(CliRun.of("frobnicate").exit()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        CliRun rows = CliRun.of("bench", "--rows", "scan(default)", "--cache-dir", tmp.resolve("bench-cache").toString());
        assertThat(rows.exit()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(rows.err()).contains("no row is called 'scan(default)'");
        assertThat(tmp.resolve("bench-cache")).doesNotExist(); // refused before any dataset is made
        assertThat(CliRun.of().exit()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
    }

    @Test
    void helpAndVersion() {
        CliRun help = CliRun.of("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("scan", "generate", "demo", "bench");
        for (String cmd : new String[] {"scan", "generate", "demo", "bench"}) {
            CliRun h = CliRun.of(cmd, "-h");
            assertThat(h.exit()).as(cmd).isZero();
            assertThat(h.out()).as(cmd).contains("--format");
        }
        CliRun v = CliRun.of("--version");
        assertThat(v.exit()).isZero();
        assertThat(v.out()).startsWith("trailhound ").doesNotContain("unknown");
    }
}
