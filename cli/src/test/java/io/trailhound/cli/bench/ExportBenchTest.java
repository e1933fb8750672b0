package io.trailhound.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bench --export: one command generates the dataset, builds its store once, and measures every format. */
class ExportBenchTest {
    @TempDir
    Path cache;

    @Test
    void buildsTheStoreOnceAndMeasuresEveryFormat() throws Exception {
        BenchConfig config = new BenchConfig(1000, 3, cache, 2, 1, false);
        List<String> log1 = new ArrayList<>();
        List<ExportBench.Row> rows = ExportBench.run(config, log1::add);
        assertThat(log1).anyMatch(l -> l.startsWith("building the store"));
        assertThat(rows).extracting(ExportBench.Row::format).containsExactlyElementsOf(ExportBench.FORMATS);
        long events = rows.get(0).rows();
        assertThat(events).isBetween(900L, 1100L);
        assertThat(rows.get(1).rows()).isEqualTo(events); // OCSF: the same events
        assertThat(rows.get(3).rows()).isEqualTo(events); // Parquet: the same events
        assertThat(rows.get(2).rows()).isPositive(); // ASFF: the built-in pack's alerts were stored
        assertThat(rows).allSatisfy(r -> assertThat(r.bytes()).isPositive());
        Path dataset = BenchDataset.folder(cache, 3, 1000);
        assertThat(dataset.resolve(BenchStore.MARKER)).exists();

        List<String> log2 = new ArrayList<>();
        List<ExportBench.Row> again = ExportBench.run(config, log2::add);
        assertThat(log2).anyMatch(l -> l.startsWith("using cached store")).noneMatch(l -> l.startsWith("building the store"));
        assertThat(again.get(0).rows()).isEqualTo(events);

        // an interrupted build (no marker) is built again, not trusted
        Files.delete(dataset.resolve(BenchStore.MARKER));
        List<String> log3 = new ArrayList<>();
        ExportBench.run(config, log3::add);
        assertThat(log3).anyMatch(l -> l.startsWith("building the store"));
    }
}
