package io.trailhound.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the harness on tiny datasets: checks the report's shape and the cache, never timings. */
class BenchHarnessTest {

    @TempDir
    static Path cache;

    @Test
    void tinyRunReportsEveryRowAgainstTheFloorAndReusesTheCache() throws Exception {
        BenchConfig config = new BenchConfig(3000, 7, cache, 2, 1, false);
        List<String> log1 = new ArrayList<>();
        BenchReport r = new BenchHarness(config).run(log1::add);

        assertThat(log1).anyMatch(l -> l.startsWith("generating 3000 events"));
        assertThat(log1).anyMatch(l -> l.startsWith("generating 1000 events")); // the heap's tenth-size dataset
        assertThat(log1).anyMatch(l -> l.equals("measuring gunzip 1/1…"));

        assertThat(r.events()).isBetween(2000L, 4000L);
        assertThat(r.files()).isPositive();
        assertThat(r.compressedBytes()).isPositive();
        assertThat(r.inflatedBytes()).isGreaterThan(r.compressedBytes());
        assertThat(r.threads()).isEqualTo(2);
        assertThat(r.repeats()).isEqualTo(1);
        assertThat(r.seed()).isEqualTo(7);

        assertThat(r.rows()).extracting(BenchReport.Row::id)
                .containsExactly("gunzip", "gunzip+tokenize", "decode", "scan", "scan+attribute", "rules:one",
                        "rules:builtin", "scan (default)", "scan (default) → parquet",
                        "external-1:1-no-attribute", "external-1:1-default", "external-1:50-no-attribute", "external-1:50-default",
                        "scan --db", "duckdb-ctas");
        BenchReport.Row floor = r.row(BenchReport.FLOOR).orElseThrow();
        assertThat(floor.ratioToFloor()).isEqualTo(1.0);
        for (BenchReport.Row row : r.rows()) {
            assertThat(row.available()).as(row.id()).isTrue();
            assertThat(row.description()).isNotBlank();
            assertThat(row.medianSeconds()).as(row.id()).isPositive();
            assertThat(row.ratioToFloor()).isCloseTo(row.eventsPerSecond() / floor.eventsPerSecond(), within(1e-9));
            if (row.id().startsWith("external-")) {
                // Rows over the external-keys dataset (exactly --events records of its own): rates over its records, no MB/s.
                assertThat(row.eventsPerSecond()).isCloseTo(config.events() / row.medianSeconds(), within(1e-6 * row.eventsPerSecond()));
                assertThat(row.mbPerSecond()).isZero();
                continue;
            }
            assertThat(row.eventsPerSecond()).isCloseTo(r.events() / row.medianSeconds(), within(1e-6 * row.eventsPerSecond()));
            assertThat(row.mbPerSecond()).isCloseTo(r.inflatedBytes() / 1e6 / row.medianSeconds(), within(1e-6 * row.mbPerSecond()));
        }
        assertThat(r.notes()).anyMatch(n -> n.startsWith("external-1:1: the default scan runs at"))
                .anyMatch(n -> n.startsWith("external-1:50: the default scan runs at"))
                .anyMatch(n -> n.startsWith("organisation: the default scan runs at"))
                .anyMatch(n -> n.startsWith("scan (default) → parquet: ") && n.contains("x the speed of scan (--no-attribute)")
                        && n.contains("x DuckDB's read_json → table") && n.contains("Parquet written: "))
                .anyMatch(n -> n.startsWith("scan --db runs at") && n.contains("scan (default)"));

        BenchReport.Heap heap = r.heap();
        assertThat(heap.eventsLarge()).isEqualTo(r.events());
        assertThat(heap.eventsSmall()).isBetween(500L, 1500L);
        assertThat(heap.peakHeapSmallBytes()).isPositive();
        assertThat(heap.peakHeapLargeBytes()).isPositive();

        assertThat(r.notes()).anyMatch(n -> n.contains("dedupe set is the only structure"));
        assertThat(r.notes()).anyMatch(n -> n.startsWith("Parallelism:"));
        assertThat(r.notes()).anyMatch(n -> n.contains("not run: turned off"));
        assertThat(r.notes()).anyMatch(n -> n.startsWith("ConsoleLogin records:"));
        assertThat(r.notes()).noneMatch(n -> n.contains("bad records") || n.contains("DISAGREE"));

        // Second run: both datasets come from the cache, untouched.
        Path dir = BenchDataset.folder(cache, 7, 3000);
        Path marker = dir.resolve(BenchDataset.MARKER);
        FileTime markerTime = Files.getLastModifiedTime(marker);
        FileTime firstFileTime = Files.getLastModifiedTime(BenchDataset.listFiles(dir.resolve("logs")).get(0));
        List<String> log2 = new ArrayList<>();
        BenchReport again = new BenchHarness(config).run(log2::add);
        assertThat(log2).noneMatch(l -> l.startsWith("generating"));
        assertThat(log2).filteredOn(l -> l.startsWith("using cached dataset")).hasSize(2);
        assertThat(Files.getLastModifiedTime(marker)).isEqualTo(markerTime);
        assertThat(Files.getLastModifiedTime(BenchDataset.listFiles(dir.resolve("logs")).get(0))).isEqualTo(firstFileTime);
        assertThat(again.events()).isEqualTo(r.events());
        assertThat(again.files()).isEqualTo(r.files());
        assertThat(again.inflatedBytes()).isEqualTo(r.inflatedBytes());
        assertThat(again.notes()).anyMatch(n -> n.contains("reused from the cache"));
    }

    @Test
    void halfWrittenCacheIsGeneratedAgain() throws Exception {
        Path dir = BenchDataset.folder(cache, 11, 1000);
        Files.createDirectories(dir.resolve("logs"));
        Path leftover = dir.resolve("logs/half-written.json.gz");
        Files.write(leftover, new byte[] {0x1f, (byte) 0x8b});
        List<String> log = new ArrayList<>();

        BenchDataset d = BenchDataset.obtain(cache, 1000, 11, log::add);

        assertThat(log).anyMatch(l -> l.startsWith("generating 1000 events"));
        assertThat(d.reused()).isFalse();
        assertThat(leftover).doesNotExist();
        assertThat(d.marker()).isRegularFile();
        assertThat(d.files()).isNotEmpty().allMatch(f -> f.toString().endsWith(".json.gz"));

        // A marker whose file count no longer matches the folder also means: generate again.
        Files.delete(d.files().get(0));
        List<String> log2 = new ArrayList<>();
        BenchDataset again = BenchDataset.obtain(cache, 1000, 11, log2::add);
        assertThat(log2).anyMatch(l -> l.contains("missing files"));
        assertThat(again.files()).hasSameSizeAs(d.files());
        assertThat(BenchDataset.obtain(cache, 1000, 11, s -> { }).reused()).isTrue();
    }

    @Test
    void peersRunOverTheSameFilesOrSayWhyNot() throws Exception {
        BenchConfig config = new BenchConfig(1000, 5, cache, 2, 1, true);
        List<String> log = new ArrayList<>();
        BenchReport r = new BenchHarness(config).run(log::add);

        assertThat(r.rows()).extracting(BenchReport.Row::id)
                .containsExactly("gunzip", "gunzip+tokenize", "decode", "scan", "scan+attribute", "rules:one",
                        "rules:builtin", "scan (default)", "scan (default) → parquet", "jq", "duckdb",
                        "external-1:1-no-attribute", "external-1:1-default", "external-1:50-no-attribute", "external-1:50-default",
                        "scan --db", "duckdb-ctas");
        assertThat(r.heap().eventsSmall()).isEqualTo(r.heap().eventsLarge()); // 1000/10 is below the minimum
        BenchReport.Row floor = r.row(BenchReport.FLOOR).orElseThrow();
        for (String peer : List.of("jq", "duckdb", "duckdb-ctas")) {
            BenchReport.Row row = r.row(peer).orElseThrow();
            if (row.available()) {
                assertThat(row.medianSeconds()).isPositive();
                assertThat(row.ratioToFloor()).isCloseTo(row.eventsPerSecond() / floor.eventsPerSecond(), within(1e-9));
            } else {
                assertThat(row.eventsPerSecond()).isNaN();
                assertThat(r.notes()).anyMatch(n -> n.startsWith(peer + " row"));
            }
        }
        assertThat(r.notes()).anyMatch(n -> n.startsWith("ConsoleLogin records:"));
        assertThat(r.notes()).noneMatch(n -> n.contains("DISAGREE"));
        if (r.row("duckdb").orElseThrow().available()) {
            assertThat(r.notes()).anyMatch(n -> n.startsWith("DuckDB is run as: SELECT count(*)"));
        }
    }

    @Test
    void onlyTheRowsAskedForRunBesideTheBaseRows() throws Exception {
        BenchConfig config = new BenchConfig(1000, 5, cache, 2, 1, true);
        BenchReport r = new BenchHarness(config, null, java.util.Set.of("scan (default)", "scan --db", "duckdb-ctas")).run(s -> { });
        assertThat(r.rows()).extracting(BenchReport.Row::id).containsExactly("gunzip", "gunzip+tokenize", "decode", "scan",
                "scan+attribute", "scan (default)", "scan --db", "duckdb-ctas");
        assertThat(r.row("scan --db").orElseThrow().available()).isTrue();
        assertThat(r.notes()).anyMatch(n -> n.startsWith("scan --db runs at") && n.contains("scan (default)"))
                .anyMatch(n -> n.startsWith("scan --db: peak resident memory"));
        if (r.row("duckdb-ctas").orElseThrow().available()) {
            assertThat(r.notes()).anyMatch(n -> n.startsWith("scan --db runs at") && n.contains("DuckDB's own CREATE TABLE AS SELECT"));
        }
    }

    @Test
    void rowIdsAreCheckedAndARowOfAPairStandsForItsPair() {
        assertThat(BenchHarness.rowIds(List.of("external-1:1-default", "external-1:50-no-attribute", "scan (default)",
                "wide:rules:all", "rules:falco+elastic-twice"))).containsExactlyInAnyOrder("external-1:1", "external-1:50",
                "scan (default)", "wide:rules:all", "rules:falco+elastic-twice");
        assertThatThrownBy(() -> BenchHarness.rowIds(List.of("scan(default)"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no row is called 'scan(default)'").hasMessageContaining("scan (default)");
        assertThatThrownBy(() -> BenchHarness.rowIds(List.of("external-1:2"))).hasMessageContaining("'external-1:2'");
        assertThatThrownBy(() -> BenchHarness.rowIds(List.of("wide:rules:falco+elastic-twice"))).hasMessageContaining("no row");
    }

    @Test
    void everyPackTheHarnessMakesHasAKnownId() {
        Path peers = Path.of(System.getProperty("trailhound.shared", "../../shared"), "peers");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isDirectory(peers),
                "skipped: " + peers + " is absent (CI provides ../shared beside the repository)");
        assertThat(RulePacks.packs(peers, new java.util.ArrayList<>())).extracting(RulePacks.Pack::id)
                .containsExactlyElementsOf(RulePacks.IDS);
    }

    @Test
    void medianAndDedupeSizing() {
        assertThat(BenchRounds.median(new double[] {3, 1, 2})).isEqualTo(2);
        assertThat(BenchRounds.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
        assertThat(BenchRounds.median(new double[] {7})).isEqualTo(7);
        assertThat(BenchHarness.dedupeTableBytes(10)).isEqualTo(1024 * 16);
        assertThat(BenchHarness.dedupeTableBytes(200_000)).isEqualTo(524_288L * 16); // 300k slots needed at 2/3 full
    }

    @Test
    void configRejectsWhatCannotBeMeasured() {
        assertThat(BenchConfig.defaults().events()).isEqualTo(200_000);
        assertThat(BenchConfig.defaults().repeats()).isEqualTo(5);
        assertThat(BenchConfig.defaults().peers()).isTrue();
        assertThat(BenchConfig.defaults().cacheDir().endsWith(Path.of(".cache", "trailhound", "bench"))).isTrue();
        assertThatThrownBy(() -> new BenchConfig(999, 1, cache, 1, 1, false)).hasMessageContaining("--events");
        assertThatThrownBy(() -> new BenchConfig(1000, 1, cache, 0, 1, false)).hasMessageContaining("--threads");
        assertThatThrownBy(() -> new BenchConfig(1000, 1, cache, 1, 0, false)).hasMessageContaining("--repeats");
    }

    @Test
    void generatorScalesWithTheEventCount() {
        var small = BenchDataset.generatorConfig(3000, 1, cache);
        var large = BenchDataset.generatorConfig(2_000_000, 1, cache);
        assertThat(small.accounts()).isGreaterThanOrEqualTo(2);
        assertThat(small.users()).isGreaterThanOrEqualTo(5);
        assertThat(large.accounts()).isGreaterThan(small.accounts());
        assertThat(large.users()).isGreaterThan(small.users());
        assertThat(large.days()).isBetween(1, 3);
    }

    @Test
    void communityRulePacksGetARowEachWhenThePeersFolderIsThere() throws Exception {
        Path peers = Path.of(System.getProperty("trailhound.shared", "../../shared"), "peers");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isDirectory(peers),
                "skipped: " + peers + " is absent (CI provides ../shared beside the repository)");
        BenchConfig config = new BenchConfig(1000, 5, cache, 2, 1, false);
        BenchReport r = new BenchHarness(config, peers).run(line -> { });
        assertThat(r.rows()).extracting(BenchReport.Row::id).contains("rules:one", "rules:builtin", "rules:falco",
                "rules:falco+elastic-no-esql", "rules:falco+elastic", "rules:all", "scan (default)");
        for (BenchReport.Row row : r.rows()) {
            assertThat(row.available()).as(row.id()).isTrue();
        }
        assertThat(r.row("rules:all").orElseThrow().description()).contains("rules enabled");
        // The Elastic row has the pack's 25 runnable ES|QL rules more than the row without them.
        assertThat(enabled(r, "rules:falco+elastic") - enabled(r, "rules:falco+elastic-no-esql")).isEqualTo(25);
    }

    @Test
    void theElasticPackTwiceAndTheSecondDatasetGetRowsWithTheCommunityPacks() throws Exception {
        Path peers = Path.of(System.getProperty("trailhound.shared", "../../shared"), "peers");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isDirectory(peers),
                "skipped: " + peers + " is absent (CI provides ../shared beside the repository)");
        BenchConfig config = new BenchConfig(1000, 5, cache, 2, 1, false);
        BenchReport r = new BenchHarness(config, peers).run(line -> { });
        // Twice the Elastic pack: every one of its enabled rules once more, under another id.
        int elastic = enabled(r, "rules:falco+elastic") - enabled(r, "rules:falco");
        assertThat(elastic).isPositive();
        assertThat(enabled(r, "rules:falco+elastic-twice") - enabled(r, "rules:falco+elastic")).isEqualTo(elastic);
        assertThat(r.notes()).anyMatch(n -> n.startsWith("The Elastic pack loaded twice costs"));
        // All packs with the alerts written as NDJSON: the same alerts as without.
        String allAlerts = r.notes().stream().filter(n -> n.startsWith("rules:all: ")).findFirst().orElseThrow()
                .substring("rules:all: ".length());
        assertThat(r.notes()).contains("rules:all+ndjson: " + allAlerts);
        // The second dataset: its own floor first, then scan, the packs and the default scan, each against that floor.
        assertThat(r.rows()).extracting(BenchReport.Row::id).contains("wide:gunzip+tokenize", "wide:scan",
                "wide:rules:builtin", "wide:rules:falco", "wide:rules:falco+elastic", "wide:rules:all", "wide:scan (default)");
        BenchReport.Row floor = r.row("wide:gunzip+tokenize").orElseThrow();
        assertThat(floor.ratioToFloor()).isEqualTo(1.0);
        assertThat(r.row("wide:rules:all").orElseThrow().eventsPerSecond()).isPositive();
        assertThat(r.notes()).anyMatch(n -> n.startsWith("wide:rules:all: ") && n.endsWith("alerts on the second dataset."));
        // Writing the alerts as NDJSON: the same alerts, and what each cost.
        String wideAlerts = r.notes().stream().filter(n -> n.startsWith("wide:rules:all: ")).findFirst().orElseThrow()
                .substring("wide:rules:all: ".length());
        assertThat(r.notes()).contains("wide:rules:all+ndjson: " + wideAlerts);
        assertThat(r.notes()).anyMatch(n -> n.startsWith("rules:all+ndjson against rules:all: ") && n.contains("µs more per alert"));
        // Issue 33's case: the one Sigma rule alerting on every assumed-role event of the second dataset, alone.
        assertThat(r.rows()).extracting(BenchReport.Row::id).contains("wide:rules:all+ndjson",
                "wide:rules:assumerole-misuse", "wide:rules:assumerole-misuse+ndjson");
        assertThat(r.notes()).anyMatch(n -> n.matches("wide:rules:assumerole-misuse: [1-9][0-9]* alerts on the second dataset\\."));
        String oneRule = r.notes().stream().filter(n -> n.startsWith("wide:rules:assumerole-misuse: ")).findFirst().orElseThrow()
                .substring("wide:rules:assumerole-misuse: ".length());
        assertThat(r.notes()).contains("wide:rules:assumerole-misuse+ndjson: " + oneRule);
        assertThat(r.notes()).anyMatch(n -> n.startsWith("wide:rules:assumerole-misuse+ndjson against wide:rules:assumerole-misuse: "));
    }

    @Test
    void rowsOfTheSecondDatasetCanBeAskedForAlone() throws Exception {
        Path peers = Path.of(System.getProperty("trailhound.shared", "../../shared"), "peers");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isDirectory(peers),
                "skipped: " + peers + " is absent (CI provides ../shared beside the repository)");
        BenchConfig config = new BenchConfig(1000, 5, cache, 2, 1, false);
        BenchReport r = new BenchHarness(config, peers, java.util.Set.of("wide:rules:assumerole-misuse",
                "wide:rules:assumerole-misuse+ndjson")).run(line -> { });
        assertThat(r.rows()).extracting(BenchReport.Row::id).containsExactly("gunzip", "gunzip+tokenize", "decode", "scan",
                "scan+attribute", "wide:gunzip+tokenize", "wide:rules:assumerole-misuse", "wide:rules:assumerole-misuse+ndjson");
        // Every record of the second dataset is an assumed-role call: the rule alerts on each.
        long records = BenchDataset.obtainWide(cache, 1000, 5, s -> { }).events();
        assertThat(r.notes()).contains("wide:rules:assumerole-misuse: " + records + " alerts on the second dataset.",
                "wide:rules:assumerole-misuse+ndjson: " + records + " alerts on the second dataset.");
    }

    private static int enabled(BenchReport r, String id) {
        String d = r.row(id).orElseThrow().description();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+) rules enabled").matcher(d);
        assertThat(m.find()).as(d).isTrue();
        return Integer.parseInt(m.group(1));
    }
}
