package io.trailhound.cli.bench;

import io.trailhound.core.identity.TrustPolicies;
import io.trailhound.core.ingest.IngestProgress;
import io.trailhound.core.ingest.ReadLimits;
import io.trailhound.core.rules.engine.Detector;
import io.trailhound.core.scan.ScanOptions;
import io.trailhound.store.EventStore;
import io.trailhound.store.StoreScan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * The store the export rows read: the bench dataset scanned into {@code <dataset>/store.duckdb}
 * as {@code scan --db} does (attribution on, the built-in pack's alerts stored, so ASFF has
 * findings to write), kept beside the dataset and reused while its marker is there. A store
 * without the marker (an interrupted build) is built again.
 */
final class BenchStore {
    static final String FILE = "store.duckdb";
    static final String MARKER = "store-complete";

    private BenchStore() {
    }

    static Path obtain(BenchDataset data, int threads, Consumer<String> log) throws IOException {
        Path file = data.dir().resolve(FILE);
        Path marker = data.dir().resolve(MARKER);
        if (Files.isRegularFile(marker) && Files.isRegularFile(file)) {
            log.accept("using cached store " + file);
            return file;
        }
        Files.deleteIfExists(marker);
        Files.deleteIfExists(file);
        Files.deleteIfExists(data.dir().resolve(FILE + ".wal"));
        log.accept("building the store " + file + " from " + data.events() + " events (scan --db, built-in pack)…");
        long t0 = System.nanoTime();
        try (EventStore store = EventStore.open(file.toString(), false)) {
            StoreScan.run(store, List.of(data.logsRoot().toString()), new ScanOptions(ReadLimits.defaults(), threads, null),
                    TrustPolicies.none(), null, IngestProgress.NONE,
                    new StoreScan.Detect(new Detector(RulePacks.builtin().rules()), null, a -> { }));
        }
        Files.writeString(marker, "complete\n");
        log.accept(String.format(java.util.Locale.ROOT, "store built in %.1f s", (System.nanoTime() - t0) / 1e9));
        return file;
    }
}
