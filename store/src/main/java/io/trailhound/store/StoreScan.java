package io.trailhound.store;

import io.trailhound.core.rules.engine.StatefulRules;
import io.trailhound.core.rules.engine.DetectionStage;
import io.trailhound.core.identity.Attributor;
import io.trailhound.core.identity.CredentialLedger;
import io.trailhound.core.identity.Issuance;
import io.trailhound.core.identity.TrustPolicies;
import io.trailhound.core.ingest.IngestProgress;
import io.trailhound.core.ingest.InputFeed;
import io.trailhound.core.ingest.InputFinder;
import io.trailhound.core.ingest.InputSource;
import io.trailhound.core.scan.Scan;
import io.trailhound.core.scan.ScanOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A scan that persists what it reads: the scan pipeline (read, dedupe, quarantine, statistics,
 * attribution) with the store on both ends. The attribution ledger is seeded with the stored
 * issuances and SwitchRole links; a file whose content the ingest log already holds is left out as
 * a reading thread takes it ({@link NotYetIngested}); events and attributions are staged as they
 * are read and committed in batches as the run goes.
 */
public final class StoreScan {

    /** What the store gained from one run. */
    public record Report(String location, int schemaVersion, int filesAlreadyIngested, long issuancesSeeded,
                         long switchRolesSeeded, StoreWriter.Committed committed, EventStore.Pruned pruned,
                         long eventsInStore) {
    }

    /** The scan's usual outcome (attribution always on) and the store's. */
    public record Result(Scan.Result scan, DetectionStage detection, Report store) {
    }

    private StoreScan() {
    }

    /**
     * Scans {@code paths} into {@code store}. Bad records go into the store, and also to
     * {@code options.quarantineFile()} when it is set. {@code trust} holds role trust policies
     * for attribution. With {@code retention} non-null, the store is pruned after the run.
     */
    public static Result run(EventStore store, List<String> paths, ScanOptions options, TrustPolicies trust,
                             Duration retention, IngestProgress progress) {
        return run(store, paths, options, trust, retention, progress, null);
    }

    /**
     * Rules to run during a store scan: the detector, the moment before which new-terms rules only
     * learn (null: none), and where alerts go besides the store.
     */
    public record Detect(io.trailhound.core.rules.engine.Detector detector, Instant learnUntil,
                         io.trailhound.core.alert.AlertSink sink, Duration attributionWait,
                         java.util.function.Function<io.trailhound.core.alert.Alert, String> json) {
        /** Alerts wait for their credential until the input ends (no attribution wait); the store keeps the alert's columns only. */
        public Detect(io.trailhound.core.rules.engine.Detector detector, Instant learnUntil, io.trailhound.core.alert.AlertSink sink) {
            this(detector, learnUntil, sink, null, null);
        }

        /** As above, with an attribution wait (null: none). */
        public Detect(io.trailhound.core.rules.engine.Detector detector, Instant learnUntil, io.trailhound.core.alert.AlertSink sink,
                      Duration attributionWait) {
            this(detector, learnUntil, sink, attributionWait, null);
        }

        /** The alert's JSON line as the host prints it, kept with the stored alert (null: none). */
        String jsonOf(io.trailhound.core.alert.Alert a) {
            return json == null ? null : json.apply(a);
        }
    }

    /**
     * When a run commits a batch: after {@code files} inputs, {@code events} events, or
     * {@code every} since the last commit, whichever comes first (a batch holds whole inputs; the
     * last one is committed when the input ends). Events bound the memory a batch takes (two are
     * staged at a time, spilling to disk past DuckDB's memory limit); by default four DuckDB row
     * groups (4 x 122,880 rows), which DuckDB writes into the file compressed as they are inserted
     * (smaller batches cost more per event: measured 1M events in 28 s with four row groups a
     * batch, 53 s with two). Time bounds how stale readers are and what a crash loses.
     */
    public record Batching(int files, long events, Duration every) {
        public static final Batching DEFAULT = new Batching(10_000, 491_520, Duration.ofSeconds(30));
        /**
         * One batch a run, committed when the input ends: for a host whose runs are its batches
         * ({@code watch}: one receive of at most ten objects, whose messages are settled after it).
         */
        public static final Batching ONE_PER_RUN = new Batching(Integer.MAX_VALUE, Long.MAX_VALUE, Duration.ofDays(36_500));

        public Batching {
            if (files < 1 || events < 1 || every == null || every.isNegative() || every.isZero()) {
                throw new IllegalArgumentException("a batch needs at least one file, one event and a positive time, not "
                        + files + " files, " + events + " events, " + every);
            }
        }
    }

    /**
     * As above, running rules too ({@code detect} null: none): alerts go into the store and to the
     * sink, and new-terms rules start from, and add to, the history earlier runs stored.
     */
    public static Result run(EventStore store, List<String> paths, ScanOptions options, TrustPolicies trust,
                             Duration retention, IngestProgress progress, Detect detect) {
        return run(store, paths, options, trust, retention, progress, detect, Batching.DEFAULT);
    }

    /** As above, committing in batches as {@code batching} says. */
    public static Result run(EventStore store, List<String> paths, ScanOptions options, TrustPolicies trust,
                             Duration retention, IngestProgress progress, Detect detect, Batching batching) {
        return run(store, new InputFinder().find(paths), options, trust, retention, progress, detect, null, batching);
    }

    /**
     * As above, also handing every event and its final attribution to {@code output} (null:
     * none), e.g. an {@link io.trailhound.core.output.EventsWithOrigin} writing documents (the
     * caller finishes it after the run).
     */
    public static Result run(EventStore store, List<String> paths, ScanOptions options, TrustPolicies trust,
                             Duration retention, IngestProgress progress, Detect detect,
                             io.trailhound.core.output.EventsWithOrigin output) {
        return run(store, new InputFinder().find(paths), options, trust, retention, progress, detect, output, Batching.DEFAULT);
    }

    /**
     * As above, over inputs already found: files, or streams a host opens (S3 objects), which the
     * ingest log knows by their {@link InputSource#identity()} instead of a checksum of the bytes.
     * An input that could not be read whole (it could not be opened, or reading it failed) is not
     * logged, so a later run reads it again.
     */
    public static Result run(EventStore store, InputFinder.Found found, ScanOptions options, TrustPolicies trust,
                             Duration retention, IngestProgress progress, Detect detect) {
        return run(store, found, options, trust, retention, progress, detect, null, Batching.DEFAULT);
    }

    /** As above, with {@code output} (null: none) as in the paths' form. */
    public static Result run(EventStore store, InputFinder.Found found, ScanOptions options, TrustPolicies trust,
                             Duration retention, IngestProgress progress, Detect detect,
                             io.trailhound.core.output.EventsWithOrigin output) {
        return run(store, found, options, trust, retention, progress, detect, output, Batching.DEFAULT, null);
    }

    /** As above, committing in batches as {@code batching} says. */
    public static Result run(EventStore store, InputFinder.Found found, ScanOptions options, TrustPolicies trust,
                             Duration retention, IngestProgress progress, Detect detect,
                             io.trailhound.core.output.EventsWithOrigin output, Batching batching) {
        return run(store, found, options, trust, retention, progress, detect, output, batching, null);
    }

    /**
     * As above, as one run of a long-running host's {@code stream} (null: a run on its own): the
     * stream's ledger and attributor instead of a ledger seeded from the store for this run, and
     * its trust policies instead of {@code trust}. Alerts sent with a pending answer stay in the
     * stream, so a later run's issuance updates them (through the detection sink's
     * {@link io.trailhound.core.alert.AlertSink#update}) and their credential's stored row.
     */
    public static Result run(EventStore store, InputFinder.Found found, ScanOptions options, TrustPolicies trust,
                             Duration retention, IngestProgress progress, Detect detect,
                             io.trailhound.core.output.EventsWithOrigin output, Batching batching, Stream stream) {
        // Each file is checked against the ingest log by the reading thread that takes it (a pass over
        // every file before reading was a phase of its own: 0.08-0.4 s of 200,000 events' 9,571 files).
        NotYetIngested fresh = new NotYetIngested(InputFeed.of(found), store.ingestedChecksums());
        return read(store, fresh, fresh::checksum, fresh::logged, fresh::already, options, trust, retention, progress, detect,
                output, batching, stream);
    }

    /**
     * As above, over inputs handed out as they are found (an s3:// listing in progress): each is
     * checked against the ingest log as it comes ({@link NotYetIngested}), so reading starts with the
     * first object the store does not have.
     */
    public static Result run(EventStore store, InputFeed feed, ScanOptions options, TrustPolicies trust,
                             Duration retention, IngestProgress progress, Detect detect,
                             io.trailhound.core.output.EventsWithOrigin output, Batching batching) {
        NotYetIngested fresh = new NotYetIngested(feed, store.ingestedChecksums());
        return read(store, fresh, fresh::checksum, fresh::logged, fresh::already, options, trust, retention, progress, detect,
                output, batching, null);
    }

    /**
     * The run over {@code toRead}, whose inputs' identities in the ingest log {@code checksums} gives
     * (null: none); {@code whole}: the inputs, by name, whose rows go into batches whole.
     */
    private static Result read(EventStore store, InputFeed toRead, java.util.function.Function<InputSource, String> checksums,
                               java.util.function.Predicate<String> whole, java.util.function.IntSupplier already,
                               ScanOptions options, TrustPolicies trust, Duration retention, IngestProgress progress,
                               Detect detect, io.trailhound.core.output.EventsWithOrigin output, Batching batching,
                               Stream stream) {
        CredentialLedger ledger;
        Set<Issuance> inStore;
        Set<CredentialLedger.SwitchLink> seededLinks;
        long issuancesSeeded, switchRolesSeeded;
        if (stream == null) {
            ledger = new CredentialLedger();
            EventStore.Seeded seeded = store.seed(ledger);
            inStore = seeded.issuances();
            issuancesSeeded = seeded.issuances().size();
            switchRolesSeeded = seeded.switchRoles();
            seededLinks = new HashSet<>(ledger.switchLinks());
        } else {
            ledger = stream.attributor.ledger();
            trust = stream.trust;
            inStore = stream.inStore;
            seededLinks = stream.linksInStore;
            issuancesSeeded = stream.issuancesSeeded;
            switchRolesSeeded = stream.switchRolesSeeded;
        }
        Instant now = Instant.now();
        StoreTiming.processCpu("seeded");
        try (StoreWriter writer = store.writer()) {
            StoreTiming.processCpu("writer made");
            writer.wholeInputs(whole);
            if (stream == null) {
                writer.checkpointAtEnd(); // a run on its own: the store is closed after it, as a rule
            }
            io.trailhound.core.rules.engine.MemoryTermHistory terms = detect == null ? null : store.termHistory();
            DetectionStage stage = detect == null ? null : new DetectionStage(detect.detector(),
                    new StatefulRules(terms, detect.learnUntil()), new io.trailhound.core.alert.AlertSink() {
                        @Override
                        public void alert(io.trailhound.core.alert.Alert a) {
                            writer.alert(a, now, detect.jsonOf(a));
                            detect.sink().alert(a);
                        }

                        @Override
                        public void update(io.trailhound.core.alert.AlertUpdate u) {
                            // The stored alert follows its credential's row at the commit.
                            detect.sink().update(u);
                        }
                    }).withAttributionWait(detect.attributionWait());
            if (stage != null && stream != null) {
                stage.keepingUnsettled(stream.unsettled);
            }
            Scan[] scanHolder = new Scan[1];
            CredentialRows rows = new CredentialRows(writer, now);
            Batches batches = new Batches(writer, batching, ledger, inStore, seededLinks, stage, detect, terms, now,
                    new io.trailhound.core.identity.AttributionResolver(ledger, trust));
            Scan.Builder pipeline = Scan.builder(options);
            if (stream == null) {
                pipeline.attribution(ledger, trust);
            } else {
                pipeline.attribution(stream.attributor);
            }
            pipeline.onCredentialChanged(rows::changed)
                    .onEvent(e -> {
                        writer.event(e, rows.event(e, scanHolder[0].attributor().lastAnswer()));
                        if (stream != null && e.eventTimeMillis() > stream.latestEventMillis) {
                            stream.latestEventMillis = e.eventTimeMillis();
                        }
                        if (output != null) {
                            output.accept(e);
                        }
                        if (e.position() != null) {
                            batches.counted(e.position().source());
                        }
                        batches.afterEvent();
                    })
                    .onBad(bad -> {
                        writer.quarantine(bad, now);
                        batches.bad(bad);
                    })
                    .onInputDone(in -> batches.inputDone(in, checksums.apply(in)));
            if (stage != null) {
                pipeline.detection(stage);
            }
            scanHolder[0] = pipeline.build();
            if (output != null) {
                output.bind(scanHolder[0].attributor());
            }
            // The scan reports progress a few times a second on its own thread, also while the input is
            // idle (stdin, watch): a batch is cut there when its time is up.
            IngestProgress withBatches = (filesDone, filesTotal, bytesDone, bytesTotal, records) -> {
                batches.tick();
                progress.update(filesDone, filesTotal, bytesDone, bytesTotal, records);
            };
            StoreTiming.processCpu("before reading");
            long read = StoreTiming.start();
            Scan.Result scan = scanHolder[0].run(toRead, withBatches);
            StoreTiming.since("scan (reading)", read);
            StoreTiming.processCpu("after reading");
            long t = StoreTiming.start();
            // Stored credentials that waited for an issuance or SwitchRole this run brought are worked out again.
            StoreWriter.Committed committed = batches.last();
            StoreTiming.since("last batch in all", t);
            t = StoreTiming.start();
            EventStore.Pruned pruned = retention == null ? null : store.prune(retention, now);
            StoreTiming.since("prune", t);
            t = StoreTiming.start();
            Report report = new Report(store.location(), store.schemaVersion(), already.getAsInt(), issuancesSeeded,
                    switchRolesSeeded, committed, pruned, store.eventCount());
            StoreTiming.since("report (count events)", t);
            return new Result(scan, stage, report);
        }
    }

    /**
     * The run's batches, cut on the scan's thread after an input is done or an event is handed
     * over: each cut adds the issuances and SwitchRole links the ledger gained, the alerts still
     * waiting for their credential (so a crash after the cut does not lose them) and the new-terms
     * history, then hands the batch to the writer. A batch's issuances and links join those the
     * store holds ({@code inStore}, a stream's across its runs) once the batch is handed over: a
     * batch that fails to commit fails the run (at the next cut or the end), and a stream's run
     * ({@link Batching#ONE_PER_RUN}) commits once, at its end, so a failed run leaves them to be
     * written again by the next.
     */
    private static final class Batches {
        private final StoreWriter writer;
        private final Batching batching;
        private final CredentialLedger ledger;
        private final Set<Issuance> inStore;
        private final Set<CredentialLedger.SwitchLink> linksInStore;
        private final List<Issuance> issuancesInBatch = new ArrayList<>();
        private final List<CredentialLedger.SwitchLink> linksInBatch = new ArrayList<>();
        private final DetectionStage stage;
        private final Detect detect;
        private final io.trailhound.core.rules.engine.MemoryTermHistory terms;
        private final Instant now;
        private final io.trailhound.core.identity.AttributionResolver resolver;
        private final Map<String, long[]> recordsBySource = new HashMap<>();
        /** The input of the last event counted and its count (events come in runs of one input). */
        private String countedSource;
        private long[] countedRecords;
        private final Map<String, long[]> badBySource = new HashMap<>();
        /** Inputs that could not be read whole (not opened, or reading failed): not logged, so a later run reads them again. */
        private final Set<String> notReadWhole = new HashSet<>();
        private int files;
        private long eventsAtCut;
        private long cutAtNanos = System.nanoTime();
        private int sinceClock;

        Batches(StoreWriter writer, Batching batching, CredentialLedger ledger, Set<Issuance> inStore,
                Set<CredentialLedger.SwitchLink> linksInStore, DetectionStage stage,
                Detect detect, io.trailhound.core.rules.engine.MemoryTermHistory terms, Instant now,
                io.trailhound.core.identity.AttributionResolver resolver) {
            this.writer = writer;
            this.batching = batching;
            this.ledger = ledger;
            this.inStore = inStore;
            this.linksInStore = linksInStore;
            this.stage = stage;
            this.detect = detect;
            this.terms = terms;
            this.now = now;
            this.resolver = resolver;
        }

        void afterEvent() {
            if (writer.eventsStaged() - eventsAtCut >= batching.events() || (++sinceClock & 1023) == 0 && timeIsUp()) {
                cut();
            }
        }

        /** One more event read from {@code source}. */
        void counted(String source) {
            if (source != countedSource || countedRecords == null) {
                countedSource = source;
                countedRecords = recordsBySource.computeIfAbsent(source, k -> new long[1]);
            }
            countedRecords[0]++;
        }

        void bad(io.trailhound.core.ingest.BadRecord bad) {
            badBySource.computeIfAbsent(bad.position().source(), k -> new long[1])[0]++;
            if (bad.reason() == io.trailhound.core.ingest.QuarantineReason.UNREADABLE) {
                notReadWhole.add(bad.position().source());
            }
        }

        void inputDone(InputSource in, String checksum) {
            writer.inputDone(in.name());
            countedRecords = null;
            long[] r = recordsBySource.remove(in.name());
            long[] b = badBySource.remove(in.name());
            if (checksum != null && !notReadWhole.remove(in.name())) {
                writer.ingested(checksum, in.path() != null ? in.path().toAbsolutePath().toString() : in.name(), in.size(),
                        r == null ? 0 : r[0], b == null ? 0 : b[0], now);
            }
            if (++files >= batching.files() || timeIsUp()) {
                cut();
            }
        }

        /** Cuts a batch when its time is up and it holds anything (called while the input may be idle). */
        void tick() {
            if (writer.rowsInBatch() > 0 && timeIsUp()) {
                cut();
            }
        }

        private boolean timeIsUp() {
            return System.nanoTime() - cutAtNanos >= batching.every().toNanos();
        }

        private void stageLedger() {
            // A batch stages each once: the ledger's issuances stay in place until the commit names them stored.
            issuancesInBatch.clear();
            linksInBatch.clear();
            for (Issuance i : ledger.issuances()) {
                if (!inStore.contains(i)) {
                    writer.issuance(i);
                    issuancesInBatch.add(i);
                }
            }
            for (CredentialLedger.SwitchLink link : ledger.switchLinks()) {
                if (!linksInStore.contains(link)) {
                    writer.switchRole(link.sessionArn(), link.startMillis(), link.fromUserArn());
                    linksInBatch.add(link);
                }
            }
            if (terms != null) {
                writer.terms(terms);
            }
        }

        private void cut() {
            stageLedger();
            if (stage != null) {
                stage.forEachWaiting(a -> writer.alert(a, now, detect.jsonOf(a)));
            }
            writer.commitBatch(resolver::resolve);
            committed();
            files = 0;
            eventsAtCut = writer.eventsStaged();
            cutAtNanos = System.nanoTime();
        }

        /** The last batch, after the scan's finish released every alert: everything left goes in. */
        StoreWriter.Committed last() {
            stageLedger();
            StoreWriter.Committed c = writer.commit(resolver::resolve);
            committed();
            return c;
        }

        /** The batch's issuances and links are stored: later batches (and a stream's later runs) leave them out. */
        private void committed() {
            inStore.addAll(issuancesInBatch);
            linksInStore.addAll(linksInBatch);
            issuancesInBatch.clear();
            linksInBatch.clear();
        }
    }

    /**
     * What a long-running host (watch, one store run per batch) keeps across its runs: the ledger,
     * read from the store once instead of at every run; one attributor, so a credential left
     * pending by one run is answered by the issuance a later run reads (its stored row updated,
     * its alerts already sent updated through the detection sink); the alerts sent while their
     * credential was pending; and which issuances the store already has. {@link #forget} after each
     * run bounds the memory by the retention, in event time. One thread uses it.
     */
    public static final class Stream implements AutoCloseable {
        private final Attributor attributor;
        private final TrustPolicies trust;
        private final io.trailhound.core.rules.engine.UnsettledAlerts unsettled =
                new io.trailhound.core.rules.engine.UnsettledAlerts();
        private final Set<Issuance> inStore;
        private final Set<CredentialLedger.SwitchLink> linksInStore;
        private final long issuancesSeeded;
        private final long switchRolesSeeded;
        private final Duration retention;
        private long latestEventMillis = Long.MIN_VALUE;

        /** Reads the stored issuances and SwitchRole links once; {@code retention}: how far back, in event time, the stream remembers. */
        public Stream(EventStore store, TrustPolicies trust, Duration retention) {
            CredentialLedger ledger = new CredentialLedger();
            EventStore.Seeded seeded = store.seed(ledger);
            this.trust = trust;
            this.attributor = new Attributor((e, a) -> { }, ledger, trust);
            this.inStore = seeded.issuances();
            this.linksInStore = new HashSet<>(ledger.switchLinks());
            this.issuancesSeeded = seeded.issuances().size();
            this.switchRolesSeeded = seeded.switchRoles();
            this.retention = retention;
        }

        /** The latest event time read so far (Long.MIN_VALUE before any event). */
        public long latestEventMillis() {
            return latestEventMillis;
        }

        /**
         * Between runs: forgets what lies more than the retention before the latest event read
         * (pending credentials, issuances no later event can use, alerts no longer updated).
         */
        public Forgotten forget() {
            if (latestEventMillis == Long.MIN_VALUE) {
                return new Forgotten(0, 0, 0);
            }
            long cutoff = latestEventMillis - retention.toMillis();
            Attributor.Forgotten f = attributor.forgetBefore(cutoff);
            long alerts = unsettled.forgetBefore(cutoff);
            Set<Issuance> live = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            live.addAll(attributor.ledger().issuances());
            inStore.retainAll(live);
            linksInStore.retainAll(new HashSet<>(attributor.ledger().switchLinks()));
            return new Forgotten(f.pendingCredentials(), f.issuances(), alerts);
        }

        /** What the stream holds now (see {@link Attributor#held()}), and its alerts waiting for a better answer. */
        public List<io.trailhound.core.stage.HeldState> held() {
            List<io.trailhound.core.stage.HeldState> out = new ArrayList<>(attributor.held());
            out.add(new io.trailhound.core.stage.HeldState("alerts sent before their attribution settled", "credential",
                    unsettled.size()));
            return out;
        }

        @Override
        public void close() {
            attributor.close();
        }
    }

    /** What {@link Stream#forget} let go. */
    public record Forgotten(long pendingCredentials, long issuances, long alerts) {
    }

    /**
     * The run's credential rows: each credential staged when first seen (a bounded set of recent
     * ones keeps repeats out; a repeat staged again is harmless, the last wins), and again when its
     * answer changes later in the run.
     */
    private static final class CredentialRows {
        /**
         * The recent set, 65,536 ids in pairs of slots (one cache line): an id's pair chosen by its
         * hash, the newer of the two first, a third id pushing the older out. An access-ordered
         * LinkedHashMap of as many ids cost a node per id and relinking on every event: a quarter
         * of the scan's consuming thread in a store run.
         */
        private static final int SLOTS = 1 << 16;
        private final StoreWriter writer;
        private final Instant now;
        private final String[] recent = new String[SLOTS];

        CredentialRows(StoreWriter writer, Instant now) {
            this.writer = writer;
            this.now = now;
        }

        /** The event's credential, staged if not seen lately; returns its id. */
        String event(io.trailhound.core.event.CloudTrailEvent e, io.trailhound.core.identity.CredentialAnswer answer) {
            String id = io.trailhound.core.identity.Credentials.keyOf(e);
            int h = id.hashCode() * 0x9E3779B9;
            int at = (h ^ h >>> 15) & (SLOTS - 2);
            String first = recent[at];
            if (first == id || id.equals(first)) {
                return id;
            }
            String second = recent[at + 1];
            recent[at + 1] = first;
            recent[at] = id;
            if (second != id && !id.equals(second)) {
                writer.credential(id, io.trailhound.core.identity.CredentialIdentity.of(e), answer, e.eventTimeMillis(), now);
            }
            return id;
        }

        void changed(io.trailhound.core.identity.CredentialChange c) {
            writer.credential(c.credential(), c.identity(), c.now(), now.toEpochMilli(), now);
        }
    }

    /** One read buffer per reading thread: a new one per file was most of what a run of small files allocated. */
    private static final ThreadLocal<byte[]> CHECKSUM_BUFFER = ThreadLocal.withInitial(() -> new byte[1 << 16]);

    /** The file's SHA-256 in hex, or null when it cannot be read (the scan then reports it as usual). */
    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = CHECKSUM_BUFFER.get();
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            return null;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
