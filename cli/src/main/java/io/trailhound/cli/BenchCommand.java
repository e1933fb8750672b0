package io.trailhound.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailhound.cli.bench.BenchConfig;
import io.trailhound.cli.bench.BenchHarness;
import io.trailhound.cli.bench.BenchReport;
import io.trailhound.cli.bench.ExportBench;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {
            "Measure Trailhound against its floor and its peers on one synthetic dataset, in one run.",
            "",
            "The dataset is generated once and cached by seed and size. Rows: gunzip alone; gunzip + JSON "
                + "tokenizing (the floor: reading the logs at all); decoding to events; scan end to end; and, "
                + "where installed, jq and DuckDB's read_json answering a ConsoleLogin filter over the same "
                + "files. Each row is the median of --repeats runs, with its ratio to the floor."},
        footer = {"", "Example:", "  trailhound bench --events 1000000", "  trailhound bench --format json > bench.json",
            "  trailhound bench --export --events 1000000 --repeats 3"})
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--events", description = "Dataset size in events (default: 200000).")
    Long events;

    @Option(names = "--seed", description = "Dataset seed (default: 42).")
    Long seed;

    @Option(names = "--repeats", description = "Measured runs per row, after one warm-up (default: 5).")
    Integer repeats;

    @Option(names = "--threads", description = "Threads for every row, peers included (default: the number of cores).")
    Integer threads;

    @Option(names = "--cache-dir", paramLabel = "DIR", description = "Where datasets are cached (default: ~/.cache/trailhound/bench).")
    Path cacheDir;

    @Option(names = "--no-peers", description = "Skip the peers jq and DuckDB (their ConsoleLogin count). "
            + "The store rows, DuckDB's read_json → table among them, run either way.")
    boolean noPeers;

    @Option(names = "--peer-rules", paramLabel = "DIR",
            description = "Folder with community rule packs to measure (falco/aws_cloudtrail_rules.yaml, elastic/rules, "
                    + "sigma/aws), e.g. a checkout's ../shared/peers (default: ../shared/peers when it exists). The built-in "
                    + "pack and one-rule rows run either way.")
    Path peerRules;

    @Option(names = "--rows", paramLabel = "ID", split = ",",
            description = "Run only these of the optional rows (by id, as the first column prints it: rule packs, scan (default), "
                    + "external-1:N (either row of the pair runs both), wide:..., jq, duckdb, scan --db, duckdb-ctas); the base rows "
                    + "(gunzip ... scan+attribute) always run; an id no row has is a usage error (exit 2). Default: all.")
    java.util.Set<String> rows;

    @Option(names = "--export",
            description = "Measure export instead: throughput per format (ecs, ocsf, asff, parquet) over a store built from "
                    + "the dataset (scan --db with the built-in pack, once, cached beside the dataset), each format --repeats "
                    + "times into a byte-counting sink (Parquet into a temporary folder).")
    boolean export;

    @Option(names = "--format", defaultValue = "table", description = "table, json or ndjson (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Override
    public Integer call() throws IOException {
        BenchConfig d = BenchConfig.defaults();
        BenchConfig config = new BenchConfig(events != null ? events : d.events(), seed != null ? seed : d.seed(),
                cacheDir != null ? cacheDir : d.cacheDir(), threads != null ? threads : d.threads(),
                repeats != null ? repeats : d.repeats(), !noPeers && d.peers());
        if (config.events() < 1000 || config.repeats() < 1 || config.threads() < 1) {
            throw new IllegalArgumentException("--events must be at least 1000, --repeats and --threads at least 1");
        }
        if (export) {
            printExport(System.out, config, ExportBench.run(config, line -> System.err.println("bench: " + line)), format);
            return ExitCodes.OK;
        }
        BenchReport report = new BenchHarness(config, peerRules(), rows).run(line -> System.err.println("bench: " + line));
        print(System.out, report, format);
        return ExitCodes.OK;
    }

    static void print(PrintStream out, BenchReport r, OutputFormat format) {
        if (format != OutputFormat.table) {
            ObjectNode o = Json.MAPPER.valueToTree(r);
            Json.print(out, o, format);
            return;
        }
        out.printf(Locale.ROOT, "%,d events in %,d files: %s gzip, %s JSON; %d threads; median of %d runs; seed %d%n%n",
                r.events(), r.files(), ByteSize.human(r.compressedBytes()), ByteSize.human(r.inflatedBytes()),
                r.threads(), r.repeats(), r.seed());
        Table t = new Table("row", "events/s", "MB/s", "vs floor", "median s", "what");
        for (BenchReport.Row row : r.rows()) {
            if (!row.available()) {
                t.row(row.id(), "-", "-", "-", "-", row.description());
                continue;
            }
            t.row(row.id(), String.format(Locale.ROOT, "%,.0f", row.eventsPerSecond()),
                    String.format(Locale.ROOT, "%.1f", row.mbPerSecond()),
                    String.format(Locale.ROOT, "%.2fx", row.ratioToFloor()),
                    String.format(Locale.ROOT, "%.3f", row.medianSeconds()), row.description());
        }
        t.print(out);
        if (r.heap() != null) {
            BenchReport.Heap h = r.heap();
            out.printf(Locale.ROOT, "%npeak heap during scan: %s at %,d events, %s at %,d events%n",
                    ByteSize.human(h.peakHeapSmallBytes()), h.eventsSmall(), ByteSize.human(h.peakHeapLargeBytes()), h.eventsLarge());
        }
        for (String n : r.notes()) {
            out.println("note: " + n);
        }
    }

    static void printExport(PrintStream out, BenchConfig c, List<ExportBench.Row> rows, OutputFormat format) {
        if (format != OutputFormat.table) {
            ObjectNode o = Json.MAPPER.createObjectNode();
            o.put("events", c.events()).put("seed", c.seed()).put("repeats", c.repeats());
            o.set("rows", Json.MAPPER.valueToTree(rows));
            Json.print(out, o, format);
            return;
        }
        out.printf(Locale.ROOT, "export over a store of the %,d-event dataset (seed %d); median of %d runs%n%n", c.events(),
                c.seed(), c.repeats());
        Table t = new Table("format", "rows", "rows/s", "median s", "MiB written");
        for (ExportBench.Row r : rows) {
            t.row(r.format(), String.format(Locale.ROOT, "%,d", r.rows()), String.format(Locale.ROOT, "%,.0f", r.rowsPerSecond()),
                    String.format(Locale.ROOT, "%.3f", r.medianSeconds()), String.format(Locale.ROOT, "%,.1f", r.bytes() / 1048576.0));
        }
        t.print(out);
    }

    private Path peerRules() {
        if (peerRules != null) {
            if (!java.nio.file.Files.isDirectory(peerRules)) {
                throw new IllegalArgumentException("--peer-rules: not a directory: " + peerRules);
            }
            return peerRules;
        }
        Path shared = Path.of("..", "shared", "peers");
        return java.nio.file.Files.isDirectory(shared) ? shared : null;
    }
}
