package io.trailhound.store;

import io.trailhound.core.identity.Caller;
import io.trailhound.core.identity.CredentialLedger;
import io.trailhound.core.identity.Issuance;
import io.trailhound.core.identity.IssuanceKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The embedded store: one DuckDB file (or {@code :memory:}) holding events with their raw
 * records, their attributions, the credential ledger (issuances and console SwitchRole links),
 * alerts, the ingest log and the quarantine. Opened read-write it is migrated to the current
 * schema, and, for a file, answers readers on a socket beside it while it is open
 * ({@link ReaderServer}: DuckDB lets no other process open a file a writer holds); opened
 * read-only (for queries, when no writer holds it) nothing can write to it. Either way SQL
 * fragments given by the user cannot reach files outside it.
 */
public final class EventStore implements AutoCloseable {
    public static final String MEMORY = ":memory:";
    /** Issuances and SwitchRole links are kept at least this long past their expiry, the longest a session lasts. */
    public static final Duration LEDGER_GRACE = Duration.ofHours(36);


    private final DuckDb db;
    private final String location;
    private final boolean readOnly;
    /** The events' Parquet files and their catalog; for an in-memory store, in a temporary folder deleted at close. */
    private final EventFiles files;
    /** Answers readers while this process holds the file for writing; null for read-only and in-memory stores. */
    private ReaderServer readers;

    private EventStore(DuckDb db, String location, boolean readOnly, EventFiles files) {
        this.db = db;
        this.location = location;
        this.readOnly = readOnly;
        this.files = files;
    }

    /**
     * DuckDB memory for a writing run on a file store: two batches' credentials, alerts and ingest
     * log staged (one filling, one committing); the events go to Parquet files, not through DuckDB.
     */
    static final String WRITE_MEMORY_LIMIT = "256MB";
    /** DuckDB memory for a read-only store: an export's join or partitioned write spills past it. */
    static final String READ_MEMORY_LIMIT = "1GB";
    /** Compression methods the store's checkpoints do not use (see where it is set). */
    static final String NOT_COMPRESSED_WITH = "fsst";
    /** Log size at which a writing run checkpoints (see where it is set). */
    static final String CHECKPOINT_THRESHOLD = "1GB";

    /** {@code ~/.trailhound/trailhound.duckdb}. */
    public static Path defaultPath() {
        return Path.of(System.getProperty("user.home"), ".trailhound", "trailhound.duckdb");
    }

    /**
     * Opens the store at {@code location}: a file path, or {@code :memory:}. Read-write makes the
     * file when absent and migrates it; read-only needs an existing file at the current schema.
     */
    public static EventStore open(String location, boolean readOnly) {
        return open(location, readOnly, Duration.ZERO);
    }

    /**
     * As {@link #open(String, boolean)}; when another process holds the file (DuckDB lets one
     * process open it for writing), tries again for up to {@code waitForLock} before failing with
     * the lock's message (which names the holder).
     */
    public static EventStore open(String location, boolean readOnly, Duration waitForLock) {
        long deadline = System.nanoTime() + waitForLock.toNanos();
        while (true) {
            try {
                return openOnce(location, readOnly, null);
            } catch (StoreException e) {
                if (!heldByAnother(e) || System.nanoTime() >= deadline) {
                    throw e;
                }
            }
            try {
                Thread.sleep(Math.max(1, Math.min(250, (deadline - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new StoreException("interrupted while waiting for the lock on the store " + location, ie);
            }
        }
    }

    /** True when opening failed because another process holds the file's lock (DuckDB's "Could not set lock"). */
    static boolean heldByAnother(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("Could not set lock")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Opens an existing store read-only, as {@link #open}, for an export that DuckDB writes into
     * {@code dir} ({@link #exportParquet}): that directory is the one place outside the store the
     * connection may touch; user SQL still reads nothing else.
     */
    public static EventStore openForExport(String location, Path dir) {
        if (MEMORY.equals(location)) {
            throw new StoreException("an in-memory store has nothing to export");
        }
        return openOnce(location, true, dir.toAbsolutePath().normalize());
    }

    private static EventStore openOnce(String location, boolean readOnly, Path exportDir) {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        if (MEMORY.equals(location)) {
            Path dir = null;
            try {
                dir = Files.createTempDirectory("trailhound-memory-events");
                EventFiles files = new EventFiles(dir);
                DuckDb db = DuckDb.inMemory(threads);
                StoreSchema.migrate(db.connection(), location, files);
                return new EventStore(db, location, false, files);
            } catch (SQLException | IOException e) {
                deleteTreeQuietly(dir);
                throw new StoreException("cannot make an in-memory store: " + e.getMessage(), e);
            }
        }
        Path file = Path.of(location);
        if (readOnly && !Files.isRegularFile(file)) {
            throw new StoreException("no store at " + file + " (a 'trailhound scan --db " + file + " PATH...' makes one)");
        }
        DuckDb db;
        StoreTiming.processCpu("before open");
        try {
            long t = StoreTiming.start();
            if (!readOnly && !Files.exists(file)) {
                NewStoreFile.make(file);
                StoreTiming.since("open: make a new store file", t);
                t = StoreTiming.start();
            }
            db = DuckDb.open(file, threads, readOnly);
            StoreTiming.since("open: DuckDB", t);
        } catch (IOException e) {
            throw new StoreException("cannot make the store " + file + ": " + e.getMessage(), e);
        } catch (SQLException e) {
            throw new StoreException("cannot open the store " + file + ": " + e.getMessage(), e);
        }
        EventFiles files = new EventFiles(EventFiles.beside(file));
        try {
            if (readOnly) {
                int v = StoreSchema.version(db.connection());
                StoreSchema.checkNotNewer(v, location);
                if (!StoreSchema.upToDate(db.connection())) {
                    throw new StoreException("the store " + file + " has schema version " + v + ", older than this build's "
                            + StoreSchema.CURRENT + "; a 'trailhound prune' or 'scan --db' on it upgrades it");
                }
                // User SQL (search --where) runs here: no files outside the store, no extension fetched
                // from the network or loaded from disk (DuckDB would install one on its own when the SQL
                // names one of its functions, e.g. read_xlsx), and no changing that back.
                // Exports stream any number of rows: DuckDB's default (80% of RAM) would let a join or a
                // partitioned write hold them; past this it spills to its temporary directory.
                db.execute("SET memory_limit = '" + READ_MEMORY_LIMIT + "'");
                // Nothing a query returns depends on the order rows were inserted in (search sorts; exports
                // do not promise an order), and keeping it costs a COPY memory for every partition.
                db.execute("SET preserve_insertion_order = false");
                // A partitioned COPY holds rows per partition until this many: lower, so raw records fit the limit.
                db.execute("SET partitioned_write_flush_threshold = 20000");
                // The events' files are the one place outside the file queries read (and an export's directory).
                if (exportDir != null) {
                    db.execute("SET allowed_directories = [" + DuckDb.literal(files.allowedPrefix()) + ", "
                            + DuckDb.literal(exportDir + "/") + "]");
                    db.execute("SET allowed_paths = [" + DuckDb.literal(exportDir.toString()) + "]"); // the directory itself
                } else {
                    db.execute("SET allowed_directories = [" + DuckDb.literal(files.allowedPrefix()) + "]");
                }
                db.execute("SET enable_external_access = false");
                db.execute("SET autoinstall_known_extensions = false");
                db.execute("SET autoload_known_extensions = false");
                db.execute("SET lock_configuration = true");
            } else {
                // Two batches are staged at a time (one filling, one committing); DuckDB's default limit
                // (80% of RAM) would let them grow with the machine. Past this it spills to <store>.tmp/.
                db.execute("SET memory_limit = '" + WRITE_MEMORY_LIMIT + "'");
                // A batch's full row groups go into the file compressed as it is inserted (the log only points
                // at them); a checkpoint at every commit (DuckDB's default past 16 MB of log) rewrote them
                // again and cost more than the inserts (measured: 1M events 85 s against 28 s). The log stays
                // small; DuckDB checkpoints when the store is closed, or past this much log.
                db.execute("SET checkpoint_threshold = '" + CHECKPOINT_THRESHOLD + "'");
                // The checkpoint (at close, and past the threshold) compresses what the run committed, and
                // choosing FSST for the string columns was most of it: without it, 100 ms of CPU instead of
                // 230 for a 200,000-event run's credentials, issuances and ingest log, for a file 40% larger
                // (12.6 MB instead of 8.9, beside 30 MB of event files). Readers read either.
                db.execute("SET disabled_compression_methods = '" + NOT_COMPRESSED_WITH + "'");
                long t = StoreTiming.start();
                StoreSchema.migrate(db.connection(), location, files);
                files.relink(db.connection());
                try (Statement s = db.connection().createStatement()) {
                    // What a batch wrote before it was killed (no committed row lists it) goes now.
                    files.removeUnlisted(s);
                }
                StoreTiming.since("open: migrate, relink, remove unlisted files", t);
                // Readers' SQL runs in this database too: no files outside it and its events' folder, no extensions.
                db.execute("SET allowed_directories = [" + DuckDb.literal(files.allowedPrefix()) + "]");
                db.execute("SET enable_external_access = false");
                db.execute("SET autoinstall_known_extensions = false");
                db.execute("SET autoload_known_extensions = false");
            }
            EventStore store = new EventStore(db, file.toString(), readOnly, files);
            if (!readOnly) {
                try {
                    long t = StoreTiming.start();
                    store.readers = ReaderServer.start(file, db.connection());
                    StoreTiming.since("open: readers' socket", t);
                } catch (IOException | UnsupportedOperationException e) {
                    // No socket here (a file system without Unix sockets or POSIX permissions): readers wait for the lock.
                }
            }
            return store;
        } catch (SQLException | RuntimeException e) {
            try {
                db.close();
            } catch (SQLException ignored) {
                // already failing
            }
            if (e instanceof StoreException se) {
                throw se;
            }
            throw new StoreException("cannot open the store " + file + ": " + e.getMessage(), e);
        }
    }

    public String location() {
        return location;
    }

    public boolean readOnly() {
        return readOnly;
    }

    public int schemaVersion() {
        try {
            return StoreSchema.version(db.connection());
        } catch (SQLException e) {
            throw fail("read the schema version", e);
        }
    }

    /** The underlying database, for what this class has no method for. */
    public DuckDb db() {
        return db;
    }

    /** Starts a run's writes (see {@link StoreWriter}). */
    public StoreWriter writer() {
        if (readOnly) {
            throw new StoreException("the store " + location + " is open read-only");
        }
        try {
            return new StoreWriter(db.connection(), files);
        } catch (SQLException e) {
            throw fail("prepare the run's staging tables", e);
        }
    }

    /** The tables {@link #counts} counts; {@code attributions}: events whose credential has its row. */
    static final List<String> COUNTED = List.of("events", "attributions", "credentials", "issuances", "switch_roles", "alerts",
            "new_terms", "ingest_log", "quarantine");

    /** Rows per table ({@link #COUNTED}). */
    public Map<String, Long> counts() {
        return queries().counts();
    }

    /** The events in the store (what {@link #counts} gives as {@code events}, without counting the other tables). */
    public long eventCount() {
        return queries().eventCount();
    }

    // ---------------------------------------------------------------- credential ledger

    /** What {@link #seed} loaded: the issuance objects as put in the ledger (by identity), and the SwitchRole links. */
    public record Seeded(Set<Issuance> issuances, long switchRoles) {
    }

    /** The new-terms history earlier runs stored, for stateful rules to go on from. */
    public io.trailhound.core.rules.engine.MemoryTermHistory termHistory() {
        io.trailhound.core.rules.engine.MemoryTermHistory h = new io.trailhound.core.rules.engine.MemoryTermHistory();
        try (Statement s = db.connection().createStatement();
             ResultSet rs = s.executeQuery("SELECT ruleId, term, firstSeenMillis, lastSeenMillis FROM new_terms")) {
            while (rs.next()) {
                h.seed(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4));
            }
        } catch (SQLException e) {
            throw fail("read the new-terms history", e);
        }
        return h;
    }

    /** Loads every stored issuance and SwitchRole link into {@code ledger}, so a run attributes with what earlier runs read. */
    public Seeded seed(CredentialLedger ledger) {
        Set<Issuance> loaded = Collections.newSetFromMap(new IdentityHashMap<>());
        long switches = 0;
        try (Statement s = db.connection().createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT * FROM issuances")) {
                while (rs.next()) {
                    Boolean mfa = rs.getBoolean("mfa");
                    if (rs.wasNull()) {
                        mfa = null;
                    }
                    Caller caller = new Caller(rs.getString("callerType"), rs.getString("callerArn"),
                            rs.getString("callerPrincipalId"), rs.getString("callerAccountId"),
                            rs.getString("callerAccessKeyId"), rs.getString("callerUserName"), rs.getString("callerInvokedBy"),
                            rs.getString("callerSourceIdentity"), rs.getString("callerIdentityProvider"),
                            rs.getString("callerSessionCreationDate"), rs.getBoolean("callerConsoleSession"));
                    Issuance i = new Issuance(IssuanceKind.valueOf(rs.getString("kind")), rs.getString("accessKeyId"), caller,
                            rs.getString("roleArn"), rs.getString("sessionArn"), rs.getString("sessionName"),
                            rs.getString("sourceIdentity"), rs.getString("subject"), rs.getString("provider"), mfa,
                            rs.getLong("issuedAtMillis"), rs.getLong("expiresAtMillis"), rs.getString("targetAccount"),
                            rs.getString("recordAccount"), rs.getString("eventID"), rs.getString("sharedEventID"),
                            rs.getString("requestID"));
                    ledger.record(i);
                    loaded.add(i);
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT sessionArn, startMillis, fromArn FROM switch_roles")) {
                while (rs.next()) {
                    ledger.recordSwitch(rs.getString(1), rs.getLong(2), rs.getString(3));
                    switches++;
                }
            }
        } catch (SQLException e) {
            throw fail("read the credential ledger", e);
        }
        return new Seeded(loaded, switches);
    }

    /** The checksums of every file content already ingested. */
    public Set<String> ingestedChecksums() {
        Set<String> out = new HashSet<>();
        try (Statement s = db.connection().createStatement(); ResultSet rs = s.executeQuery("SELECT checksum FROM ingest_log")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw fail("read the ingest log", e);
        }
        return out;
    }

    // ---------------------------------------------------------------- webhook

    /** An alert a webhook did not take: its id, where it was to go, the JSON sent, tries made, the last failure. */
    public record Undelivered(String alertId, String destination, String payload, int attempts, String lastError) {
    }

    /** Keeps alerts a webhook could not deliver (table {@code webhook_undelivered}), in one transaction. */
    public void keepUndelivered(List<Undelivered> alerts, Instant at) {
        if (readOnly) {
            throw new StoreException("the store " + location + " is open read-only");
        }
        if (alerts.isEmpty()) {
            return;
        }
        Connection c = db.connection();
        try {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO webhook_undelivered VALUES (?, ?, ?, ?, ?, make_timestamp(?::BIGINT))")) {
                for (Undelivered u : alerts) {
                    ps.setString(1, u.alertId());
                    ps.setString(2, u.destination());
                    ps.setString(3, u.payload());
                    ps.setInt(4, u.attempts());
                    ps.setString(5, u.lastError());
                    ps.setLong(6, at.toEpochMilli() * 1000);
                    ps.addBatch();
                }
                ps.executeBatch();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw fail("keep undelivered alerts", e);
        }
    }

    // ---------------------------------------------------------------- retention

    /** What a prune removed, and the cut-off: events before it went. */
    public record Pruned(Instant cutoff, Instant ledgerCutoff, long events, long attributions, long quarantine, long alerts,
                         long issuances, long switchRoles, long credentials) {
    }

    /**
     * Deletes, in one transaction, events and alerts older than {@code retention} (their
     * attributions go with them: {@code attributions} counts them; the credential rows no event or
     * alert refers to any more go too: {@code credentials})
     * before {@code now} by event time, quarantine entries by when they were kept, and issuances
     * and SwitchRole links that expired before the cut-off and more than {@link #LEDGER_GRACE}
     * ago (an issuance without an expiry counts as expiring {@link #LEDGER_GRACE} after issue; a
     * SwitchRole session likewise), and new-terms history last seen before the cut-off. The ingest
     * log is kept, so a pruned file is not read again.
     */
    public Pruned prune(Duration retention, Instant now) {
        if (readOnly) {
            throw new StoreException("the store " + location + " is open read-only");
        }
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be positive, not " + retention);
        }
        Instant cutoff = now.minus(retention);
        Instant graceCut = now.minus(LEDGER_GRACE);
        Instant ledgerCutoff = cutoff.isBefore(graceCut) ? cutoff : graceCut;
        long cutMicros = cutoff.toEpochMilli() * 1000;
        long ledgerMillis = ledgerCutoff.toEpochMilli();
        long grace = LEDGER_GRACE.toMillis();
        Connection c = db.connection();
        List<Path> unlisted = new ArrayList<>();
        List<Path> made = new ArrayList<>();
        try {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                String ts = "make_timestamp(" + cutMicros + "::BIGINT)";
                // Attributions: the deleted events' (one each, through their credential's row).
                long at;
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM events e JOIN credentials c "
                        + "ON c.credentialId = e.credentialId WHERE e.eventTime < " + ts)) {
                    rs.next();
                    at = rs.getLong(1);
                }
                long ev = new EventFilesPrune(files, s).before(ts, unlisted, made);
                long q = s.executeUpdate("DELETE FROM quarantine WHERE quarantinedAt < " + ts);
                long al = s.executeUpdate("DELETE FROM alerts WHERE time < " + ts);
                s.executeUpdate("DELETE FROM webhook_undelivered WHERE keptAt < " + ts);
                // A credential goes with the last event and alert that refer to it.
                long cr = s.executeUpdate("DELETE FROM credentials c WHERE NOT EXISTS (SELECT 1 FROM events e "
                        + "WHERE e.credentialId = c.credentialId) AND NOT EXISTS (SELECT 1 FROM alerts a "
                        + "WHERE a.credentialId = c.credentialId)");
                long is = s.executeUpdate("DELETE FROM issuances WHERE (CASE WHEN expiresAtMillis = " + Long.MAX_VALUE
                        + " THEN issuedAtMillis + " + grace + " ELSE expiresAtMillis END) < " + ledgerMillis);
                long sw = s.executeUpdate("DELETE FROM switch_roles WHERE startMillis + " + grace + " < " + ledgerMillis);
                // New-terms history last seen before the cut-off: the events it stood for are gone too.
                s.executeUpdate("DELETE FROM new_terms WHERE lastSeenMillis < " + cutoff.toEpochMilli());
                c.commit();
                EventFiles.deleteQuietly(unlisted);
                return new Pruned(cutoff, ledgerCutoff, ev, at, q, al, is, sw, cr);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                EventFiles.deleteQuietly(made);
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw fail("prune", e);
        }
    }

    // ---------------------------------------------------------------- queries

    /** Queries on this store's own connection (see {@link StoreQueries}). */
    public StoreQueries queries() {
        return new StoreQueries(new LocalReader(db.connection(), location, null));
    }

    /** See {@link StoreQueries#who}. */
    public Optional<WhoAnswer> who(String query) {
        return queries().who(query);
    }

    /** See {@link StoreQueries#timeline}. */
    public long timeline(String origin, Instant from, Instant to, Long limit, Consumer<StoredEvent> out) {
        return queries().timeline(origin, from, to, limit, out);
    }

    /** See {@link StoreQueries#search}. */
    public long search(SearchFilter f, Consumer<StoredEvent> out) {
        return queries().search(f, out);
    }

    /** One row of a query, read from the result set positioned on it. */
    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    /** Runs {@code sql} (checked to be one SELECT when {@code f} has user SQL) row by row; returns the rows read. */
    private long query(String sql, SearchFilter f, List<Object> args, RowReader row) {
        checkUserSql(sql, f);
        try (PreparedStatement ps = db.connection().prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            long n = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    row.read(rs);
                    n++;
                }
            }
            return n;
        } catch (SQLException e) {
            throw new StoreException("the search failed: " + e.getMessage(), e);
        }
    }

    private void checkUserSql(String sql, SearchFilter f) {
        if (f.where() != null && !f.where().isBlank()) {
            try {
                SingleSelect.check(db.connection(), sql);
            } catch (SQLException e) {
                throw new StoreException("the search failed: " + e.getMessage(), e);
            }
        }
    }

    // ---------------------------------------------------------------- exports

    /**
     * A stored event for an export: the event (its {@code raw} left null), its record as the UTF-8
     * bytes it is stored as, and its chain (nearest hop first). The record travels as bytes because
     * an export decodes it again: a String would be decoded from UTF-8 and encoded back per event.
     */
    public record ExportedEvent(StoredEvent event, byte[] raw, List<WhoAnswer.ChainHop> chain) {
        /** The record as text. */
        public String rawJson() {
            return raw == null ? null : new String(raw, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /**
     * The events that match {@code f} (its limit included), with raw records and chains, streamed
     * row by row in the store's order (not sorted: sorting would hold the whole selection), to
     * {@code out}; returns how many.
     */
    public long exportEvents(SearchFilter f, Consumer<ExportedEvent> out) {
        List<Object> args = new ArrayList<>();
        // encode(): the record as a BLOB of its UTF-8 bytes (a cast to BLOB would read backslash escapes).
        StringBuilder sql = new StringBuilder("SELECT ").append(StoreQueries.EVENT_COLUMNS).append(", encode(raw), chain FROM event_view WHERE ")
                .append(StoreQueries.conditions(f, args));
        if (f.limit() != null) {
            sql.append(" LIMIT ").append(Math.max(0, f.limit()));
        }
        return query(sql.toString(), f, args, rs -> out.accept(new ExportedEvent(eventByIndex(rs),
                rs.getBytes(EVENT_COLUMN_COUNT + 1), StoreQueries.hops(rs.getString(EVENT_COLUMN_COUNT + 2)))));
    }

    private static final int EVENT_COLUMN_COUNT = StoreQueries.EVENT_COLUMNS.split(",").length;

    /**
     * {@link #event} for the export's million rows: the columns by position ({@link #EVENT_COLUMNS}'
     * order), as looking each name up per row is a measurable share of the export; no raw.
     */
    private static StoredEvent eventByIndex(ResultSet rs) throws SQLException {
        return new StoredEvent(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                rs.getString(11), rs.getString(12), rs.getString(13), rs.getString(14), rs.getString(15), rs.getString(16),
                rs.getString(17), rs.getString(18), rs.getString(19), rs.getString(20), null);
    }

    /**
     * The stored alerts whose events match {@code f} (all alerts when {@code f} filters nothing),
     * with their event's region, source, principal and origin chain from {@code event_view},
     * streamed to {@code out}; returns how many.
     */
    public long exportAlerts(SearchFilter f, Consumer<StoredAlert> out) {
        List<Object> args = new ArrayList<>();
        String cond = StoreQueries.conditions(f, args);
        StringBuilder sql = new StringBuilder("SELECT al.id, al.eventID, epoch_ms(al.time) AS timeMillis, al.ruleId, "
                + "al.ruleName, al.format, al.severity, al.priority, al.output, al.eventName, al.recipientAccountId, "
                + "ev.eventSource, ev.awsRegion, ev.sourceIPAddress, ev.identityType, ev.identityArn, "
                + "coalesce(ev.originType, al.originType) AS originType, ev.originArn, ev.originName, ev.originProvider, "
                + "ev.originAccount, coalesce(ev.confidence, al.confidence) AS confidence, ev.reason, ev.chain, "
                + "al.originLabel FROM alert_view al LEFT JOIN event_view ev ON ev.eventID = al.eventID");
        if (!cond.equals("true")) {
            sql.append(" WHERE al.eventID IN (SELECT eventID FROM event_view WHERE ").append(cond).append(")");
        }
        if (f.limit() != null) {
            sql.append(" LIMIT ").append(Math.max(0, f.limit()));
        }
        return query(sql.toString(), f, args, rs -> out.accept(new StoredAlert(rs.getString("id"), rs.getString("eventID"),
                rs.getLong("timeMillis"), rs.getString("ruleId"), rs.getString("ruleName"), rs.getString("format"),
                rs.getString("severity"), rs.getString("priority"), rs.getString("output"), rs.getString("eventName"),
                rs.getString("eventSource"), rs.getString("awsRegion"), rs.getString("recipientAccountId"),
                rs.getString("sourceIPAddress"), rs.getString("identityType"), rs.getString("identityArn"),
                rs.getString("originType"), rs.getString("originArn"), rs.getString("originName"),
                rs.getString("originProvider"), rs.getString("originAccount"), rs.getString("confidence"),
                rs.getString("reason"), StoreQueries.hops(rs.getString("chain")), rs.getString("originLabel"))));
    }

    /**
     * Writes the events that match {@code f} as Parquet under {@code dir}, hive-partitioned
     * {@code account=ID/region=NAME/date=YYYY-MM-DD/} ({@link #PARQUET_COLUMNS}), by DuckDB's own
     * writer. The store must have been opened with {@link #openForExport} naming {@code dir}: that
     * is the only place outside the store the connection may write. Returns the rows written.
     */
    public long exportParquet(SearchFilter f, Path dir) {
        List<Object> args = new ArrayList<>();
        StringBuilder select = new StringBuilder("SELECT ").append(PARQUET_COLUMNS)
                .append(" FROM event_view WHERE ").append(StoreQueries.conditions(f, args));
        if (f.limit() != null) {
            select.append(" LIMIT ").append(Math.max(0, f.limit()));
        }
        checkUserSql(select.toString(), f);
        String sql = "COPY (" + select + "\n) TO " + DuckDb.literal(dir.toAbsolutePath().toString())
                + " (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 20000, PARTITION_BY (account, region, date), "
                + "OVERWRITE_OR_IGNORE true)";
        try (PreparedStatement ps = db.connection().prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            // DuckDB answers a COPY with one row: the number of rows written.
            if (ps.execute()) {
                try (ResultSet rs = ps.getResultSet()) {
                    return rs.next() ? rs.getLong(1) : 0;
                }
            }
            return ps.getUpdateCount();
        } catch (SQLException e) {
            throw new StoreException("the Parquet export failed: " + e.getMessage(), e);
        }
    }

    /**
     * The Parquet export's columns (public; later releases add, never rename), the events layout's
     * ({@link io.trailhound.core.output.parquet.EventColumns}, one list for both): event_view's hot
     * and origin columns, {@code chain} and {@code anomalies} as JSON text, the record as
     * {@code raw} JSON text, and the partition columns {@code account} (recipientAccountId),
     * {@code region} (awsRegion) and {@code date} (eventTime's UTC day), which appear in the
     * directory names, not in the files.
     */
    public static final String PARQUET_COLUMNS = String.join(", ", io.trailhound.core.output.parquet.EventColumns.NAMES)
            + ", coalesce(recipientAccountId, 'unknown') AS account, coalesce(awsRegion, 'unknown') AS region, "
            + "strftime(eventTime, '%Y-%m-%d') AS date";


    private StoreException fail(String what, SQLException e) {
        return new StoreException("cannot " + what + " in the store " + location + ": " + e.getMessage(), e);
    }

    /** The socket readers reach this writer on, or null when it does not serve them. */
    public Path readerSocket() {
        return readers == null ? null : readers.socket();
    }

    /** The events' files and catalog (package tools: migrations, tests). */
    EventFiles eventFiles() {
        return files;
    }

    /** The folder of the events' Parquet files ({@code <store>.events}; a temporary one for an in-memory store). */
    public Path eventsDir() {
        return files.dir();
    }

    @Override
    public void close() {
        if (readers != null) {
            readers.close();
        }
        long t = StoreTiming.start();
        try {
            db.close();
            StoreTiming.since("close store (checkpoint)", t);
            StoreTiming.processCpu("after close");
        } catch (SQLException e) {
            throw new StoreException("cannot close the store " + location + ": " + e.getMessage(), e);
        } finally {
            if (MEMORY.equals(location)) {
                deleteTreeQuietly(files.dir());
            }
        }
    }

    private static void deleteTreeQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try {
            EventFiles.deleteTree(dir);
        } catch (IOException ignored) {
            // a temporary folder: the system's cleaning takes what is left
        }
    }
}
