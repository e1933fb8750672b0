package io.trailhound.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailhound.core.testkit.CloudTrailFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit 2 when inputs were given and nothing at all could be read from them; 0 for input that is merely empty. */
class NothingReadExitTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path file(String name, byte[] bytes) throws IOException {
        Path f = tmp.resolve(name);
        Files.createDirectories(f.getParent());
        return Files.write(f, bytes);
    }

    private CliRun scan(Path input, String... more) {
        String[] args = {"scan", input.toString(), "--format", "json", "--quarantine", tmp.resolve("q").toString(), "--no-progress"};
        String[] all = Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return CliRun.of(all);
    }

    /** Exit 2, with the summary still printed and the bad input in the quarantine file. */
    private static void nothingRead(CliRun r, String reason) throws IOException {
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(r.err()).contains("nothing could be read from");
        JsonNode summary = JSON.readTree(r.out());
        assertThat(summary.path("records").asLong()).isZero();
        assertThat(summary.path("quarantinedByReason").path(reason).asLong()).isPositive();
        assertThat(Files.readString(Path.of(summary.path("quarantine").asText()))).contains("\"reason\":\"" + reason + "\"");
    }

    @Test
    void aFileOfGarbageExitsTwo() throws IOException {
        byte[] garbage = new byte[500];
        new java.util.Random(7).nextBytes(garbage);
        garbage[0] = 'x'; // not a gzip header by chance
        nothingRead(scan(file("garbage.bin", garbage)), "unrecognised_shape");
    }

    @Test
    void onlyInvalidJsonLinesExitTwo() throws IOException {
        nothingRead(scan(file("bad.jsonl", "{bad\n{\"eventName\":\n".getBytes(StandardCharsets.UTF_8))), "invalid_json");
    }

    @Test
    void aGzipTruncatedToFortyBytesExitsTwo() throws IOException {
        byte[] whole = CloudTrailFiles.gzip(CloudTrailFiles.s3(List.of(ScanCommandTest.record(1, "ListUsers"),
                ScanCommandTest.record(2, "GetUser"))));
        nothingRead(scan(file("trail.json.gz", Arrays.copyOf(whole, 40))), "corrupt_gzip");
    }

    @Test
    void oneGoodRecordAmongBadOnesExitsZero() throws IOException {
        CliRun r = scan(file("mixed.jsonl", ("{bad\n" + ScanCommandTest.record(1, "ListUsers") + "\n").getBytes(StandardCharsets.UTF_8)));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).doesNotContain("nothing could be read");
    }

    @Test
    void emptyInputIsNotAnError() throws IOException {
        assertThat(scan(file("empty.json", new byte[0])).exit()).isZero();
        assertThat(scan(Files.createDirectories(tmp.resolve("trail-with-no-logs-yet"))).exit()).isZero();
        file("docs/README.txt", "not a log\n".getBytes(StandardCharsets.UTF_8));
        CliRun readmeOnly = scan(tmp.resolve("docs"));
        assertThat(readmeOnly.exit()).isZero();
        assertThat(JSON.readTree(readmeOnly.out()).path("skipped").asLong()).isEqualTo(1);
    }

    @Test
    void aFolderOfBrokenLinksExitsTwoAndNamesEachLink() throws IOException {
        Path links = Files.createDirectories(tmp.resolve("links"));
        Files.createSymbolicLink(links.resolve("a.json"), tmp.resolve("gone-a.json"));
        Files.createSymbolicLink(links.resolve("b.json"), tmp.resolve("gone-b.json"));
        CliRun r = scan(links);
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        JsonNode summary = JSON.readTree(r.out());
        assertThat(summary.path("unreadable").asLong()).isEqualTo(2);
        assertThat(Files.readString(Path.of(summary.path("quarantine").asText())))
                .contains(links.resolve("a.json").toString(), links.resolve("b.json").toString(), "broken symbolic link");
    }

    @Test
    void storeScansExitTheSameWayAndCountFilesTheStoreAlreadyHasAsRead() throws IOException {
        String db = tmp.resolve("store.duckdb").toString();
        Path garbage = file("in/garbage.jsonl", "{bad\n".getBytes(StandardCharsets.UTF_8));
        CliRun bad = scan(garbage, "--db", db);
        assertThat(bad.exit()).as(bad.err()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        JsonNode summary = JSON.readTree(bad.out());
        assertThat(summary.path("store").path("quarantineAdded").asLong()).isEqualTo(1);
        assertThat(summary.path("records").asLong()).isZero();

        Path good = file("in2/good.jsonl", (ScanCommandTest.record(1, "ListUsers") + "\n").getBytes(StandardCharsets.UTF_8));
        assertThat(scan(good, "--db", db).exit()).isZero();
        // good.jsonl is known to the store (not read again), the new file is garbage: something was read, exit 0.
        file("in2/more-garbage.jsonl", "{worse\n".getBytes(StandardCharsets.UTF_8));
        CliRun again = scan(tmp.resolve("in2"), "--db", db);
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(JSON.readTree(again.out()).path("store").path("filesAlreadyIngested").asLong()).isEqualTo(1);
    }

    @Test
    void rulesTestExitsTwoWhenNoEventCouldBeRead() throws IOException {
        Path garbage = file("ev.jsonl", "{bad\n".getBytes(StandardCharsets.UTF_8));
        Path rule = file("r.yaml", """
                - rule: Stop
                  desc: x
                  condition: ct.name="StopLogging"
                  output: x
                  priority: WARNING
                  source: aws_cloudtrail
                """.getBytes(StandardCharsets.UTF_8));
        CliRun r = CliRun.of("rules", "test", rule.toString(), "--events", garbage.toString());
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(r.err()).contains("nothing could be read from");
    }
}
