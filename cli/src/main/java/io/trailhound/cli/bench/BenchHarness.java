package io.trailhound.cli.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import io.trailhound.cli.bench.BenchRounds.Measured;
import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.ingest.BadRecord;
import io.trailhound.core.ingest.Decompressor;
import io.trailhound.core.ingest.IngestProgress;
import io.trailhound.core.ingest.InputSource;
import io.trailhound.core.ingest.ReadLimits;
import io.trailhound.core.ingest.RecordHandler;
import io.trailhound.core.ingest.RecordReader;
import io.trailhound.core.ingest.InputFinder;
import io.trailhound.core.rules.engine.Detector;
import io.trailhound.core.rules.engine.RuleSet;
import io.trailhound.core.rules.engine.DetectionStage;
import io.trailhound.core.scan.Scan;
import io.trailhound.core.scan.ScanOptions;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The measurements behind {@code trailhound bench}: one generated dataset (cached), read in the
 * same run by every row, each row timed {@code repeats} times after a warm-up, the median kept.
 *
 * <ul>
 *   <li>{@code gunzip}: inflate every file and drop the bytes;</li>
 *   <li>{@code gunzip+tokenize}: inflate, and step Jackson's parser over every token, building
 *       nothing. No reader of gzip JSON can do less, so this is the floor every ratio is taken
 *       against;</li>
 *   <li>{@code decode}: core's {@link RecordReader} into {@link CloudTrailEvent}s, counted and dropped;</li>
 *   <li>{@code scan}: core's {@link Scan} end to end (find files, read, dedupe, statistics);</li>
 *   <li>peers, where present: {@code jq} (processes) and {@code duckdb} (JDBC) over the same files
 *       with the same ConsoleLogin filter, whose counts are checked against Trailhound's.</li>
 * </ul>
 * Then the heap: peak heap while {@code scan} reads a dataset a tenth the size and the full one.
 */
public final class BenchHarness {
    static final String GUNZIP = "gunzip";
    static final String TOKENIZE = BenchReport.FLOOR;
    static final String DECODE = "decode";
    static final String SCAN = "scan";
    static final String SCAN_ATTRIBUTE = "scan+attribute";
    static final String SCAN_DEFAULT = "scan (default)";
    static final String JQ = "jq";
    static final String ALL_NDJSON = "rules:all+ndjson";
    /** The one Sigma rule that alerts on every assumed-role event (issue 33's case), alone. */
    static final String ASSUME_ROLE = "rules:assumerole-misuse";
    static final String ASSUME_ROLE_NDJSON = ASSUME_ROLE + "+ndjson";
    /** Prefix of the second dataset's rows. */
    static final String WIDE = "wide:";
    static final String DUCKDB = "duckdb";
    /** Packs without a row on the second dataset. */
    private static final java.util.Set<String> NOT_ON_WIDE = java.util.Set.of("rules:one", RulePacks.ELASTIC_TWICE);

    private static final JsonFactory JSON = new JsonFactory();
    private static final int BUFFER = 1 << 16;

    /** Events a key in the external-keys datasets. */
    static final int[] EXTERNAL_EVENTS_PER_KEY = {1, 50};

    private final BenchConfig config;
    private final Path peerRules;
    private final java.util.Set<String> only;

    public BenchHarness(BenchConfig c) {
        this(c, null);
    }

    public BenchHarness(BenchConfig c, Path peerRules) {
        this(c, peerRules, null);
    }

    /**
     * @param peerRules a folder with the community rule packs ({@code falco/}, {@code elastic/rules},
     *                  {@code sigma/aws}), e.g. {@code ../shared/peers}; null measures the built-in pack only
     */
    /**
     * @param only the optional rows to run (rule packs, external-keys pairs, peers, store rows) by id;
     *             null runs them all. The base rows (gunzip to scan+attribute) always run.
     */
    public BenchHarness(BenchConfig c, Path peerRules, java.util.Set<String> only) {
        this.config = Objects.requireNonNull(c, "config");
        this.peerRules = peerRules;
        this.only = only == null ? null : rowIds(only);
    }

    /**
     * The ids {@code --rows} named, each checked against the rows this harness can make; a row of an
     * external-keys pair ({@code external-1:1-default}) stands for its pair, which runs as one.
     *
     * @throws IllegalArgumentException for an id no row has, with the ids there are
     */
    static java.util.Set<String> rowIds(java.util.Collection<String> asked) {
        java.util.Set<String> known = new java.util.LinkedHashSet<>(List.of(GUNZIP, TOKENIZE, DECODE, SCAN, SCAN_ATTRIBUTE));
        known.addAll(RulePacks.IDS);
        known.addAll(List.of(ALL_NDJSON, SCAN_DEFAULT, LayoutRows.PARQUET));
        for (int perKey : EXTERNAL_EVENTS_PER_KEY) {
            known.add("external-1:" + perKey);
        }
        known.add(WIDE + TOKENIZE);
        known.add(WIDE + SCAN);
        RulePacks.IDS.stream().filter(id -> !NOT_ON_WIDE.contains(id)).forEach(id -> known.add(WIDE + id));
        for (String wide : List.of(ALL_NDJSON, ASSUME_ROLE, ASSUME_ROLE_NDJSON, SCAN_DEFAULT)) {
            known.add(WIDE + wide);
        }
        known.addAll(List.of(StoreRows.SCAN_DB, StoreRows.DUCKDB_CTAS, JQ, DUCKDB));
        java.util.Set<String> ids = new java.util.LinkedHashSet<>();
        for (String id : asked) {
            String pair = id.replaceFirst("^(external-1:\\d+)-(default|no-attribute)$", "$1");
            if (!known.contains(pair)) {
                throw new IllegalArgumentException("--rows: no row is called '" + id + "'; the rows are: " + String.join(", ", known)
                        + " (an external-1:N row runs with its pair)");
            }
            ids.add(pair);
        }
        return java.util.Set.copyOf(ids);
    }

    private boolean wanted(String id) {
        return only == null || only.contains(id);
    }

    /** Whether --rows names rows of the second dataset: then only those run (with its floor), without rules:falco. */
    private boolean wideAsked() {
        return only != null && only.stream().anyMatch(id -> id.startsWith(WIDE));
    }

    /** A note with what writing an alert as NDJSON costs: the two rows' difference over the alerts. */
    private static void perAlert(List<Measured> rows, String plain, String ndjson, List<String> notes) {
        Measured p = rows.stream().filter(m -> m.id.equals(plain)).findFirst().orElse(null);
        Measured n = rows.stream().filter(m -> m.id.equals(ndjson)).findFirst().orElse(null);
        if (p != null && n != null && n.first.alerts > 0) {
            notes.add(String.format(Locale.ROOT, "%s against %s: %.2f µs more per alert written (%d alerts, medians %.3f s and %.3f s).",
                    ndjson, plain, (n.median() - p.median()) * 1e6 / n.first.alerts, n.first.alerts, n.median(), p.median()));
        }
    }

    public BenchConfig config() {
        return config;
    }

    public BenchReport run(Consumer<String> progressLog) throws IOException {
        Consumer<String> log = progressLog == null ? s -> { } : progressLog;
        List<String> notes = new ArrayList<>();
        int threads = config.threads();

        BenchDataset data = BenchDataset.obtain(config.cacheDir(), config.events(), config.seed(), log);
        long smallEvents = Math.max(BenchConfig.MIN_EVENTS, config.events() / 10);
        BenchDataset small = smallEvents == config.events() ? data
                : BenchDataset.obtain(config.cacheDir(), smallEvents, config.seed(), log);
        List<Path> files = data.files();
        if (files.isEmpty()) {
            throw new IOException("the dataset under " + data.logsRoot() + " has no log files");
        }
        long compressed = 0;
        for (Path f : files) {
            compressed += Files.size(f);
        }
        notes.add("Dataset: " + data.events() + " events in " + files.size() + " gzip files (S3 layout), seed "
                + config.seed() + ", " + (data.reused() ? "reused from the cache " : "generated into ") + data.dir() + ".");

        boolean readAhead = files.size() < threads; // as core Ingest decides
        Measured gunzip = new Measured(GUNZIP, "inflate every file (core Decompressor: java.util.zip Inflater reused per thread), discard the bytes",
                () -> overFiles(files, threads, GunzipWorker::new));
        Measured tokenize = new Measured(TOKENIZE,
                "inflate + Jackson JsonParser.nextToken() over every token, nothing built (the floor)",
                () -> overFiles(files, threads, TokenizeWorker::new));
        Measured decode = new Measured(DECODE,
                "core RecordReader: every record to a CloudTrailEvent (raw bytes kept), counted, dropped",
                () -> overFiles(files, threads, () -> new DecodeWorker(readAhead)));
        Measured scan = new Measured(SCAN,
                "core Scan end to end without attribution (scan --no-attribute): find files, read, decode, dedupe, statistics",
                () -> scan(data.logsRoot(), threads, false));
        Measured attributed = new Measured(SCAN_ATTRIBUTE,
                "scan plus attribution (credential ledger, chains to the origin), as trailhound scan runs by default",
                () -> scan(data.logsRoot(), threads, true));
        List<Measured> measured = new ArrayList<>(List.of(gunzip, tokenize, decode, scan, attributed));
        List<Measured> ruleRows = new ArrayList<>();
        List<RulePacks.Pack> packs = RulePacks.packs(peerRules, notes);
        for (RulePacks.Pack pack : packs) {
            if (!wanted(pack.id())) {
                continue;
            }
            ruleRows.add(new Measured(pack.id(), pack.description(), () -> scan(data.logsRoot(), threads, false, pack.rules())));
        }
        ruleRows.stream().filter(m -> m.id.equals("rules:all")).findFirst().ifPresent(all -> {
            RuleSet allRules = packs.stream().filter(p -> p.id().equals("rules:all")).findFirst().orElseThrow().rules();
            ruleRows.add(new Measured(ALL_NDJSON, "as rules:all, every alert also written as scan --format ndjson prints it"
                    + " (into a stream that drops the bytes)",
                    () -> scan(() -> new InputFinder().find(List.of(data.logsRoot().toString())), threads, false, allRules, true)));
        });
        if (!ruleRows.isEmpty() || wanted(SCAN_DEFAULT) && only != null) {
            RulePacks.Pack builtin = RulePacks.builtin();
            ruleRows.add(new Measured(SCAN_DEFAULT, "trailhound scan as run by default: attribution + the built-in pack",
                    () -> scan(data.logsRoot(), threads, true, builtin.rules())));
        }
        measured.addAll(ruleRows);
        Measured layout = wanted(LayoutRows.PARQUET) ? LayoutRows.parquet(data.logsRoot(), threads) : null;
        if (layout != null) {
            measured.add(layout);
        }
        // Keys issued outside the logs read (no issuance in the input): 1 and 50 events a key, the default scan against --no-attribute.
        List<Measured[]> externalPairs = new ArrayList<>();
        for (int perKey : EXTERNAL_EVENTS_PER_KEY) {
            if (!wanted("external-1:" + perKey)) {
                continue;
            }
            BenchDataset ext = BenchDataset.obtainExternal(config.cacheDir(), config.events(), perKey, config.seed(), log);
            Measured plain = new Measured("external-1:" + perKey + "-no-attribute", "keys issued outside the logs, one key per "
                    + perKey + " events: scan --no-attribute (built-in pack)",
                    () -> scan(ext.logsRoot(), threads, false, RulePacks.builtin().rules()));
            Measured dflt = new Measured("external-1:" + perKey + "-default", "keys issued outside the logs, one key per "
                    + perKey + " events: trailhound scan as run by default (attribution + built-in pack)",
                    () -> scan(ext.logsRoot(), threads, true, RulePacks.builtin().rules()));
            plain.events = ext.events();
            dflt.events = ext.events();
            externalPairs.add(new Measured[] {plain, dflt});
            measured.add(plain);
            measured.add(dflt);
        }

        // The second dataset, shaped unlike the organisation: its own floor, scan and the rule packs, ratios against that floor.
        List<Measured> wideRows = new ArrayList<>();
        if (ruleRows.stream().anyMatch(m -> m.id.equals("rules:falco")) || wideAsked()) { // with the community packs only
            BenchDataset wide = BenchDataset.obtainWide(config.cacheDir(), config.events(), config.seed(), log);
            Supplier<InputFinder.Found> wideFiles = () -> new InputFinder().find(List.of(wide.logsRoot().toString()));
            wideRows.add(new Measured(WIDE + TOKENIZE, "second dataset (" + wide.files().size() + " files: assumed-role calls"
                    + " of four event names, 2-5 kB request parameters): inflate + tokenize, its floor",
                    () -> overFiles(wide.files(), threads, TokenizeWorker::new)));
            List<Measured> optional = new ArrayList<>();
            optional.add(new Measured(WIDE + SCAN, "second dataset: scan --no-attribute", () -> scan(wide.logsRoot(), threads, false)));
            for (RulePacks.Pack pack : RulePacks.packs(peerRules, new ArrayList<>())) {
                if (NOT_ON_WIDE.contains(pack.id())) {
                    continue;
                }
                optional.add(new Measured(WIDE + pack.id(), "second dataset: " + pack.description(),
                        () -> scan(wide.logsRoot(), threads, false, pack.rules())));
                if (pack.id().equals("rules:all")) {
                    optional.add(new Measured(WIDE + ALL_NDJSON, "second dataset: as rules:all, every alert also written as"
                            + " scan --format ndjson prints it (into a stream that drops the bytes)",
                            () -> scan(wideFiles, threads, false, pack.rules(), true)));
                }
            }
            // The case: one rule that alerts on every assumed-role event, alone, with and without writing its alerts.
            RulePacks.Pack one = RulePacks.sigmaRule(peerRules, RulePacks.ASSUME_ROLE_MISUSE, ASSUME_ROLE);
            if (one != null) {
                optional.add(new Measured(WIDE + ASSUME_ROLE, "second dataset: " + one.description(),
                        () -> scan(wide.logsRoot(), threads, false, one.rules())));
                optional.add(new Measured(WIDE + ASSUME_ROLE_NDJSON, "second dataset: as " + ASSUME_ROLE + ", every alert"
                        + " also written as scan --format ndjson prints it (into a stream that drops the bytes)",
                        () -> scan(wideFiles, threads, false, one.rules(), true)));
            }
            RulePacks.Pack builtin = RulePacks.builtin();
            optional.add(new Measured(WIDE + SCAN_DEFAULT, "second dataset: attribution + the built-in pack",
                    () -> scan(wide.logsRoot(), threads, true, builtin.rules())));
            for (Measured m : optional) {
                if (!wideAsked() || wanted(m.id)) {
                    wideRows.add(m);
                }
            }
            for (Measured m : wideRows) {
                m.events = wide.events();
            }
            measured.addAll(wideRows);
        }
        StoreRows store = new StoreRows(data.dir().resolve("store-rows"));
        Measured storeRow = null;
        Measured ctasRow = null;
        if (wanted(StoreRows.SCAN_DB)) {
            Detector builtin = new Detector(RulePacks.builtin().rules());
            storeRow = new Measured(StoreRows.SCAN_DB, "trailhound scan --db as run by default (attribution + built-in pack): "
                    + "every event (hot columns + raw) and credential into a new store file, committed in batches",
                    () -> store.scanIntoStore(data.logsRoot(), threads, builtin));
            storeRow.trackRss = true;
            measured.add(storeRow);
        }
        if (wanted(StoreRows.DUCKDB_CTAS)) { // the store's yardstick, not a peer tool: runs with --no-peers too
            ctasRow = new Measured(StoreRows.DUCKDB_CTAS, "DuckDB (JDBC, threads=" + threads + ", preserve_insertion_order=false): CREATE TABLE "
                    + "AS SELECT the store's hot columns + the raw record FROM read_json of the gz glob, into a new file", null);
            ctasRow.peer = true;
            ctasRow.trackRss = true;
            ctasRow.task = () -> store.duckDbCtas(glob(data), threads,
                    Math.min(1L << 30, Math.max(16L << 20, 2 * gunzip.first.maxFileBytes)));
            measured.add(ctasRow);
        }

        JqPeer jq = null;
        Measured jqRow = null;
        Measured duckRow = null;
        DuckDbPeer[] duck = new DuckDbPeer[1];
        String glob = DuckDbPeer.glob(data.logsRoot());
        try {
            if (config.peers() && (wanted(JQ) || wanted(DUCKDB))) {
                jqRow = new Measured(JQ, "jq: xargs -P " + threads + " over file batches, each `gzip -dc | jq -c '"
                        + JqPeer.FILTER + "'`, output lines counted", null);
                jqRow.peer = true;
                String why = JqPeer.unavailableReason();
                if (why != null) {
                    jqRow.failure = why + ".";
                } else {
                    JqPeer peer = JqPeer.prepare(files, threads, data.dir());
                    jq = peer;
                    jqRow.description = jqRow.description.replaceFirst("^jq:", peer.version() + ":");
                    jqRow.task = () -> {
                        Tally t = new Tally();
                        t.consoleLogins = peer.run();
                        return t;
                    };
                    if (wanted(JQ)) {
                        measured.add(jqRow);
                    } else {
                        jqRow = null;
                    }
                }
                duckRow = new Measured(DUCKDB, "DuckDB (JDBC, threads=" + threads + "): read_json over the gz glob,"
                        + " unnest Records, count eventName = 'ConsoleLogin'", null);
                duckRow.peer = true;
                Measured d = duckRow;
                duckRow.task = () -> {
                    if (duck[0] == null) {
                        // One file is one JSON document to DuckDB: allow the largest, measured by the gunzip warm-up.
                        long maxObject = Math.min(1L << 30, Math.max(16L << 20, 2 * gunzip.first.maxFileBytes));
                        duck[0] = DuckDbPeer.open(glob, threads, maxObject);
                        d.description = d.description.replaceFirst("^DuckDB", "DuckDB " + duck[0].version());
                        long matched = duck[0].files(glob);
                        if (matched != files.size()) {
                            notes.add("Note: DuckDB's glob matches " + matched + " files, Trailhound reads " + files.size() + ".");
                        }
                    }
                    Tally t = new Tally();
                    t.consoleLogins = duck[0].countConsoleLogins();
                    return t;
                };
                if (wanted(DUCKDB)) {
                    measured.add(duckRow);
                } else {
                    duckRow = null;
                }
            } else {
                notes.add("Peers (jq, DuckDB) not run: turned off.");
            }

            BenchRounds.time(measured, config.repeats(), log);

            double findSeconds = findFilesSeconds(data.logsRoot(), files.size());
            notes.add(String.format(Locale.ROOT, "scan includes finding its inputs (core InputFinder: walk, stat, sort %d files):"
                    + " %.3f s median; the other Trailhound rows are handed the list.", files.size(), findSeconds));

            long events = data.events();
            long inflated = gunzip.first.bytes;
            if (decode.first.records != events) {
                notes.add("Note: the generator reported " + events + " events but decode read " + decode.first.records
                        + "; rates use the generator's count.");
            }
            if (decode.first.bad > 0 || scan.first.bad > 0) {
                notes.add("Note: decode quarantined " + decode.first.bad + " and scan " + scan.first.bad
                        + " bad records in generated data: the generator or the reader has a bug.");
            }
            double floorEps = events / tokenize.median();
            List<BenchReport.Row> rows = new ArrayList<>();
            for (Measured m : List.of(gunzip, tokenize, decode, scan, attributed)) {
                rows.add(m.row(events, inflated, floorEps));
            }
            for (Measured m : ruleRows) {
                rows.add(m.row(events, inflated, floorEps));
                notes.add(m.id + ": " + m.first.alerts + " alerts on the dataset.");
            }
            perAlert(ruleRows, "rules:all", ALL_NDJSON, notes);
            Measured orgDefault = ruleRows.stream().filter(m -> m.id.equals(SCAN_DEFAULT)).findFirst().orElse(null);
            Measured orgBuiltin = ruleRows.stream().filter(m -> m.id.equals(RulePacks.builtin().id())).findFirst().orElse(null);
            if (orgDefault != null && orgBuiltin != null) {
                notes.add(String.format(Locale.ROOT, "organisation: the default scan runs at %.2fx the speed of --no-attribute "
                        + "with the same pack, %.2fx the floor.", orgBuiltin.median() / orgDefault.median(),
                        events / orgDefault.median() / floorEps));
            }
            if (layout != null) {
                rows.add(layout.row(events, inflated, floorEps));
                notes.add(LayoutRows.note(layout, ctasRow, scan, orgDefault, floorEps));
            }
            Long jqCount = null, duckCount = null, duckDistinct = null;
            if (jqRow != null) {
                rows.add(jqRow.row(events, inflated, floorEps));
                if (jqRow.failure == null) {
                    jqCount = jqRow.first.consoleLogins;
                    notes.add("jq is run as: " + jq.commandLine());
                } else {
                    notes.add(jqRow.failure.startsWith("jq row") ? jqRow.failure : "jq row failed: " + jqRow.failure);
                }
            }
            if (duckRow != null) {
                rows.add(duckRow.row(events, inflated, floorEps));
                if (duckRow.failure == null) {
                    duckCount = duckRow.first.consoleLogins;
                    notes.add("DuckDB is run as: " + duck[0].countSql().replace(data.logsRoot().toAbsolutePath().toString(), "<logs>"));
                    if (duckCount != scan.first.consoleLogins) {
                        try {
                            duckDistinct = duck[0].countDistinctConsoleLogins();
                        } catch (SQLException e) {
                            notes.add("DuckDB distinct count failed: " + e.getMessage());
                        }
                    }
                } else {
                    notes.add("duckdb row skipped: " + duckRow.failure);
                }
            }
            for (Measured[] pair : externalPairs) {
                // Their records are smaller than the organisation's: the ratio column (against the organisation's floor)
                // and MB/s (not measured: 0) do not compare; the two rows compare with each other.
                rows.add(pair[0].row(pair[0].events, 0, floorEps));
                rows.add(pair[1].row(pair[1].events, 0, floorEps));
                notes.add(String.format(Locale.ROOT, "%s: the default scan runs at %.2fx the speed of --no-attribute.",
                        pair[1].id.replace("-default", ""), pair[0].median() / pair[1].median()));
            }
            if (!wideRows.isEmpty()) {
                // MB/s is not measured for these rows (0); the ratio is against the second dataset's own floor.
                double wideFloorEps = wideRows.get(0).events / wideRows.get(0).median();
                for (Measured m : wideRows) {
                    rows.add(m.row(m.events, 0, wideFloorEps));
                    if (m.first.alerts > 0 || m.id.contains("rules")) {
                        notes.add(m.id + ": " + m.first.alerts + " alerts on the second dataset.");
                    }
                }
                perAlert(wideRows, WIDE + "rules:all", WIDE + ALL_NDJSON, notes);
                perAlert(wideRows, WIDE + ASSUME_ROLE, WIDE + ASSUME_ROLE_NDJSON, notes);
            }
            Measured once = ruleRows.stream().filter(m -> m.id.equals("rules:falco+elastic")).findFirst().orElse(null);
            Measured twice = ruleRows.stream().filter(m -> m.id.equals(RulePacks.ELASTIC_TWICE)).findFirst().orElse(null);
            if (once != null && twice != null) {
                notes.add(String.format(Locale.ROOT, "The Elastic pack loaded twice costs %.0f%% more time than once (%s against %s).",
                        100 * (twice.median() / once.median() - 1), twice.id, once.id));
            }
            storeNotes(storeRow, ctasRow, attributed, orgDefault, scan, events, inflated, floorEps, rows, notes);
            notes.add(agreement(decode.first.consoleLogins, scan.first.consoleLogins, jqCount, duckCount, duckDistinct));
            if (scan.first.duplicates > 0) {
                notes.add("scan dropped " + scan.first.duplicates + " records as duplicate eventIDs (decode and the peers keep them).");
            }
            notes.add("Parallelism: every Trailhound row spreads whole files over " + threads
                    + " worker threads (as core Ingest does); in scan the same threads also take turns in its serialized section (dedupe, statistics). "
                    + "jq runs " + threads + " parallel xargs workers, each a gzip | jq pipeline (two processes); "
                    + "DuckDB has SET threads = " + threads + ". Machine: " + Runtime.getRuntime().availableProcessors()
                    + " cores, Java " + System.getProperty("java.version") + ".");
            notes.add("Timing: one warm-up round over every row, then " + config.repeats() + " rounds, each running every row"
                    + " once (starting at a different row each round, System.gc() before each run), so a slow spell of the"
                    + " machine falls on all rows alike; each row shows its median. Files come from the OS page cache after"
                    + " the warm-up. events/s = the dataset's " + events + " records / median seconds; MB/s = inflated JSON"
                    + " bytes (" + inflated + ") / median seconds, MB = 10^6 bytes; ratio = events/s / events/s of " + TOKENIZE + ".");
            notes.add(BenchRounds.spread(measured));

            BenchReport.Heap heap = measureHeap(small, data, threads, log, notes);
            return new BenchReport(events, files.size(), compressed, inflated, threads, config.repeats(), config.seed(),
                    rows, heap, notes);
        } finally {
            store.clean();
            if (jq != null) {
                jq.cleanUp();
            }
            if (duck[0] != null) {
                try {
                    duck[0].close();
                } catch (SQLException e) {
                    notes.add("DuckDB did not close cleanly: " + e.getMessage());
                }
            }
        }
    }

    private static String agreement(long decodeCount, long scanCount, Long jq, Long duck, Long duckDistinct) {
        StringBuilder sb = new StringBuilder("ConsoleLogin records: decode ").append(decodeCount)
                .append(", scan ").append(scanCount).append(" (after eventID dedupe)");
        boolean agree = true;
        if (jq != null) {
            sb.append(", jq ").append(jq);
            agree &= jq == decodeCount;
        }
        if (duck != null) {
            sb.append(", DuckDB ").append(duck);
            agree &= duck == decodeCount;
            if (duckDistinct != null) {
                sb.append(" (").append(duckDistinct).append(" distinct eventIDs)");
                agree &= duckDistinct == scanCount;
            }
        }
        if (jq == null && duck == null) {
            return sb.append("; no peer ran to compare with.").toString();
        }
        return sb.append(agree ? " — they agree." : " — THEY DISAGREE: one of the readers drops or invents records.").toString();
    }

    private static String glob(BenchDataset data) {
        return DuckDbPeer.glob(data.logsRoot());
    }

    /** The store rows, and how they compare: to the scans without a store and to DuckDB writing the same files. */
    private static void storeNotes(Measured store, Measured ctas, Measured attributed, Measured orgDefault, Measured scan,
                                   long events, long inflated, double floorEps, List<BenchReport.Row> rows, List<String> notes) {
        for (Measured m : new Measured[] {store, ctas}) {
            if (m == null) {
                continue;
            }
            rows.add(m.row(events, inflated, floorEps));
            if (m.failure != null) {
                notes.add(m.id + " row skipped: " + m.failure);
            } else if (m.peakRss > 0) {
                notes.add(String.format(Locale.ROOT, "%s: peak resident memory of the process over its runs %s (VmHWM, reset "
                        + "before each run; includes the JVM heap as the rows before left it).", m.id, mib(m.peakRss)));
            }
        }
        if (store == null || store.failure != null) {
            return;
        }
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "scan --db runs at %.2fx the speed of scan (no store, "
                + "no attribution), %.2fx scan+attribute", scan.median() / store.median(), attributed.median() / store.median()));
        if (orgDefault != null && orgDefault.failure == null) {
            sb.append(String.format(Locale.ROOT, ", %.2fx scan (default) (the same work without the store)",
                    orgDefault.median() / store.median()));
        }
        if (ctas != null && ctas.failure == null) {
            sb.append(String.format(Locale.ROOT, ", and %.2fx DuckDB's own CREATE TABLE AS SELECT of the same files",
                    ctas.median() / store.median()));
        }
        notes.add(sb.append('.').toString());
    }

    // ---------------------------------------------------------------- timing (BenchRounds)

    /** Median time core's InputFinder takes to list the dataset, the part of scan the other rows skip. */
    private double findFilesSeconds(Path logsRoot, int expected) {
        double[] seconds = new double[config.repeats()];
        for (int i = 0; i < seconds.length; i++) {
            long t0 = System.nanoTime();
            int n = BenchDataset.listFiles(logsRoot).size();
            seconds[i] = (System.nanoTime() - t0) / 1e9;
            if (n != expected) {
                throw new IllegalStateException("the dataset changed while it was measured: " + n + " files, not " + expected);
            }
        }
        return BenchRounds.median(seconds);
    }

    // ---------------------------------------------------------------- the Trailhound rows

    /** What a row saw; summed over workers. */
    public static final class Tally {
        long bytes;
        long maxFileBytes;
        long tokens;
        long records;
        long bad;
        long duplicates;
        long consoleLogins;
        long alerts;

        void add(Tally o) {
            bytes += o.bytes;
            maxFileBytes = Math.max(maxFileBytes, o.maxFileBytes);
            tokens += o.tokens;
            records += o.records;
            bad += o.bad;
            duplicates += o.duplicates;
            consoleLogins += o.consoleLogins;
        }

        public long records() {
            return records;
        }

        public long duplicates() {
            return duplicates;
        }

        public long alerts() {
            return alerts;
        }

        boolean sameOutcome(Tally o) {
            return bytes == o.bytes && tokens == o.tokens && records == o.records && bad == o.bad
                    && duplicates == o.duplicates && consoleLogins == o.consoleLogins;
        }

        @Override
        public String toString() {
            return "bytes=" + bytes + " tokens=" + tokens + " records=" + records + " bad=" + bad + " duplicates=" + duplicates
                    + " consoleLogins=" + consoleLogins;
        }
    }

    /** Reads files one at a time on one worker thread, adding to the tally it is given. */
    @FunctionalInterface
    interface FileWorker {
        void read(Path file, Tally tally) throws IOException;
    }

    /** Spreads whole files over {@code threads} workers, each taking the next unread file, as core Ingest does. */
    static Tally overFiles(List<Path> files, int threads, Supplier<FileWorker> workers) throws IOException {
        int n = Math.min(threads, Math.max(1, files.size()));
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Tally[] tallies = new Tally[n];
        Thread[] started = new Thread[n];
        for (int w = 0; w < n; w++) {
            Tally tally = new Tally();
            tallies[w] = tally;
            started[w] = new Thread(() -> {
                try {
                    FileWorker worker = workers.get();
                    int i;
                    while (failure.get() == null && (i = next.getAndIncrement()) < files.size()) {
                        worker.read(files.get(i), tally);
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }, "trailhound-bench-" + w);
            started[w].start();
        }
        for (Thread t : started) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
        Throwable f = failure.get();
        if (f instanceof IOException io) {
            throw io;
        }
        if (f instanceof RuntimeException re) {
            throw re;
        }
        if (f instanceof Error err) {
            throw err;
        }
        Tally total = new Tally();
        for (Tally t : tallies) {
            total.add(t);
        }
        return total;
    }

    /** Inflates as core does: one reused Inflater and buffer per thread (core's Decompressor). */
    private static InputStream gunzipped(Decompressor d, Path file) throws IOException {
        return d.open(Files.newInputStream(file));
    }

    static final class GunzipWorker implements FileWorker {
        private final byte[] buf = new byte[BUFFER];
        private final Decompressor decompressor = new Decompressor(ReadLimits.defaults());

        @Override
        public void read(Path file, Tally tally) throws IOException {
            long n = 0;
            try (InputStream in = gunzipped(decompressor, file)) {
                int r;
                while ((r = in.read(buf)) > 0) {
                    n += r;
                }
            }
            tally.bytes += n;
            tally.maxFileBytes = Math.max(tally.maxFileBytes, n);
        }
    }

    static final class TokenizeWorker implements FileWorker {
        private final Decompressor decompressor = new Decompressor(ReadLimits.defaults());

        @Override
        public void read(Path file, Tally tally) throws IOException {
            long tokens = 0;
            try (JsonParser p = JSON.createParser(gunzipped(decompressor, file))) {
                while (p.nextToken() != null) {
                    tokens++;
                }
            }
            tally.tokens += tokens;
        }
    }

    static final class DecodeWorker implements FileWorker, RecordHandler {
        private final RecordReader reader;
        private Tally tally;

        DecodeWorker(boolean readAhead) {
            reader = new RecordReader(ReadLimits.defaults(), readAhead);
        }

        @Override
        public void read(Path file, Tally t) {
            tally = t;
            reader.read(InputSource.file(file), this);
        }

        @Override
        public void event(CloudTrailEvent event) {
            tally.records++;
            if ("ConsoleLogin".equals(event.eventName())) {
                tally.consoleLogins++;
            }
        }

        @Override
        public void bad(BadRecord bad) {
            tally.bad++;
        }
    }

    private static Tally scan(Path logsRoot, int threads, boolean attribute) {
        return scan(logsRoot, threads, attribute, null);
    }

    private static Tally scan(Path logsRoot, int threads, boolean attribute, RuleSet rules) {
        return scan(() -> new InputFinder().find(List.of(logsRoot.toString())), threads, attribute, rules);
    }

    /**
     * The scan row over the inputs {@code find} returns (called inside the timed run, as a CLI run
     * finds its inputs too), with a rule set run over every event when {@code rules} is not null.
     */
    public static Tally scan(Supplier<InputFinder.Found> find, int threads, boolean attribute, RuleSet rules) {
        return scan(find, threads, attribute, rules, false);
    }

    /**
     * As {@link #scan(Supplier, int, boolean, RuleSet)}; with {@code ndjson}, every alert is also
     * written as {@code scan --format ndjson} prints it, into a stream that drops the bytes.
     */
    static Tally scan(Supplier<InputFinder.Found> find, int threads, boolean attribute, RuleSet rules, boolean ndjson) {
        return scanFeed(() -> io.trailhound.core.ingest.InputFeed.of(find.get()), threads, attribute, rules, ndjson);
    }

    /** As {@link #scan(Supplier, int, boolean, RuleSet)}, over inputs handed out as they are found (an s3:// listing). */
    public static Tally scanFeed(Supplier<io.trailhound.core.ingest.InputFeed> find, int threads, boolean attribute, RuleSet rules) {
        return scanFeed(find, threads, attribute, rules, false);
    }

    private static Tally scanFeed(Supplier<io.trailhound.core.ingest.InputFeed> find, int threads, boolean attribute, RuleSet rules,
                                  boolean ndjson) {
        long[] consoleLogins = new long[1];
        long[] alerts = new long[1];
        Scan.Builder scan = Scan.builder(new ScanOptions(ReadLimits.defaults(), threads, null))
                .attribution(attribute)
                .onEvent(e -> {
                    if ("ConsoleLogin".equals(e.eventName())) {
                        consoleLogins[0]++;
                    }
                });
        if (rules != null) {
            // As scan --format ndjson writes them (its sink, on a stream that drops the bytes).
            io.trailhound.core.alert.AlertLines out = ndjson ? new io.trailhound.core.alert.AlertLines(new java.io.PrintStream(
                    java.io.OutputStream.nullOutputStream(), false, java.nio.charset.StandardCharsets.UTF_8)) : null;
            scan.detection(DetectionStage.inMemory(new Detector(rules), null, a -> {
                alerts[0]++;
                if (out != null) {
                    out.alert(a);
                }
            }));
            if (out != null) {
                scan.onInputDone(in -> out.flush());
            }
        }
        Scan.Result r = scan.build().run(find.get(), IngestProgress.NONE);
        Tally t = new Tally();
        t.records = r.ingest().records();
        t.duplicates = r.ingest().duplicates();
        t.bad = r.ingest().quarantined();
        t.consoleLogins = consoleLogins[0];
        t.alerts = alerts[0];
        if (r.stats().events() != r.ingest().events()) {
            throw new IllegalStateException("scan statistics saw " + r.stats().events() + " events, ingest delivered "
                    + r.ingest().events());
        }
        return t;
    }

    // ---------------------------------------------------------------- heap

    private BenchReport.Heap measureHeap(BenchDataset small, BenchDataset large, int threads, Consumer<String> log,
                                         List<String> notes) {
        log.accept("measuring heap: scan of " + small.events() + " events…");
        HeapProbe.Result s = heapOfScan(small, threads);
        log.accept("measuring heap: scan of " + large.events() + " events…");
        HeapProbe.Result l = heapOfScan(large, threads);
        String gcs = ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
                .collect(Collectors.joining(", "));
        notes.add(String.format(Locale.ROOT, "Heap (scan, %d threads, max heap %s, GC %s): peak used %s on %d events, %s on %d events;"
                        + " baseline before each after System.gc() %s / %s; most heap still used after a collection"
                        + " (upper bound on live data) %s / %s. Peak used is mostly young-generation garbage, so it follows"
                        + " the collector's sizing more than the input.",
                threads, mib(Runtime.getRuntime().maxMemory()), gcs, mib(s.peakUsed()), small.events(), mib(l.peakUsed()),
                large.events(), mib(s.baseline()), mib(l.baseline()), mib(s.maxUsedAfterGc()), mib(l.maxUsedAfterGc())));
        notes.add(String.format(Locale.ROOT, "The eventID dedupe set is the only structure in scan that grows with the number"
                        + " of events: 16-byte keys (a UUID's 128 bits) in an open-addressing table at most 2/3 full, %s at %d events"
                        + " (1.5 times that while it doubles), on the heap up to 16 MiB and in a memory-mapped temporary file past it."
                        + " Attribution keeps one entry per pending credential, at most 8,192 in memory, the rest in a temporary file. The list of inputs grows with the number of files (%d here, a path"
                        + " and a name each). Everything else is bounded: one batch per reading thread, per-thread buffers, and statistics"
                        + " maps capped at 10,000 distinct values a field in each reading thread.",
                mib(dedupeTableBytes(large.events())), large.events(), large.files().size()));
        return new BenchReport.Heap(small.events(), s.peakUsed(), large.events(), l.peakUsed());
    }

    private static HeapProbe.Result heapOfScan(BenchDataset data, int threads) {
        HeapProbe probe = HeapProbe.start();
        scan(data.logsRoot(), threads, false);
        return probe.stop();
    }

    /** Size of core's EventIdSet table holding {@code n} distinct IDs (it starts at 1024 slots of 16 bytes). */
    static long dedupeTableBytes(long n) {
        long capacity = 1024;
        while ((n + 1) * 3 > capacity * 2) {
            capacity *= 2;
        }
        return capacity * 16;
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
    }
}
