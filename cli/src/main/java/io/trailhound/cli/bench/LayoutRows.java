package io.trailhound.cli.bench;

import io.trailhound.cli.bench.BenchHarness.Tally;
import io.trailhound.cli.bench.BenchRounds.Measured;
import io.trailhound.core.ingest.IngestProgress;
import io.trailhound.core.ingest.InputFinder;
import io.trailhound.core.ingest.ReadLimits;
import io.trailhound.core.output.parquet.EventRow;
import io.trailhound.core.output.parquet.PartitionedEventsWriter;
import io.trailhound.core.rules.engine.DetectionStage;
import io.trailhound.core.rules.engine.Detector;
import io.trailhound.core.scan.Scan;
import io.trailhound.core.scan.ScanOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The row that measures writing the events somewhere other tools read: the default scan writing
 * every attributed event into the Parquet events layout, in a temporary folder deleted after each
 * run. Its note compares it with DuckDB's own {@code read_json} → table of the same files
 * ({@link StoreRows#DUCKDB_CTAS}), the store's yardstick.
 */
final class LayoutRows {
    static final String PARQUET = "scan (default) → parquet";

    /**
     * Parquet bytes the last layout run wrote, for the note (not in the tally: the rounds compare
     * tallies, and the size varies a little with the order two threads hand events on). The bench
     * runs rows one at a time.
     */
    private static long parquetBytes;

    private LayoutRows() {
    }

    static Measured parquet(Path logsRoot, int threads) {
        return new Measured(PARQUET, "trailhound scan as run by default (attribution + the built-in pack), every event with its "
                + "origin written into the Parquet events layout (account=/date=/part-*.parquet, zstd) in a temporary folder",
                () -> scanToParquet(logsRoot, threads));
    }

    private static Tally scanToParquet(Path logsRoot, int threads) throws IOException {
        Path out = Files.createTempDirectory("trailhound-bench-layout-");
        try {
            long[] alerts = new long[1];
            EventRow row = new EventRow();
            Tally t = new Tally();
            try (PartitionedEventsWriter w = new PartitionedEventsWriter(out)) {
                Scan.Result r = Scan.builder(new ScanOptions(ReadLimits.defaults(), threads, null))
                        .attribution()
                        .detection(DetectionStage.inMemory(new Detector(RulePacks.builtin().rules()), null, a -> alerts[0]++))
                        .onAttributed((e, a) -> w.write(row.fill(e, a)))
                        .build().run(new InputFinder().find(List.of(logsRoot.toString())), IngestProgress.NONE);
                t.records = r.ingest().records();
                t.duplicates = r.ingest().duplicates();
                t.bad = r.ingest().quarantined();
                w.close();
                if (w.rows() != r.ingest().events()) {
                    throw new IllegalStateException("the layout got " + w.rows() + " rows for " + r.ingest().events() + " events");
                }
                long bytes = 0;
                for (Path f : w.files()) {
                    bytes += Files.size(f);
                }
                parquetBytes = bytes;
            }
            t.alerts = alerts[0];
            t.consoleLogins = 0;
            return t;
        } finally {
            delete(out);
        }
    }

    /** How the layout row compares with the plain scan, the default scan and DuckDB's table, in the same run. */
    static String note(Measured layout, Measured duckTable, Measured scan, Measured scanDefault, double floorEps) {
        double eps = layout.first().records() / layout.median();
        StringBuilder sb = new StringBuilder(String.format(java.util.Locale.ROOT,
                "%s: %,.0f events/s, %.2fx the floor, %.2fx the speed of scan (--no-attribute)", PARQUET, eps, eps / floorEps,
                scan.median() / layout.median()));
        if (scanDefault != null) {
            sb.append(String.format(java.util.Locale.ROOT, ", %.2fx the default scan without output", scanDefault.median() / layout.median()));
        }
        if (duckTable == null) {
            sb.append("; DuckDB's table row was not run");
        } else if (duckTable.failure == null) {
            sb.append(String.format(java.util.Locale.ROOT, ", %.2fx DuckDB's read_json → table", duckTable.median() / layout.median()));
        } else {
            sb.append("; the DuckDB table row failed: ").append(duckTable.failure);
        }
        sb.append(String.format(java.util.Locale.ROOT, "; Parquet written: %.1f MB (%d bytes a record).",
                parquetBytes / 1e6, layout.first().records() == 0 ? 0 : parquetBytes / layout.first().records()));
        return sb.toString();
    }

    private static void delete(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the bench's temporary folder " + dir, e);
        }
    }
}
