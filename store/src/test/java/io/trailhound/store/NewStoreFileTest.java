package io.trailhound.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A new store file appears whole or not at all, so a kill while it is made never leaves a file that will not open. */
class NewStoreFileTest {
    @TempDir
    Path tmp;

    @Test
    void whatIsSeenAtTheStoresPathTheMomentItAppearsIsAWholeStore() throws Exception {
        // DuckDB alone made the file first and wrote its headers after: a watcher saw an empty or
        // half-written file in 4 of 5 tries, and a kill -9 at that moment left a store that never opens again.
        for (int i = 0; i < 10; i++) {
            Path file = tmp.resolve(i + "/th.duckdb");
            AtomicBoolean done = new AtomicBoolean();
            AtomicReference<byte[]> firstSight = new AtomicReference<>();
            Thread watcher = new Thread(() -> {
                while (true) {
                    boolean lastTry = done.get(); // the store is made by then: this read finds it
                    try {
                        firstSight.set(Files.readAllBytes(file));
                        return;
                    } catch (java.io.IOException notYet) {
                        if (lastTry) {
                            return;
                        }
                        Thread.onSpinWait();
                    }
                }
            });
            watcher.start();
            EventStore.open(file.toString(), false).close();
            done.set(true);
            watcher.join();
            assertThat(firstSight.get()).as("the watcher saw the file").isNotNull();
            Path seen = Files.write(tmp.resolve(i + "/seen.duckdb"), firstSight.get());
            try (EventStore s = EventStore.open(seen.toString(), true)) {
                assertThat(s.schemaVersion()).isEqualTo(StoreSchema.CURRENT);
            }
        }
    }

    @Test
    void makingAStoreLeavesNothingBesideIt() throws Exception {
        Path dir = tmp.resolve("a/b");
        Path file = dir.resolve("th.duckdb");
        EventStore.open(file.toString(), false).close();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("th.duckdb");
        }
        try (EventStore s = EventStore.open(file.toString(), true)) {
            assertThat(s.counts()).allSatisfy((table, rows) -> assertThat(rows).isZero());
        }
    }

    @Test
    void aStoreAnotherRunMadeMeanwhileIsKept() throws Exception {
        Path file = tmp.resolve("th.duckdb");
        try (EventStore s = EventStore.open(file.toString(), false)) {
            StoredEventRows.insert(s, "(eventID, eventTime) VALUES ('kept', TIMESTAMP '2026-11-01 00:00:00')");
        }
        NewStoreFile.make(file); // as if this run had found no file and another made one before it finished
        try (EventStore s = EventStore.open(file.toString(), true)) {
            assertThat(s.counts().get("events")).isEqualTo(1L);
        }
    }
}
