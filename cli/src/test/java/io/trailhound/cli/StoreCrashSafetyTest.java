package io.trailhound.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailhound.store.EventStore;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.InputStream;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a {@code scan --db} in a child JVM at points spread over the run: as the store file
 * is made, with shares of the files read, as reading ends, while a batch commits, and as the
 * store grows. The run commits a batch every 50 files, so most kills fall between or inside
 * batches. Each killed store must open and hold whole batches only: every file in its ingest log
 * has all of its events in the store, no event is there that no logged file holds, none twice.
 * The same scan run again on it must leave what one clean run leaves: the same events, once each,
 * with the same credential answers, ledger, alerts and ingest log.
 */
class StoreCrashSafetyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Enough for a run of a few seconds, most of it reading, the last second or so the commit. */
    private static final int EVENTS = 20_000;

    @TempDir
    Path tmp;

    /**
     * What a store holds, compared whole: rows per table, a digest of every event with its
     * attribution, of every credential's answer, and of every alert with its origin.
     */
    private record Contents(Map<String, Long> counts, String digest, String credentials, String alerts) {
        static Contents of(Path db) {
            // read-write, as the next scan opens it (a store killed before it was made is made here)
            try (EventStore s = EventStore.open(db.toString(), false)) {
                return new Contents(s.counts(), s.db().queryString("SELECT coalesce(md5(string_agg(eventID || ':' || md5(raw) "
                        + "|| ':' || coalesce(originLabel, '') || ':' || coalesce(confidence, ''), ',' ORDER BY eventID)), '') "
                        + "FROM event_view"),
                        s.db().queryString("SELECT coalesce(md5(string_agg(concat_ws(':', credentialId, confidence, originLabel, "
                                + "reason, chain, pending), ',' ORDER BY credentialId)), '') FROM credentials"),
                        s.db().queryString("SELECT coalesce(md5(string_agg(concat_ws(':', id, eventID, ruleId, confidence, "
                                + "originLabel), ',' ORDER BY id)), '') FROM alert_view"));
            } catch (java.sql.SQLException | RuntimeException e) {
                throw new AssertionError("the store " + db + " does not open or read: " + e.getMessage(), e);
            }
        }

        boolean empty() {
            return digest.isEmpty() && counts.values().stream().allMatch(n -> n == 0);
        }
    }

    /**
     * Whole batches only: each logged file has all its events stored; each stored event belongs to
     * a logged file (an eventID can be in two files: either counts); no eventID twice; each event
     * as the clean run stored it. Returns what is wrong, or null.
     */
    private static String notWholeBatches(Path db, Map<String, Set<String>> eventIdsByFile, Path cleanDb) {
        try (EventStore s = EventStore.open(db.toString(), true)) {
            Set<String> logged = new HashSet<>();
            try (Statement st = s.db().connection().createStatement(); ResultSet rs = st.executeQuery("SELECT path FROM ingest_log")) {
                while (rs.next()) {
                    logged.add(rs.getString(1));
                }
            }
            Set<String> stored = new HashSet<>();
            Map<String, String> rawById = new HashMap<>();
            try (Statement st = s.db().connection().createStatement();
                 ResultSet rs = st.executeQuery("SELECT eventID, md5(raw) FROM events")) {
                while (rs.next()) {
                    if (!stored.add(rs.getString(1))) {
                        return "event " + rs.getString(1) + " is stored twice";
                    }
                    rawById.put(rs.getString(1), rs.getString(2));
                }
            }
            Set<String> ofLoggedFiles = new HashSet<>();
            for (String file : logged) {
                Set<String> ids = eventIdsByFile.get(file);
                if (ids == null) {
                    return "the ingest log holds " + file + ", which is not an input";
                }
                if (!stored.containsAll(ids)) {
                    return "the logged file " + file + " has " + ids.stream().filter(id -> !stored.contains(id)).count()
                            + " of its events missing";
                }
                ofLoggedFiles.addAll(ids);
            }
            if (!ofLoggedFiles.containsAll(stored)) {
                return stored.stream().filter(id -> !ofLoggedFiles.contains(id)).count() + " stored events belong to no logged file";
            }
            try (EventStore clean = EventStore.open(cleanDb.toString(), true);
                 Statement st = clean.db().connection().createStatement();
                 ResultSet rs = st.executeQuery("SELECT eventID, md5(raw) FROM events")) {
                while (rs.next()) {
                    String raw = rawById.get(rs.getString(1));
                    if (raw != null && !raw.equals(rs.getString(2))) {
                        return "event " + rs.getString(1) + " is stored with another record than the clean run's";
                    }
                }
            }
            return null;
        } catch (java.sql.SQLException | RuntimeException e) {
            throw new AssertionError("the store " + db + " does not open or read: " + e.getMessage(), e);
        }
    }

    /**
     * When to kill: once the run has read a share of its files (as its progress line on stderr
     * says: a share of a clean run's time would depend on the machine's load), or once the store
     * file has reached a size (the commit fills it; before it the run is staged in memory) of a
     * clean run's store.
     */
    private record KillPoint(String name, double shareOfFilesRead, long storeBytes, boolean mustHitTheRun, long[] wal,
                             boolean eventFileOpen) {
        private static final Pattern PROGRESS = Pattern.compile("files (\\d+)/(\\d+)");

        static KillPoint afterFilesRead(String name, double share) {
            return new KillPoint(name, share, -1, true, null, false);
        }

        static KillPoint whenStoreHas(String name, long bytes, boolean mustHitTheRun) {
            return new KillPoint(name, -1, bytes, mustHitTheRun, null, false);
        }

        /** When the store's write-ahead log grows after a third of the files: a batch's commit is writing it. */
        static KillPoint whileABatchCommits(String name) {
            return new KillPoint(name, -2, -1, true, new long[] {-1}, false);
        }

        /** When, after half of the files, a batch's events file is being written (its hidden .inprogress name exists). */
        static KillPoint whileAnEventsFileIsWritten(String name) {
            return new KillPoint(name, -3, -1, true, null, true);
        }

        boolean due(ChildCli child, Path db) throws IOException {
            if (eventFileOpen) {
                return readShare(child) >= 0.5 && !filesUnder(Path.of(db + ".events"), ".inprogress").isEmpty();
            }
            if (wal != null) {
                long now = sizeOrZero(db.resolveSibling(db.getFileName() + ".wal"));
                boolean grew = wal[0] >= 0 && now > wal[0];
                wal[0] = now;
                return grew && readShare(child) >= 0.33;
            }
            if (storeBytes >= 0) {
                return Files.exists(db) && sizeOrZero(db) >= storeBytes;
            }
            return readShare(child) >= shareOfFilesRead;
        }

        private static double readShare(ChildCli child) throws IOException {
            Matcher m = PROGRESS.matcher(tail(child.stderrFile()));
            double read = -1;
            while (m.find()) {
                read = Double.parseDouble(m.group(1)) / Double.parseDouble(m.group(2));
            }
            return read;
        }

        /** The store file is made and written within microseconds: its appearance is looked for without pause. */
        boolean looksOften(Path db) {
            return storeBytes == 0 && Files.isDirectory(db.getParent());
        }
    }

    @Test
    void aScanKilledAnywhereLeavesWholeBatchesAndRunningItAgainCompletesTheStore() throws Exception {
        long events = generate();
        Path logs = tmp.resolve("org/logs");
        Map<String, Set<String>> eventIdsByFile = eventIdsByFile(logs);

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
        assertThat(full.counts().get("alerts")).as("the built-in rules raise alerts on the generated logs").isPositive();
        assertThat(JSON.readTree(Files.readString(clean.stdoutFile())).path("store").path("batches").asLong())
                .as("the clean run commits in batches").isGreaterThan(3);

        List<KillPoint> points = List.of(
                KillPoint.whenStoreHas("as the store file appears", 0, true),
                KillPoint.afterFilesRead("with 30% of the files read", 0.3),
                KillPoint.afterFilesRead("with 70% of the files read", 0.7),
                KillPoint.afterFilesRead("with all files read, before the last commit", 1.0),
                KillPoint.whileABatchCommits("while a batch commits (its write-ahead log grows)"),
                KillPoint.whileAnEventsFileIsWritten("while a batch's events file is written"),
                KillPoint.whenStoreHas("as the store file grows (store at 25% of its size)", storeBytes / 4, true),
                // may come after the commit, as the store is closed: then it must hold all of the run
                KillPoint.whenStoreHas("late in the commit (store at 95% of its size)", storeBytes * 95 / 100, false));
        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            outcomes.add(killAndCheck(points.get(i), tmp.resolve("killed-" + i + "/th.duckdb"), logs, full, eventIdsByFile,
                    cleanDb));
        }
        String all = "clean run " + runNanos / 1_000_000 + " ms, store " + storeBytes + " bytes\n  " + String.join("\n  ", outcomes);
        System.out.println("StoreCrashSafetyTest: " + all);
        assertThat(outcomes).as(all).anyMatch(o -> o.contains("held nothing"));
        assertThat(outcomes).as(all + "\n(a kill in the middle of the run keeps the batches committed before it)")
                .anyMatch(o -> o.contains("whole batches"));
    }

    /** Runs the scan into {@code db}, kills it at {@code point}, checks what it left, scans again and checks that; returns what happened. */
    private String killAndCheck(KillPoint point, Path db, Path logs, Contents full, Map<String, Set<String>> eventIdsByFile,
                                Path cleanDb) throws Exception {
        ChildCli child = ChildCli.start(tmp.resolve("child-logs"), db.getParent().getFileName().toString(), scanArgs(logs, db));
        long killedAfter = killWhenDue(child, point, db);
        int exit = child.process().exitValue();
        Contents left = Contents.of(db);
        // opened for writing (Contents.of): every events file no committed batch lists is gone
        assertThat(unlisted(db)).as(point.name() + ": events files the store does not list").isEmpty();
        String wrong = notWholeBatches(db, eventIdsByFile, cleanDb);
        String outcome = String.format(Locale.ROOT, "%s: %s after %d ms, the store held %s", point.name(),
                exit == ChildCli.KILLED ? "killed" : "ended by itself (exit " + exit + ")", killedAfter / 1_000_000,
                left.empty() ? "nothing of the run" : left.equals(full) ? "all of the run"
                        : wrong == null ? "whole batches: " + left.counts().get("ingest_log") + " files, "
                                + left.counts().get("events") + " events, " + left.counts().get("alerts") + " alerts"
                                : "PART of a batch (" + wrong + ")");
        assertThat(wrong).as(outcome).isNull();
        if (exit != ChildCli.KILLED) {
            assertThat(point.mustHitTheRun()).as(outcome + ": this point must fall inside the run").isFalse();
            assertThat(exit).as(outcome + "; stderr: " + child.stderr()).isZero();
        }
        long again = System.nanoTime();
        CliRun rerun = CliRun.of(scanArgs(logs, db));
        assertThat(rerun.exit()).as(outcome + "; the scan again: " + rerun.err()).isZero();
        assertThat(Contents.of(db)).as(outcome + "; after the scan again").isEqualTo(full);
        assertThat(unlisted(db)).as(outcome + "; events files not listed after the scan again").isEmpty();
        return outcome + "; the scan again made it whole in " + (System.nanoTime() - again) / 1_000_000 + " ms";
    }

    /** Files under the store's events folder that its catalog does not list (as {@code <db>.events}-relative paths). */
    private static List<String> unlisted(Path db) throws Exception {
        Path dir = Path.of(db + ".events");
        Set<String> listed = new HashSet<>();
        try (EventStore s = EventStore.open(db.toString(), true); Statement st = s.db().connection().createStatement();
             ResultSet rs = st.executeQuery("SELECT path FROM event_files")) {
            while (rs.next()) {
                listed.add(rs.getString(1));
            }
        }
        return filesUnder(dir, "").stream().map(p -> dir.relativize(p).toString()).filter(p -> !listed.contains(p)).toList();
    }

    private static List<Path> filesUnder(Path dir, String suffix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(p -> Files.isRegularFile(p) && p.toString().endsWith(suffix)).toList();
        } catch (java.io.UncheckedIOException e) {
            return List.of(); // a file renamed as it was listed: look again
        }
    }

    private static String[] scanArgs(Path logs, Path db) {
        // the progress line (stderr) tells how far the run has read; the re-run in this JVM prints it too, to a buffer
        return new String[] {"scan", logs.toString(), "--db", db.toString(), "--progress", "--format", "json",
            "--batch-files", "50"};
    }

    /** The eventIDs of each log file, by its absolute path (as the ingest log names it). */
    private static Map<String, Set<String>> eventIdsByFile(Path logs) throws IOException {
        Map<String, Set<String>> out = new HashMap<>();
        try (Stream<Path> files = Files.walk(logs)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json.gz")).toList()) {
                Set<String> ids = new HashSet<>();
                try (InputStream in = new GZIPInputStream(Files.newInputStream(f))) {
                    JSON.readTree(in).path("Records").forEach(r -> ids.add(r.path("eventID").asText()));
                }
                out.put(f.toAbsolutePath().toString(), ids);
            }
        }
        assertThat(out).as("gzip log files under " + logs).isNotEmpty();
        return out;
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
