package io.trailhound.cli.bench;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.ingest.BadRecord;
import io.trailhound.core.ingest.Decompressor;
import io.trailhound.core.ingest.InputFinder;
import io.trailhound.core.ingest.InputSource;
import io.trailhound.core.ingest.RecordHandler;
import io.trailhound.core.ingest.RecordReader;
import io.trailhound.core.ingest.ReadLimits;
import io.trailhound.core.rules.engine.RuleSet;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A CPU harness for the shared read path, not a test: the bench's {@code tokenize} (the floor),
 * {@code decode} and {@code scan} (no rule, no attribution) rows over one dataset, alternated in
 * one JVM, printing the process CPU of each run and the median per row with its ratio to the
 * floor, since wall rows of a second are too noisy on a shared machine.
 * Usage: {@code java -cp <cli jar>:<test classes> io.trailhound.cli.bench.ReadCpuHarness LOGS [ROWS] [ROUNDS]},
 * ROWS a comma-separated subset of {@code tokenize,decode,scan,inflated}; {@code inflated} decodes
 * the files inflated beforehand into memory, on one thread: the decoder's cost alone, without the
 * inflater's and the thread hand-offs' noise.
 */
public final class ReadCpuHarness {
    private static final int THREADS = 2;

    private ReadCpuHarness() {
    }

    public static void main(String[] args) throws Exception {
        Path logs = Path.of(args[0]);
        List<String> rows = List.of((args.length > 1 ? args[1] : "tokenize,decode,scan").split(","));
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 7;
        List<Path> files;
        try (Stream<Path> walk = Files.walk(logs)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        CpuRounds.measure(rows, rounds, true, row -> {
            BenchHarness.Tally t = run(row, logs, files);
            return " (records " + t.records + ", bad " + t.bad + ")";
        });
    }

    private static byte[][] inflated;

    private static BenchHarness.Tally decodeInflated(List<Path> files) throws IOException {
        if (inflated == null) {
            Decompressor d = new Decompressor(ReadLimits.defaults());
            inflated = new byte[files.size()][];
            for (int i = 0; i < files.size(); i++) {
                try (InputStream in = d.open(Files.newInputStream(files.get(i)))) {
                    inflated[i] = in.readAllBytes();
                }
            }
        }
        RecordReader reader = new RecordReader(ReadLimits.defaults());
        BenchHarness.Tally tally = new BenchHarness.Tally();
        RecordHandler count = new RecordHandler() {
            @Override
            public void event(CloudTrailEvent event) {
                tally.records++;
            }

            @Override
            public void bad(BadRecord bad) {
                tally.bad++;
            }
        };
        for (int i = 0; i < inflated.length; i++) {
            reader.read(InputSource.bytes(files.get(i).toString(), inflated[i]), count);
        }
        return tally;
    }

    private static BenchHarness.Tally run(String row, Path logs, List<Path> files) throws IOException {
        return switch (row) {
            case "tokenize" -> BenchHarness.overFiles(files, THREADS, BenchHarness.TokenizeWorker::new);
            case "decode" -> BenchHarness.overFiles(files, THREADS, () -> new BenchHarness.DecodeWorker(files.size() < THREADS));
            case "scan" -> BenchHarness.scan(() -> new InputFinder().find(List.of(logs.toString())), THREADS, false,
                    new RuleSet(List.of()));
            case "inflated" -> decodeInflated(files);
            default -> throw new IllegalArgumentException("unknown row " + row + "; known: tokenize, decode, scan, inflated");
        };
    }
}
