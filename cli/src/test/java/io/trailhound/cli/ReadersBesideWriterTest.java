package io.trailhound.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailhound.store.EventStore;
import io.trailhound.store.StoreException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * who, timeline and search answer while a scan in another process writes the store (DuckDB lets
 * no other process open the file then): the writer answers them on its socket, with every batch
 * it committed, and they see the next batches as they commit.
 */
class ReadersBesideWriterTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void readersGetAnswersFromTheWriterAndSeeItsNewBatches() throws Exception {
        List<String> lines = CliRun.generatedRecordLines(tmp.resolve("org"), 4000);
        // A reading thread hands events on 512 at a time (or at the end of its input), from what its
        // read-ahead passed on: while stdin stays open, the writer has the events written up to some
        // point, in groups of 512.
        int half = lines.size() / 2;
        assertThat(half).isGreaterThan(1024);
        Path db = tmp.resolve("store/th.duckdb");

        // The writer reads stdin, which stays open until the test closes it; a batch a second.
        ChildCli writer = ChildCli.start(tmp.resolve("child-logs"), "writer", "scan", "-", "--db", db.toString(),
                "--no-progress", "--format", "json", "--batch-time", "1s");
        OutputStream stdin = writer.process().getOutputStream();
        try {
            stdin.write((String.join("\n", lines.subList(0, half)) + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            List<JsonNode> first = awaitEvents(db, 512, writer);
            assertThat(first.size()).isBetween(512, half);
            assertThat(writer.process().isAlive()).as("the writer is still running").isTrue();
            assertThatThrownBy(() -> EventStore.open(db.toString(), true)).as("the writer holds the file")
                    .isInstanceOf(StoreException.class).hasMessageContaining("lock");

            // who and timeline answer through the writer too
            String eventId = first.get(0).path("eventID").asText();
            CliRun who = CliRun.of("who", eventId, "--db", db.toString(), "--format", "json");
            assertThat(who.exit()).as(who.err()).isZero();
            JsonNode answer = JSON.readTree(who.out());
            assertThat(answer.path("matchedBy").asText()).isEqualTo("eventID");
            String origin = answer.path("origin").path("arn").asText(answer.path("origin").path("name").asText());
            if (!origin.isEmpty()) {
                CliRun timeline = CliRun.of("timeline", "--origin", origin, "--db", db.toString(), "--format", "ndjson");
                assertThat(timeline.exit()).as(timeline.err()).isZero();
                assertThat(timeline.jsonLines()).isNotEmpty();
            }
            // search --where keeps its guard through the socket
            CliRun hostile = CliRun.of("search", "--db", db.toString(), "--where", "true); CHECKPOINT; SELECT (1");
            assertThat(hostile.exit()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
            assertThat(hostile.err()).contains("nothing of it was run");

            stdin.write((String.join("\n", lines.subList(half, lines.size())) + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            assertThat(awaitEvents(db, first.size() + 512, writer)).as("the next batches, as they commit").hasSizeGreaterThan(first.size());
            assertThat(writer.process().isAlive()).isTrue();
        } finally {
            stdin.close();
        }
        assertThat(writer.waitFor(120)).as(writer.stderr()).isZero();
        CliRun after = CliRun.of("search", "--db", db.toString(), "--format", "ndjson");
        assertThat(after.exit()).as("read-only again once the writer is gone: " + after.err()).isZero();
        assertThat(after.jsonLines()).hasSize(lines.size());
    }

    /** Searches (through the writer) until it has {@code n} events; a bounded wait. */
    private static List<JsonNode> awaitEvents(Path db, int n, ChildCli writer) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        List<JsonNode> events = List.of();
        while (System.nanoTime() < deadline && writer.process().isAlive()) {
            CliRun search = CliRun.of("search", "--db", db.toString(), "--format", "ndjson");
            if (search.exit() == 0) {
                events = search.jsonLines();
                if (events.size() >= n) {
                    return events;
                }
            } else {
                // before the writer made the store and began to listen: nothing to read yet
                assertThat(search.err()).contains("store");
            }
            Thread.sleep(200);
        }
        throw new AssertionError("readers saw " + events.size() + " of " + n + " events; writer stderr: " + writer.stderr());
    }
}
