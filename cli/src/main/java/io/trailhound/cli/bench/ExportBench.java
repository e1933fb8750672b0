package io.trailhound.cli.bench;

import io.trailhound.cli.output.AsffBatches;
import io.trailhound.cli.output.EventDocuments;
import io.trailhound.cli.output.NdjsonOut;
import io.trailhound.cli.output.StoreExport;
import io.trailhound.core.output.AsffTarget;
import io.trailhound.core.rules.elastic.GeoIp;
import io.trailhound.store.EventStore;
import io.trailhound.store.SearchFilter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Export throughput per format over a store (the bench row for {@code export}): each format
 * streamed over every stored event (ASFF over every stored alert) into a byte-counting sink, so
 * the numbers are the export's own, not the disk's; Parquet into a temporary directory. Run by
 * {@code trailhound bench --export} over a store it builds from the bench dataset
 * ({@link BenchStore}), or over any store with
 * {@code java -cp trailhound-cli.jar io.trailhound.cli.bench.ExportBench STORE [REPEATS]}.
 */
public final class ExportBench {
    /** The formats measured, in row order. */
    public static final List<String> FORMATS = List.of("ecs", "ocsf", "asff", "parquet");

    /** One format's row: rows exported, median seconds, bytes written by the last run. */
    public record Row(String format, long rows, double medianSeconds, long bytes) {
        public double rowsPerSecond() {
            return rows / medianSeconds;
        }
    }

    private ExportBench() {
    }

    public static void main(String[] args) throws IOException {
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        System.out.println("| format | rows | seconds (median of " + repeats + ") | rows/s | MiB written |");
        System.out.println("|---|---|---|---|---|");
        for (Row r : measure(args[0], repeats, s -> { })) {
            System.out.printf(Locale.ROOT, "| %s | %,d | %.2f | %,.0f | %,.1f |%n", r.format(), r.rows(), r.medianSeconds(),
                    r.rowsPerSecond(), r.bytes() / 1048576.0);
        }
    }

    /**
     * {@code trailhound bench --export}: the dataset of {@code config} (generated and cached as for
     * the other rows), its store (built once, {@link BenchStore}), then every format measured.
     */
    public static List<Row> run(BenchConfig config, Consumer<String> log) throws IOException {
        BenchDataset data = BenchDataset.obtain(config.cacheDir(), config.events(), config.seed(), log);
        Path store = BenchStore.obtain(data, config.threads(), log);
        return measure(store.toString(), config.repeats(), log);
    }

    /** Each format {@code repeats} times in a row (the first run also warms up); the median kept. */
    public static List<Row> measure(String store, int repeats, Consumer<String> log) throws IOException {
        List<Row> rows = new ArrayList<>();
        for (String format : FORMATS) {
            double[] seconds = new double[repeats];
            long n = 0;
            long bytes = 0;
            for (int i = 0; i < repeats; i++) {
                log.accept("export " + format + ", run " + (i + 1) + " of " + repeats + "…");
                Counting out = new Counting();
                long t0 = System.nanoTime();
                n = run(store, format, out);
                seconds[i] = (System.nanoTime() - t0) / 1e9;
                bytes = out.count;
            }
            java.util.Arrays.sort(seconds);
            rows.add(new Row(format, n, seconds[repeats / 2], bytes));
        }
        return rows;
    }

    private static long run(String store, String format, Counting out) throws IOException {
        if (format.equals("parquet")) {
            Path dir = Files.createTempDirectory("trailhound-bench-parquet-");
            try (EventStore s = EventStore.openForExport(store, dir)) {
                long n = s.exportParquet(SearchFilter.all(), dir);
                try (Stream<Path> w = Files.walk(dir)) {
                    out.count = w.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
                }
                return n;
            } finally {
                try (Stream<Path> w = Files.walk(dir)) {
                    w.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
        try (EventStore s = EventStore.open(store, true); NdjsonOut docs = new NdjsonOut(out, true)) {
            StoreExport export = new StoreExport(s, SearchFilter.all(), "bench");
            return switch (format) {
                case "ecs" -> export.events(new EventDocuments(EventDocuments.Kind.ECS, docs, null, GeoIp.NONE));
                case "ocsf" -> export.events(new EventDocuments(EventDocuments.Kind.OCSF, docs, null, GeoIp.NONE));
                default -> {
                    try (AsffBatches b = new AsffBatches(docs)) {
                        yield export.asffAlerts(b, new AsffTarget("us-east-1", null), Instant.now());
                    }
                }
            };
        }
    }

    /** Counts what is written, keeps nothing. */
    private static final class Counting extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
