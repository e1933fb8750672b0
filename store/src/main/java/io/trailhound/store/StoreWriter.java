package io.trailhound.store;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.event.SourcePosition;
import io.trailhound.core.identity.CredentialAnswer;
import io.trailhound.core.identity.CredentialIdentity;
import io.trailhound.core.identity.Hop;
import io.trailhound.core.identity.Issuance;
import io.trailhound.core.identity.Origin;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * One run's writes, committed in batches as the run goes. The calling thread (the scan's, one at a
 * time) hands rows over: events to the event threads ({@link EventWriters}), which write them into
 * Parquet files, the other rows to two writer lanes ({@link WriterLane}) that take turns, one
 * appending a batch's rows to its private staging tables ({@link StagingTables}) while the other
 * moves the batch before into the store in one transaction ({@link BatchCommit}), with the batch's
 * event files, in batch order. So the caller reads on while a batch commits. A reader, or a store
 * left by a crash, sees whole batches only; ingest is idempotent by eventID.
 *
 * <p>With {@link #wholeInputs}, the rows of those inputs (their events, bad records and the alerts
 * on their events) are held until {@link #inputDone} and only then handed over, so a batch holds
 * whole inputs and an input in the ingest log has all of its rows in the store. Other inputs
 * (stdin: no ingest log, idempotent by eventID alone) are handed over as they come. An input past
 * {@link #MAX_HELD_ROWS} rows is handed over as it goes (memory stays bounded); it is logged when done.
 *
 * <p>Attribution is one row per credential: events and alerts refer to it, and before each batch
 * is handed over every stored credential waiting for an issuance or SwitchRole the batch brings is
 * worked out again ({@link #commitBatch(Function)}), so events stored earlier get the new answer
 * without being touched.
 */
public final class StoreWriter implements AutoCloseable {
    /** Rows (other than events) handed to the writer thread at a time. */
    private static final int CHUNK = 1024;
    /** Chunks waiting for the writer thread before the caller waits: memory stays bounded when DuckDB is slower. */
    private static final int QUEUED_CHUNKS = 16;
    /** Rows of one input held back for its end; past this it is handed over as it goes. */
    static final int MAX_HELD_ROWS = 200_000;

    /**
     * What the commits added. {@code eventsStaged - eventsAdded} were already in the store.
     * {@code attributionsAdded}: events added with their attribution (every event refers to its
     * credential's row); {@code credentialsAdded}: new credential rows; {@code credentialsReattributed}:
     * stored credentials whose answer this run's issuances changed; {@code alertsUpdated}: stored
     * alerts whose origin or confidence followed; {@code seconds}: the last commit, after reading
     * ended; {@code batches}: commits made.
     */
    public record Committed(long eventsStaged, long eventsAdded, long attributionsAdded, long issuancesWritten,
                            long switchRolesWritten, long quarantineAdded, long filesLogged, long alertsAdded,
                            long termsWritten, double seconds, long credentialsAdded, long credentialsReattributed,
                            long alertsUpdated, long batches) {
    }

    /** One row on its way to the staging tables; appended by the writer thread. */
    @FunctionalInterface
    private interface Row {
        void appendTo(StagingTables t) throws SQLException;
    }

    private final Connection readConnection;
    private final EventFiles files;
    private final WriterLane[] lanes;
    private int lane;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final EventWriters events;
    /**
     * The event files this run's batches listed (catalog paths): a later batch's eventIDs are not
     * looked for in them, since the scan drops a second copy of an eventID within a run before it
     * reaches the store (so the check's cost follows what the store held before the run, not the run's own size).
     */
    private final Set<String> filesOfThisRun = java.util.Collections.synchronizedSet(new HashSet<>());
    private final List<BatchCommit.Counts> counts = java.util.Collections.synchronizedList(new ArrayList<>());
    private List<Row> chunk = new ArrayList<>(CHUNK);
    private Future<?> inFlight;
    private java.util.function.Predicate<String> wholeInputs = source -> false;
    /** Rows of whole inputs held until the input is done: {@link Row}s and {@link EventWriters.Staged} events. */
    private final Map<String, List<Object>> held = new HashMap<>();
    private final Set<String> handedOverEarly = new HashSet<>();
    /** Inputs reported done: a row of theirs that comes later (an alert released at the end) goes straight on. */
    private final Set<String> inputsDone = new HashSet<>();
    /** The input of the last row {@link #hold} took, and where its rows go (null: handed over); {@code lastSource} null: none. */
    private String lastSource;
    private List<Object> lastHeld;
    /**
     * This batch's issuances, the last staged for each key, handed over when the batch is cut (they
     * are staged just before it): the commit then has one row per key already (sorting the staged
     * rows in DuckDB to find each key's last cost more than inserting them).
     */
    private final Map<String, Row> batchIssuances = new java.util.LinkedHashMap<>();
    private final Set<String> batchKeys = new HashSet<>();
    private final Set<String> batchSessions = new HashSet<>();
    private boolean checkpointAtEnd;
    private long eventsStaged;
    private long rowsInBatch;
    private boolean done;

    StoreWriter(Connection connection, EventFiles files) throws SQLException {
        this.readConnection = connection;
        this.files = files;
        // The second lane is made at the first cut that another batch follows (see nextLane): a run of one
        // batch (most runs under 491,520 events) never needs it, and making its connection and staging tables
        // was serial work before reading started.
        this.lanes = new WriterLane[] {new WriterLane(connection, QUEUED_CHUNKS, "trailhound-store-writer-0"), null};
        this.events = new EventWriters(files, EventWriters.threadsFor(Runtime.getRuntime().availableProcessors()), failure);
    }

    /** Holds the rows of each of these inputs (by name) until {@link #inputDone} (see the class comment). */
    public void wholeInputs(java.util.Collection<String> sources) {
        wholeInputs(new HashSet<>(sources)::contains);
    }

    /** As above, for inputs named as they are found: asked on the calling thread when an input's first row comes. */
    public void wholeInputs(java.util.function.Predicate<String> sources) {
        this.wholeInputs = sources;
        lastSource = null;
    }

    /**
     * The last batch ({@link #commit}) checkpoints the store as it commits: for a run the store is
     * closed after (a scan), whose close would otherwise copy the batch from DuckDB's log into the
     * file (measured: a 200,000-event run's last commit and close, 157 ms of CPU on their threads
     * down to 102, all of it after reading ended). Not for a
     * long-running host that commits a batch per run (watch): a checkpoint per run would rewrite the
     * changed tables each time.
     */
    public void checkpointAtEnd() {
        this.checkpointAtEnd = true;
    }

    /** The input {@code source} was read to its end: its held rows go to the batch being filled. */
    public void inputDone(String source) {
        lastSource = null;
        inputsDone.add(source);
        handedOverEarly.remove(source);
        List<Object> rows = held.remove(source);
        if (rows != null) {
            rows.forEach(this::handOverItem);
        }
    }

    /** The key an event is stored under: its eventID, or where it was read when it has none. */
    public static String idOf(CloudTrailEvent e) {
        if (e.eventID() != null) {
            return e.eventID();
        }
        SourcePosition p = e.position();
        return p == null ? "noid:" + e.eventTimeMillis() + ":" + e.eventName() : "noid:" + p.source() + "@" + p.byteOffset();
    }

    /** Stages an event with its raw bytes (as read by the scan; must be non-null), referring to its credential's row. */
    public void event(CloudTrailEvent e, String credentialId) {
        eventsStaged++;
        hold(e.position() == null ? null : e.position().source(), new EventWriters.Staged(e, credentialId));
    }

    /**
     * Stages a credential's row: what its events say of it and its answer now. The last staged for
     * one credential wins; a stored row that is no longer pending is never changed.
     */
    public void credential(String credentialId, CredentialIdentity c, CredentialAnswer answer, long firstSeenMillis, Instant now) {
        handOver(t -> t.credential(credentialId, c, answer, firstSeenMillis, now));
    }

    /** Stages a credential issuance (replaces the stored one with the same key). */
    public void issuance(Issuance i) {
        batchKeys.add(i.accessKeyId());
        if (i.sessionArn() != null) {
            batchSessions.add(i.sessionArn());
        }
        checkNotDone();
        rowsInBatch++;
        batchIssuances.put(i.accessKeyId(), t -> t.issuance(i));
    }

    /** Stages a console SwitchRole link: the session {@code sessionArn} started at {@code startMillis} came from {@code fromArn}. */
    public void switchRole(String sessionArn, long startMillis, String fromArn) {
        batchSessions.add(sessionArn);
        handOver(t -> t.switchRole(sessionArn, startMillis, fromArn));
    }

    /** Stages a quarantine entry as the scan keeps it. */
    public void quarantine(io.trailhound.core.ingest.BadRecord b, Instant at) {
        quarantine(b.reason().jsonName(), b.position().source(), b.position().byteOffset(), b.position().line(), b.detail(),
                b.content() == null ? null : b.truncated(),
                b.content() == null ? null : new String(b.content(), java.nio.charset.StandardCharsets.UTF_8), at);
    }

    public void quarantine(String reason, String source, long byteOffset, long line, String detail, Boolean truncated,
                           String record, Instant at) {
        add(source, t -> t.quarantine(reason, source, byteOffset, line, detail, truncated, record, at));
    }

    /** Stages an ingest-log row for a file read whole: its content checksum, path, size and counts. */
    public void ingested(String checksum, String path, long size, long records, long quarantined, Instant at) {
        handOver(t -> t.ingested(checksum, path, size, records, quarantined, at));
    }

    /**
     * Stages one alert. Its id (format, rule, event) makes a re-scan of the same logs add nothing;
     * a stateful rule's alert is keyed by the event that completed it.
     */
    public void alert(io.trailhound.core.alert.Alert a, Instant at) {
        alert(a, at, null);
    }

    /** As above, with the alert's JSON line as the host prints it (null: none), kept for the web UI. */
    public void alert(io.trailhound.core.alert.Alert a, Instant at, String json) {
        add(a.event().file(), t -> t.alert(a, at, json));
    }

    /** Stages the new-terms history of this run (merged with what was read from the store). */
    public void terms(io.trailhound.core.rules.engine.MemoryTermHistory history) {
        List<Object[]> all = new ArrayList<>();
        history.forEach((rule, term, first, last) -> all.add(new Object[] {rule, term, first, last}));
        for (Object[] r : all) {
            handOver(t -> t.term((String) r[0], (String) r[1], (Long) r[2], (Long) r[3]));
        }
    }

    /** Events staged so far. */
    public long eventsStaged() {
        return eventsStaged;
    }

    /** Rows handed over since the last batch was cut (events, credentials, alerts, ...). */
    public long rowsInBatch() {
        return rowsInBatch;
    }

    private void add(String source, Row r) {
        hold(source, r);
    }

    /** {@code r}: a {@link Row} or an {@link EventWriters.Staged} event. */
    private void hold(String source, Object r) {
        if (source != lastSource || source == null) {
            // Rows come in runs of one input: its way (held, or handed over) is looked up when the input changes.
            lastSource = source;
            lastHeld = source == null || !wholeInputs.test(source) || handedOverEarly.contains(source)
                    || inputsDone.contains(source) ? null : held.computeIfAbsent(source, k -> new ArrayList<>());
        }
        List<Object> rows = lastHeld;
        if (rows == null) {
            handOverItem(r);
            return;
        }
        rows.add(r);
        if (rows.size() > MAX_HELD_ROWS) {
            // Too large to hold whole: handed over as it goes (logged only when done, so a crash re-reads it).
            held.remove(source);
            handedOverEarly.add(source);
            lastHeld = null;
            rows.forEach(this::handOverItem);
        }
    }

    private void handOver(Row r) {
        handOverItem(r);
    }

    /** {@code r}: a {@link Row} or an {@link EventWriters.Staged} event. */
    private void handOverItem(Object r) {
        checkNotDone();
        rowsInBatch++;
        if (r instanceof EventWriters.Staged event) {
            checkFailure();
            events.add(event);
            return;
        }
        chunk.add((Row) r);
        if (chunk.size() == CHUNK) {
            flushChunk();
        }
    }

    private void flushChunk() {
        checkFailure();
        if (chunk.isEmpty()) {
            return;
        }
        List<Row> rows = chunk;
        chunk = new ArrayList<>(CHUNK);
        StagingTables staging = lanes[lane].staging;
        lanes[lane].execute(() -> {
            if (failure.get() != null) {
                return;
            }
            try {
                for (Row r : rows) {
                    r.appendTo(staging);
                }
            } catch (SQLException | RuntimeException e) {
                failure.compareAndSet(null, e);
            }
        });
    }

    private void checkNotDone() {
        if (done) {
            throw new IllegalStateException("the store writer is done");
        }
    }

    /** Hands over this batch's issuances, one per key (see {@link #batchIssuances}). */
    private void handOverLatest() {
        for (Row r : batchIssuances.values()) {
            chunk.add(r);
            if (chunk.size() == CHUNK) {
                flushChunk();
            }
        }
        batchIssuances.clear();
    }

    private void checkFailure() {
        Throwable f = failure.get();
        if (f != null) {
            throw f instanceof StoreException se ? se : new StoreException("cannot write into the store: " + f.getMessage(), f);
        }
    }

    /** Moves everything staged into the store in batches, without working out stored credentials again; the writer is done. */
    public Committed commit() {
        return commit(null);
    }

    /**
     * Cuts a batch: what was handed over so far goes into the store in one transaction, on its
     * lane, after the batch before committed, while the caller goes on with the next batch on the
     * other lane. With {@code resolve} (the run's ledger, which holds every stored issuance and this
     * run's), every stored credential still pending on a key or session this batch brings an
     * issuance or SwitchRole for is worked out again first (this run's own credentials the
     * attribution stage follows itself); changed answers update their row (and {@code exactAt}
     * when they became exact) and the alerts made with them, in the same transaction.
     */
    public void commitBatch(Function<CredentialIdentity, CredentialAnswer> resolve) {
        commitBatch(resolve, false);
    }

    /** {@code last}: no batch follows, so the lane's staging tables are not made again. */
    private void commitBatch(Function<CredentialIdentity, CredentialAnswer> resolve, boolean last) {
        if (done) {
            throw new IllegalStateException("the store writer is done");
        }
        checkFailure();
        if (resolve != null && (!batchKeys.isEmpty() || !batchSessions.isEmpty())) {
            try {
                reattribute(resolve);
            } catch (SQLException x) {
                throw fail("work out stored credentials again", x);
            }
        }
        batchKeys.clear();
        batchSessions.clear();
        handOverLatest();
        flushChunk();
        EventWriters.Cut eventFiles = events.cut();
        rowsInBatch = 0;
        WriterLane l = lanes[lane];
        Future<?> before = inFlight;
        long queued = StoreTiming.start();
        FutureTask<Void> cut = new FutureTask<>(() -> {
            StoreTiming.since("batch: rows appended before the cut", queued);
            try {
                long t = StoreTiming.start();
                l.staging.flush();
                StoreTiming.since("batch: flush staging appenders", t);
                t = StoreTiming.start();
                if (before != null) {
                    before.get(); // batches commit in order
                }
                StoreTiming.since("batch: wait for batch before", t);
                if (failure.get() == null) {
                    counts.add(BatchCommit.run(l.connection, files, () -> eventFilesOf(eventFiles), filesOfThisRun,
                            last && checkpointAtEnd));
                } else {
                    EventFiles.deleteQuietly(paths(eventFiles.files()));
                }
                if (!last) {
                    l.staging.open();
                }
                StoreTiming.since("batch: whole cut task", queued);
            } catch (SQLException | RuntimeException | ExecutionException e) {
                failure.compareAndSet(null, e instanceof ExecutionException ? e.getCause() : e);
            } catch (InterruptedException e) {
                failure.compareAndSet(null, new StoreException("interrupted while a batch was cut", e));
                Thread.currentThread().interrupt();
            }
            return null;
        });
        l.execute(cut);
        inFlight = cut;
        if (!last) {
            nextLane();
        }
    }

    /**
     * The batch's event files once the event threads completed them; when a thread (or anything
     * else) failed meanwhile, they are deleted and the batch fails.
     */
    private List<io.trailhound.core.output.parquet.PartitionedEventsWriter.WrittenFile> eventFilesOf(EventWriters.Cut cut) {
        List<io.trailhound.core.output.parquet.PartitionedEventsWriter.WrittenFile> batchFiles;
        try {
            batchFiles = cut.files();
        } catch (ExecutionException e) {
            throw new StoreException("cannot write the batch's events: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for the batch's events", e);
        }
        Throwable f = failure.get();
        if (f != null) {
            EventFiles.deleteQuietly(paths(batchFiles));
            throw f instanceof StoreException se ? se : new StoreException("cannot write into the store: " + f.getMessage(), f);
        }
        return batchFiles;
    }

    /** Turns to the other lane for the next batch, making it the first time. */
    private void nextLane() {
        lane ^= 1;
        if (lanes[lane] == null) {
            try {
                lanes[lane] = new WriterLane(readConnection, QUEUED_CHUNKS, "trailhound-store-writer-" + lane);
            } catch (SQLException x) {
                throw fail("prepare the next batch's staging tables", x);
            }
        }
    }

    /**
     * The last batch: every held row (an input not reported done ended with the run) and what was
     * handed over since the last cut go into the store; returns what all the batches added. The
     * writer is done afterwards.
     */
    public Committed commit(Function<CredentialIdentity, CredentialAnswer> resolve) {
        long start = System.nanoTime();
        for (String source : new ArrayList<>(held.keySet())) {
            inputDone(source);
        }
        long t = StoreTiming.start();
        commitBatch(resolve, true);
        StoreTiming.since("last: cut (reattribute, hand over)", t);
        t = StoreTiming.start();
        awaitInFlight();
        StoreTiming.since("last: await last batch", t);
        done = true;
        events.finish();
        for (WriterLane l : made()) {
            l.finish();
        }
        closeLanes();
        checkFailure();
        long ev = 0, cr = 0, re = 0, is = 0, sw = 0, q = 0, log = 0, al = 0, au = 0, nt = 0;
        for (BatchCommit.Counts c : counts) {
            ev += c.eventsAdded();
            cr += c.credentialsAdded();
            re += c.reattributed();
            is += c.issuances();
            sw += c.switchRoles();
            q += c.quarantine();
            log += c.filesLogged();
            al += c.alertsAdded();
            au += c.alertsUpdated();
            nt += c.terms();
        }
        return new Committed(eventsStaged, ev, ev, is, sw, q, log, al, nt, (System.nanoTime() - start) / 1e9, cr, re, au,
                counts.size());
    }

    private static List<java.nio.file.Path> paths(List<io.trailhound.core.output.parquet.PartitionedEventsWriter.WrittenFile> fs) {
        List<java.nio.file.Path> out = new ArrayList<>(fs.size());
        fs.forEach(f -> out.add(f.path()));
        return out;
    }

    /** Batches committed so far. */
    public int batchesCommitted() {
        return counts.size();
    }

    private void awaitInFlight() {
        if (inFlight != null) {
            try {
                inFlight.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException("interrupted while waiting for a batch to commit", e);
            } catch (ExecutionException e) {
                failure.compareAndSet(null, e.getCause());
            }
            inFlight = null;
        }
        checkFailure();
    }

    /** Works out again the stored credentials waiting for what this batch brings; hands over those whose answer changed. */
    private void reattribute(Function<CredentialIdentity, CredentialAnswer> resolve) throws SQLException {
        try (Statement s = readConnection.createStatement()) {
            // A store with no credential waiting (a new one, or one whose every answer settled) has nothing to
            // work out again: a look at two columns instead of staging this batch's keys and sessions (thousands).
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM credentials WHERE pending AND reattributable LIMIT 1")) {
                if (!rs.next()) {
                    return;
                }
            }
            s.execute("CREATE OR REPLACE TEMP TABLE batch_waits (k VARCHAR, session BOOLEAN)");
            try (DuckDBAppender a = readConnection.unwrap(DuckDBConnection.class).createAppender("temp", "main", "batch_waits")) {
                for (String k : batchKeys) {
                    a.beginRow().append(k).append(false).endRow();
                }
                for (String k : batchSessions) {
                    a.beginRow().append(k).append(true).endRow();
                }
            }
            Instant now = Instant.now();
            try (ResultSet rs = s.executeQuery("SELECT * FROM credentials c WHERE c.pending AND c.reattributable AND ("
                    + "c.waitKey IN (SELECT k FROM batch_waits WHERE NOT session) OR "
                    + "c.waitSession IN (SELECT k FROM batch_waits WHERE session))")) {
                while (rs.next()) {
                    CredentialIdentity c = new CredentialIdentity(rs.getString("identityType"), rs.getString("identityArn"),
                            rs.getString("principalId"), rs.getString("identityAccountId"), rs.getString("accessKeyId"),
                            rs.getString("userName"), rs.getString("invokedBy"), rs.getString("identityProvider"),
                            rs.getString("sessionCreationDate"), rs.getString("sourceIdentity"), rs.getString("ec2RoleDelivery"),
                            rs.getBoolean("assumedRoot"), rs.getString("sessionIssuerArn"), rs.getString("sessionIssuerName"),
                            rs.getString("onBehalfOfUserId"), rs.getString("onBehalfOfIdentityStoreArn"), rs.getString("eventSource"),
                            rs.getString("recipientAccountId"));
                    CredentialAnswer a = resolve.apply(c);
                    Origin o = a.attribution().origin();
                    boolean same = a.attribution().confidence().jsonName().equals(rs.getString("confidence"))
                            && java.util.Objects.equals(o == null ? null : o.label(), rs.getString("originLabel"))
                            && java.util.Objects.equals(a.attribution().reason(), rs.getString("reason"))
                            && chainJson(a.attribution().chain()).equals(rs.getString("chain")) && a.pending() == rs.getBoolean("pending");
                    if (!same) {
                        String id = rs.getString("credentialId");
                        long firstSeen = rs.getTimestamp("firstSeen").getTime();
                        handOver(t -> t.reattributed(id, c, a, firstSeen, now));
                    }
                }
            }
            s.execute("DROP TABLE IF EXISTS temp.main.batch_waits");
        }
    }

    /** Discards what was handed over and not committed (batches committed stay). */
    @Override
    public void close() {
        if (done) {
            return;
        }
        done = true;
        for (WriterLane l : made()) {
            l.abandon(); // first: a lane waiting for the event threads' files is interrupted
        }
        events.abandon();
        closeLanes();
    }

    /** The lanes made so far. */
    private List<WriterLane> made() {
        List<WriterLane> out = new ArrayList<>(2);
        for (WriterLane l : lanes) {
            if (l != null) {
                out.add(l);
            }
        }
        return out;
    }

    private void closeLanes() {
        for (WriterLane l : made()) {
            try {
                l.close();
            } catch (SQLException ignored) {
                // the staging tables are private to the connection and go with it
            }
        }
    }

    static String chainJson(List<Hop> chain) {
        return io.trailhound.core.output.AttributionJson.chain(chain);
    }

    static String stringsJson(List<String> values) {
        return io.trailhound.core.output.AttributionJson.strings(values);
    }

    private static StoreException fail(String what, SQLException x) {
        return new StoreException("cannot " + what + ": " + x.getMessage(), x);
    }
}
