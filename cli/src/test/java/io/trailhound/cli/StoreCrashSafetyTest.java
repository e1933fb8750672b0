package io.trailhound.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailhound.store.EventStore;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a {@code scan --db} in a child JVM at points spread over the run: as the store file
 * is made, with shares of the files read, as reading ends, and while the commit writes the
 * store. Each killed store must open and hold all of the run or none of it, and the same scan
 * run again on it must leave what one clean run leaves: the same events, once each, with the
 * same attributions, ledger, alerts and ingest log.
 */
class StoreCrashSafetyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Enough for a run of a few seconds, most of it reading, the last second or so the commit. */
    private static final int EVENTS = 20_000;

    @TempDir
    Path tmp;

    /** What a store holds, compared whole: rows per table, and a digest of every event with its attribution. */
    private record Contents(Map<String, Long> counts, String digest) {
        static Contents of(Path db) {
            // read-write, as the next scan opens it (a store killed before it was made is made here)
            try (EventStore s = EventStore.open(db.toString(), false)) {
                return new Contents(s.counts(), s.db().queryString("SELECT coalesce(md5(string_agg(eventID || ':' || md5(raw) "
                        + "|| ':' || coalesce(originLabel, '') || ':' || coalesce(confidence, ''), ',' ORDER BY eventID)), '') "
                        + "FROM event_view"));
            } catch (java.sql.SQLException | RuntimeException e) {
                throw new AssertionError("the store " + db + " does not open or read: " + e.getMessage(), e);
            }
        }

        boolean empty() {
            return digest.isEmpty() && counts.values().stream().allMatch(n -> n == 0);
        }
    }

    /**
     * When to kill: once the run has read a share of its files (as its progress line on stderr
     * says: a share of a clean run's time would depend on the machine's load), or once the store
     * file has reached a size (the commit fills it; before it the run is staged in memory) of a
     * clean run's store.
     */
    private record KillPoint(String name, double shareOfFilesRead, long storeBytes, boolean mustHitTheRun) {
        private static final Pattern PROGRESS = Pattern.compile("files (\\d+)/(\\d+)");

        static KillPoint afterFilesRead(String name, double share) {
            return new KillPoint(name, share, -1, true);
        }

        static KillPoint whenStoreHas(String name, long bytes, boolean mustHitTheRun) {
            return new KillPoint(name, -1, bytes, mustHitTheRun);
        }

        boolean due(ChildCli child, Path db) throws IOException {
            if (storeBytes >= 0) {
                return Files.exists(db) && sizeOrZero(db) >= storeBytes;
            }
            Matcher m = PROGRESS.matcher(tail(child.stderrFile()));
            double read = -1;
            while (m.find()) {
                read = Double.parseDouble(m.group(1)) / Double.parseDouble(m.group(2));
            }
            return read >= shareOfFilesRead;
        }

        /** The store file is made and written within microseconds: its appearance is looked for without pause. */
        boolean looksOften(Path db) {
            return storeBytes == 0 && Files.isDirectory(db.getParent());
        }
    }

    @Test
    void aScanKilledAnywhereLeavesAllOrNothingAndRunningItAgainCompletesTheStore() throws Exception {
        long events = generate();
        Path logs = tmp.resolve("org/logs");

        Path cleanDb = tmp.resolve("clean/th.duckdb");
        long start = System.nanoTime();
        ChildCli clean = ChildCli.start(tmp.resolve("child-logs"), "clean", scanArgs(logs, cleanDb));
        assertThat(clean.waitFor(180)).as(clean.stderr()).isZero();
        long runNanos = System.nanoTime() - start;
        long storeBytes = Files.size(cleanDb);
        Contents full = Contents.of(cleanDb);
        assertThat(full.counts().get("events")).isEqualTo(events);
        assertThat(full.counts().get("ingest_log")).isPositive();
        assertThat(full.counts().get("issuances")).isPositive();

        List<KillPoint> points = List.of(
                KillPoint.whenStoreHas("as the store file appears", 0, true),
                KillPoint.afterFilesRead("with 30% of the files read", 0.3),
                KillPoint.afterFilesRead("with 70% of the files read", 0.7),
                KillPoint.afterFilesRead("with all files read, before the commit", 1.0),
                KillPoint.whenStoreHas("as the commit writes the events (store at 25% of its size)", storeBytes / 4, true),
                // may come after the commit, as the store is closed: then it must hold all of the run
                KillPoint.whenStoreHas("late in the commit (store at 95% of its size)", storeBytes * 95 / 100, false));
        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            outcomes.add(killAndCheck(points.get(i), tmp.resolve("killed-" + i + "/th.duckdb"), logs, full));
        }
        String all = "clean run " + runNanos / 1_000_000 + " ms, store " + storeBytes + " bytes\n  " + String.join("\n  ", outcomes);
        System.out.println("StoreCrashSafetyTest: " + all);
        assertThat(outcomes).as(all).anyMatch(o -> o.contains("held nothing"));
    }

    /** Runs the scan into {@code db}, kills it at {@code point}, checks what it left, scans again and checks that; returns what happened. */
    private String killAndCheck(KillPoint point, Path db, Path logs, Contents full) throws Exception {
        ChildCli child = ChildCli.start(tmp.resolve("child-logs"), db.getParent().getFileName().toString(), scanArgs(logs, db));
        long killedAfter = killWhenDue(child, point, db);
        int exit = child.process().exitValue();
        Contents left = Contents.of(db);
        String outcome = String.format(Locale.ROOT, "%s: %s after %d ms, the store held %s", point.name(),
                exit == ChildCli.KILLED ? "killed" : "ended by itself (exit " + exit + ")", killedAfter / 1_000_000,
                left.empty() ? "nothing of the run" : left.equals(full) ? "all of the run" : "PART of the run " + left.counts());
        assertThat(left.empty() || left.equals(full)).as(outcome).isTrue();
        if (exit != ChildCli.KILLED) {
            assertThat(point.mustHitTheRun()).as(outcome + ": this point must fall inside the run").isFalse();
            assertThat(exit).as(outcome + "; stderr: " + child.stderr()).isZero();
        }
        long again = System.nanoTime();
        CliRun rerun = CliRun.of(scanArgs(logs, db));
        assertThat(rerun.exit()).as(outcome + "; the scan again: " + rerun.err()).isZero();
        assertThat(Contents.of(db)).as(outcome + "; after the scan again").isEqualTo(full);
        return outcome + "; the scan again made it whole in " + (System.nanoTime() - again) / 1_000_000 + " ms";
    }

    private static String[] scanArgs(Path logs, Path db) {
        // the progress line (stderr) tells how far the run has read; the re-run in this JVM prints it too, to a buffer
        return new String[] {"scan", logs.toString(), "--db", db.toString(), "--progress", "--format", "json"};
    }

    /** Generates the logs into tmp/org; returns how many events they hold. */
    private long generate() throws IOException {
        CliRun gen = CliRun.of("generate", "--out", tmp.resolve("org").toString(), "--events", String.valueOf(EVENTS),
                "--accounts", "3", "--users", "8", "--days", "1", "--format", "json");
        assertThat(gen.exit()).as(gen.err()).isZero();
        assertThat(Path.of(JSON.readTree(gen.out()).path("logs").asText())).isEqualTo(tmp.resolve("org/logs").toAbsolutePath());
        return JSON.readTree(gen.out()).path("events").asLong();
    }

    /** Watches the child and the files beside the store, kills the child when the point is due; returns when (nanos since start). */
    private static long killWhenDue(ChildCli child, KillPoint point, Path db) throws Exception {
        long start = System.nanoTime();
        long deadline = start + 180_000_000_000L;
        while (child.process().isAlive() && System.nanoTime() < deadline && !point.due(child, db)) {
            if (point.looksOften(db)) {
                Thread.onSpinWait();
            } else {
                Thread.sleep(1);
            }
        }
        long at = System.nanoTime() - start;
        child.kill();
        return at;
    }

    private static long sizeOrZero(Path file) {
        try {
            return Files.size(file);
        } catch (IOException gone) {
            return 0;
        }
    }

    /** The last bytes of a file that grows: enough for the latest progress line. */
    private static String tail(Path file) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long from = Math.max(0, f.length() - 512);
            byte[] b = new byte[(int) (f.length() - from)];
            f.seek(from);
            f.readFully(b);
            return new String(b, StandardCharsets.ISO_8859_1);
        }
    }
}
