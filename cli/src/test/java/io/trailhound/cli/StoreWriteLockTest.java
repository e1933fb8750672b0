package io.trailhound.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailhound.store.EventStore;
import io.trailhound.store.StoreException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One writer at a time: while a scan in another process has the store open, a second writer
 * fails at once with a message that names the lock and the process holding it (the CLI: exit 2,
 * no stack trace), and the first run goes on to commit all it read. With --wait-for-lock the
 * second waits for the first to finish, then runs; a wait too short fails as before.
 */
class StoreWriteLockTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void aSecondWriterFailsAtOnceAndTheFirstCommitsAllItRead() throws Exception {
        CliRun gen = CliRun.of("generate", "--out", tmp.resolve("org").toString(), "--events", "3000", "--accounts", "2",
                "--users", "5", "--days", "1", "--layout", "jsonl", "--format", "json");
        assertThat(gen.exit()).as(gen.err()).isZero();
        long events = JSON.readTree(gen.out()).path("events").asLong();
        Path records;
        try (var files = Files.list(tmp.resolve("org/logs"))) {
            records = files.filter(p -> p.toString().endsWith(".jsonl")).findFirst().orElseThrow();
        }
        List<String> lines = Files.readAllLines(records);
        assertThat((long) lines.size()).isEqualTo(events);
        Path fewRecords = Files.write(tmp.resolve("few.jsonl"), lines.subList(0, 3));
        Path db = tmp.resolve("store/th.duckdb");

        // The first writer reads stdin, which stays open until the test closes it: it holds the
        // store as long as the test needs. It opens the store before it reads, so once it has
        // taken in more than a pipe holds, it has the store.
        ChildCli first = ChildCli.start(tmp.resolve("child-logs"), "first", "scan", "-", "--db", db.toString(),
                "--no-progress", "--format", "json");
        OutputStream stdin = first.process().getOutputStream();
        byte[] all = Files.readAllBytes(records);
        assertThat(all.length).isGreaterThan(1 << 20);
        CompletableFuture.runAsync(() -> {
            try {
                stdin.write(all);
                stdin.flush();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).get(120, TimeUnit.SECONDS);
        assertThat(first.process().isAlive()).as("the first writer is still running").isTrue();
        String holder = "PID " + first.process().pid();

        long start = System.nanoTime();
        assertThatThrownBy(() -> EventStore.open(db.toString(), false)).isInstanceOf(StoreException.class)
                .hasMessageContaining("cannot open the store " + db).hasMessageContaining("lock").hasMessageContaining(holder);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the store open fails at once").isLessThan(Duration.ofSeconds(5));

        CliRun second = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> CliRun.of("scan", fewRecords.toString(), "--db", db.toString(), "--no-progress"),
                "a second scan --db waits for the first instead of failing");
        assertThat(second.exit()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(second.err()).startsWith("trailhound: cannot open the store " + db).contains("lock", holder)
                .doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(first.process().isAlive()).as("the first writer is still running").isTrue();

        CliRun tooShort = CliRun.of("scan", fewRecords.toString(), "--db", db.toString(), "--no-progress", "--wait-for-lock", "1s");
        assertThat(tooShort.exit()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(tooShort.err()).contains("lock", holder).doesNotContain("Exception");

        // A writer that waits: it gets the store once the first is done, and adds nothing twice.
        CompletableFuture<CliRun> waiting = CompletableFuture.supplyAsync(() -> CliRun.of("scan", fewRecords.toString(),
                "--db", db.toString(), "--no-progress", "--format", "json", "--wait-for-lock", "2m"));
        Thread.sleep(1500);
        assertThat(waiting).as("the waiting writer waits while the first holds the store").isNotDone();
        stdin.close();
        assertThat(first.waitFor(120)).as(first.stderr()).isZero();
        CliRun waited = waiting.get(120, TimeUnit.SECONDS);
        assertThat(waited.exit()).as(waited.err()).isZero();
        assertThat(JSON.readTree(waited.out()).path("store").path("eventsAlreadyStored").asLong()).isEqualTo(3);
        try (EventStore s = EventStore.open(db.toString(), true)) {
            assertThat(s.counts().get("events")).isEqualTo(events);
        }
    }
}
