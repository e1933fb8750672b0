package io.trailhound.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Paths from the command line and log fields reach neither the terminal nor a JSON line as acting controls. */
class OutputEscapingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** ESC [ 31m (CSI), C1 CSI, NEL, DEL, right-to-left override, line and paragraph separators. */
    private static final String EVIL = "\u001b[31m\u009b31m\u0085\u007f\u202e\u2028\u2029";

    @TempDir
    Path tmp;

    /** No character that acts on a terminal: controls (but the newline), DEL, C1, bidi controls, line separators. */
    private static void inert(String text) {
        String withoutNewlines = text.replace("\n", "").replace("\r", "");
        for (char c : withoutNewlines.toCharArray()) {
            assertThat(TerminalText.unsafe(c)).as("U+%04X in %s", (int) c, text).isFalse();
        }
    }

    @Test
    void jsonEscapesWhatActsOnATerminalAndNothingElse() throws IOException {
        String s = "a" + EVIL + "\u00e9\ud83d\ude00\u200b";
        String written = Json.MAPPER.writeValueAsString(s);
        assertThat(written).isEqualTo("\"a\\u001B[31m\\u009B31m\\u0085\\u007F\\u202E\\u2028\\u2029\u00e9\ud83d\ude00\u200b\"");
        assertThat(JSON.readValue(written, String.class)).isEqualTo(s);
        assertThat(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.createObjectNode().put(EVIL, EVIL)))
                .doesNotContain("\u009b", "\u202e", "\u2028");
    }

    @Test
    void pathsInMessagesAreEscaped() throws IOException {
        Path evil = tmp.resolve("evil" + EVIL.replace("\u2028", "").replace("\u2029", "") + ".json");
        Files.writeString(evil, "{bad\n");
        CliRun bad = CliRun.of("scan", evil.toString(), "--quarantine", tmp.resolve("q").toString(), "--no-progress");
        assertThat(bad.exit()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(bad.err()).contains("nothing could be read from").contains("evil\\u001b[31m\\u009b31m");
        inert(bad.err());
        inert(bad.out());

        CliRun missing = CliRun.of("scan", tmp.resolve("gone" + EVIL).toString(), "--no-progress");
        inert(missing.err());
        inert(missing.out());

        CliRun option = CliRun.of("scan", evil.toString(), "--format", "x" + EVIL);
        assertThat(option.exit()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(option.err()).contains("--format");
        inert(option.err());

        CliRun value = CliRun.of("scan", evil.toString(), "--fail-on", "x" + EVIL);
        assertThat(value.exit()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(value.err()).contains("--fail-on: unknown level 'x\\u001b[31m");
        inert(value.err());

        CliRun store = CliRun.of("who", "x", "--db", tmp.resolve("no-store" + EVIL).toString());
        inert(store.err());
    }

    @Test
    void alertLinesAndSummariesCarryLogFieldControlsAsEscapes() throws IOException {
        String name = "List" + EVIL + "Users";
        Path events = tmp.resolve("events.jsonl");
        // The file holds the controls as JSON escapes (put in by hand: a JSON writer leaves most of them
        // as they are); the decoder turns them into the characters.
        String escaped = JSON.writeValueAsString(name).replace("\"", "")
                .replace("\u202e", "\\u202e").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
                .replace("\u0085", "\\u0085").replace("\u009b", "\\u009b").replace("\u007f", "\\u007f");
        Files.writeString(events, ScanCommandTest.record(1, "NAME").replace("\"NAME\"", "\"" + escaped + "\"") + "\n",
                StandardCharsets.US_ASCII);
        Path rule = tmp.resolve("r.yaml");
        Files.writeString(rule, """
                - rule: Any List call
                  desc: x
                  condition: ct.name startswith "List"
                  output: listed %ct.name
                  priority: WARNING
                  source: aws_cloudtrail
                """);

        CliRun nd = CliRun.of("scan", events.toString(), "--rules", "falco:" + rule, "--format", "ndjson", "--no-progress",
                "--quarantine", tmp.resolve("q").toString());
        assertThat(nd.exit()).as(nd.err()).isZero();
        inert(nd.out());
        inert(nd.err());
        JsonNode alert = nd.jsonLines().get(0);
        assertThat(alert.path("output").asText()).startsWith("listed " + name);
        assertThat(alert.path("event").path("eventName").asText()).isEqualTo(name);
        assertThat(nd.out()).contains("\\u009B31m\\u0085\\u007F\\u202E\\u2028\\u2029");

        CliRun json = CliRun.of("scan", events.toString(), "--rules", "falco:" + rule, "--format", "json", "--no-progress",
                "--quarantine", tmp.resolve("q").toString());
        inert(json.out());
        assertThat(JSON.readTree(json.out()).path("topEventNames").get(0).path("value").asText()).isEqualTo(name);

        CliRun table = CliRun.of("scan", events.toString(), "--rules", "falco:" + rule, "--no-progress",
                "--quarantine", tmp.resolve("q").toString());
        inert(table.out());
        assertThat(table.out()).contains("List\\u001b[31m\\u009b31m\\u0085\\u007f\\u202e\\u2028\\u2029Users");
    }
}
