package io.trailhound.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The embedded store: one DuckDB file (or {@code :memory:}) holding events with their raw
 * records, their attributions, the credential ledger (issuances and console SwitchRole links),
 * alerts, the ingest log and the quarantine. Opened read-write it is migrated to the current
 * schema; opened read-only (for queries) nothing can write to it and SQL fragments given by the
 * user cannot reach files outside it.
 */
public final class EventStore implements AutoCloseable {
    public static final String MEMORY = ":memory:";
    /** Issuances and SwitchRole links are kept at least this long past their expiry, the longest a session lasts. */
    public static final Duration LEDGER_GRACE = Duration.ofHours(36);

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern ACCESS_KEY = Pattern.compile("^(ASIA|AKIA|ABIA|ACCA)[A-Z0-9]{8,}$");
    private static final String EVENT_COLUMNS = "eventID, epoch_ms(eventTime) AS eventTimeMillis, eventSource, eventName, "
            + "awsRegion, sourceIPAddress, userAgent, errorCode, recipientAccountId, identityType, identityArn, accessKeyId, "
            + "sessionIssuerArn, originType, originArn, originName, originProvider, originAccount, confidence, reason";

    private final DuckDb db;
    private final String location;
    private final boolean readOnly;

    private EventStore(DuckDb db, String location, boolean readOnly) {
        this.db = db;
        this.location = location;
        this.readOnly = readOnly;
    }

    /** {@code ~/.trailhound/trailhound.duckdb}. */
    /** DuckDB memory for a writing run on a file store. */
    static final String WRITE_MEMORY_LIMIT = "1GB";

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
                return openOnce(location, readOnly);
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

    private static EventStore openOnce(String location, boolean readOnly) {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        if (MEMORY.equals(location)) {
            try {
                DuckDb db = DuckDb.inMemory(threads);
                StoreSchema.migrate(db.connection(), location);
                return new EventStore(db, location, false);
            } catch (SQLException e) {
                throw new StoreException("cannot make an in-memory store: " + e.getMessage(), e);
            }
        }
        Path file = Path.of(location);
        if (readOnly && !Files.isRegularFile(file)) {
            throw new StoreException("no store at " + file + " (a 'trailhound scan --db " + file + " PATH...' makes one)");
        }
        DuckDb db;
        try {
            if (!readOnly && !Files.exists(file)) {
                NewStoreFile.make(file);
            }
            db = DuckDb.open(file, threads, readOnly);
        } catch (IOException e) {
            throw new StoreException("cannot make the store " + file + ": " + e.getMessage(), e);
        } catch (SQLException e) {
            throw new StoreException("cannot open the store " + file + ": " + e.getMessage(), e);
        }
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
                db.execute("SET enable_external_access = false");
                db.execute("SET autoinstall_known_extensions = false");
                db.execute("SET autoload_known_extensions = false");
                db.execute("SET lock_configuration = true");
            } else {
                // A run is staged whole before its commit; DuckDB's default limit (80% of RAM) would
                // let a large run hold it all in memory. Past this it spills to <store>.tmp/ on disk.
                db.execute("SET memory_limit = '" + WRITE_MEMORY_LIMIT + "'");
                StoreSchema.migrate(db.connection(), location);
            }
            return new EventStore(db, file.toString(), readOnly);
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
            return new StoreWriter(db.connection());
        } catch (SQLException e) {
            throw fail("prepare the run's staging tables", e);
        }
    }

    /** Rows per table. */
    public Map<String, Long> counts() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String t : List.of("events", "attributions", "credentials", "issuances", "switch_roles", "alerts", "new_terms",
                "ingest_log", "quarantine")) {
            try {
                // Attributions: events whose credential has its row (every event's answer is its credential's).
                out.put(t, db.queryLong(t.equals("attributions")
                        ? "SELECT count(*) FROM events e JOIN credentials c ON c.credentialId = e.credentialId"
                        : "SELECT count(*) FROM " + t));
            } catch (SQLException e) {
                throw fail("count " + t, e);
            }
        }
        return out;
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
                long ev = s.executeUpdate("DELETE FROM events WHERE eventTime < " + ts);
                long q = s.executeUpdate("DELETE FROM quarantine WHERE quarantinedAt < " + ts);
                long al = s.executeUpdate("DELETE FROM alerts WHERE time < " + ts);
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
                return new Pruned(cutoff, ledgerCutoff, ev, at, q, al, is, sw, cr);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw fail("prune", e);
        }
    }

    // ---------------------------------------------------------------- queries

    /**
     * Who is behind {@code query}: an access key (the latest stored event signed with it, or, for
     * a key issued but never used, its issuance), an eventID, or an identity ARN such as an
     * assumed-role session ARN (the latest event that acted as it). Empty when nothing matches.
     */
    public Optional<WhoAnswer> who(String query) {
        String q = query.strip();
        String column;
        String matchedBy;
        if (ACCESS_KEY.matcher(q).matches()) {
            column = "accessKeyId";
            matchedBy = "accessKeyId";
        } else if (q.startsWith("arn:")) {
            column = "identityArn";
            matchedBy = "arn";
        } else {
            column = "eventID";
            matchedBy = "eventID";
        }
        try {
            long n;
            try (PreparedStatement ps = db.connection().prepareStatement("SELECT count(*) FROM events WHERE " + column + " = ?")) {
                ps.setString(1, q);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    n = rs.getLong(1);
                }
            }
            if (n == 0) {
                return "accessKeyId".equals(column) ? unusedKey(q) : Optional.empty();
            }
            WhoAnswer latest;
            try (PreparedStatement ps = db.connection().prepareStatement("SELECT " + EVENT_COLUMNS
                    + ", NULL AS raw, chain, anomalies FROM event_view WHERE " + column + " = ? "
                    + "ORDER BY eventTime DESC, eventID DESC LIMIT 1")) {
                ps.setString(1, q);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    StoredEvent e = event(rs, false);
                    latest = new WhoAnswer(q, matchedBy, n, e, e.originType(), e.originArn(), e.originName(), e.originProvider(),
                            e.originAccount(), e.confidence() == null ? "unknown" : e.confidence(),
                            e.confidence() == null ? "the event has no attribution in the store" : e.reason(),
                            hops(rs.getString("chain")), strings(rs.getString("anomalies")), List.of());
                }
            }
            List<WhoAnswer.OriginCount> origins = new ArrayList<>();
            if (n > 1) {
                try (PreparedStatement ps = db.connection().prepareStatement("SELECT originType, originLabel, confidence, "
                        + "count(*) AS n FROM event_view WHERE " + column + " = ? GROUP BY ALL ORDER BY n DESC, originLabel LIMIT 20")) {
                    ps.setString(1, q);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            origins.add(new WhoAnswer.OriginCount(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)));
                        }
                    }
                }
            }
            return Optional.of(origins.size() <= 1 ? latest : new WhoAnswer(latest.query(), latest.matchedBy(), latest.events(),
                    latest.event(), latest.originType(), latest.originArn(), latest.originName(), latest.originProvider(),
                    latest.originAccount(), latest.confidence(), latest.reason(), latest.chain(), latest.anomalies(), origins));
        } catch (SQLException e) {
            throw fail("look up " + q, e);
        }
    }

    /** A key issued but not used in the stored events: its issuance, then who made the issuing call. */
    private Optional<WhoAnswer> unusedKey(String key) throws SQLException {
        String sessionArn, issuingEvent, kind, account;
        long issuedAt;
        try (PreparedStatement ps = db.connection().prepareStatement(
                "SELECT sessionArn, eventID, kind, recordAccount, issuedAtMillis FROM issuances WHERE accessKeyId = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                sessionArn = rs.getString(1);
                issuingEvent = rs.getString(2);
                kind = rs.getString(3);
                account = rs.getString(4);
                issuedAt = rs.getLong(5);
            }
        }
        List<WhoAnswer.ChainHop> chain = new ArrayList<>();
        chain.add(new WhoAnswer.ChainHop(sessionArn, key, issuingEvent, IssuanceKind.valueOf(kind).eventName(),
                Instant.ofEpochMilli(issuedAt), account, "key"));
        Optional<WhoAnswer> caller = issuingEvent == null ? Optional.empty() : who(issuingEvent);
        if (caller.isEmpty()) {
            return Optional.of(new WhoAnswer(key, "accessKeyId", 0, null, null, null, null, null, null, "unknown",
                    "the key was issued (event " + issuingEvent + ") but the issuing event is not in the store", chain,
                    List.of(), List.of()));
        }
        WhoAnswer w = caller.get();
        chain.addAll(w.chain());
        return Optional.of(new WhoAnswer(key, "accessKeyId", 0, null, w.originType(), w.originArn(), w.originName(),
                w.originProvider(), w.originAccount(), w.confidence(), w.reason(), chain, w.anomalies(), List.of()));
    }

    /** The events whose origin is {@code origin} (its ARN or name), in time order, across roles and accounts. */
    public long timeline(String origin, Instant from, Instant to, Long limit, Consumer<StoredEvent> out) {
        return search(SearchFilter.all().withOrigin(origin).between(from, to).withLimit(limit), out);
    }

    /**
     * The events that match {@code f}, in time order, to {@code out}; returns how many. The
     * {@code where} fragment is SQL over the {@code event_view} view (columns: see the schema).
     */
    public long search(SearchFilter f, Consumer<StoredEvent> out) {
        StringBuilder sql = new StringBuilder("SELECT ").append(EVENT_COLUMNS).append(f.withRaw() ? ", raw" : ", NULL AS raw")
                .append(" FROM event_view WHERE true");
        List<Object> args = new ArrayList<>();
        if (f.where() != null && !f.where().isBlank()) {
            sql.append(" AND (").append(f.where()).append("\n)");
        }
        add(sql, args, "eventName = ?", f.eventName());
        add(sql, args, "eventSource = ?", f.eventSource());
        add(sql, args, "recipientAccountId = ?", f.account());
        add(sql, args, "originLabel = ?", f.origin());
        add(sql, args, "identityArn = ?", f.identityArn());
        if (f.from() != null) {
            sql.append(" AND eventTime >= make_timestamp(?::BIGINT)");
            args.add(f.from().toEpochMilli() * 1000);
        }
        if (f.to() != null) {
            sql.append(" AND eventTime < make_timestamp(?::BIGINT)");
            args.add(f.to().toEpochMilli() * 1000);
        }
        sql.append(" ORDER BY eventTime, eventID");
        if (f.limit() != null) {
            sql.append(" LIMIT ").append(Math.max(0, f.limit()));
        }
        if (f.where() != null && !f.where().isBlank()) {
            try {
                SingleSelect.check(db.connection(), sql.toString());
            } catch (SQLException e) {
                throw new StoreException("the search failed: " + e.getMessage(), e);
            }
        }
        try (PreparedStatement ps = db.connection().prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            long n = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.accept(event(rs, f.withRaw()));
                    n++;
                }
            }
            return n;
        } catch (SQLException e) {
            throw new StoreException("the search failed: " + e.getMessage(), e);
        }
    }

    private static void add(StringBuilder sql, List<Object> args, String cond, String value) {
        if (value != null) {
            sql.append(" AND ").append(cond);
            args.add(value);
        }
    }

    private static StoredEvent event(ResultSet rs, boolean raw) throws SQLException {
        return new StoredEvent(rs.getString("eventID"), Instant.ofEpochMilli(rs.getLong("eventTimeMillis")),
                rs.getString("eventSource"), rs.getString("eventName"), rs.getString("awsRegion"),
                rs.getString("sourceIPAddress"), rs.getString("userAgent"), rs.getString("errorCode"),
                rs.getString("recipientAccountId"), rs.getString("identityType"), rs.getString("identityArn"),
                rs.getString("accessKeyId"), rs.getString("sessionIssuerArn"), rs.getString("originType"),
                rs.getString("originArn"), rs.getString("originName"), rs.getString("originProvider"),
                rs.getString("originAccount"), rs.getString("confidence"), rs.getString("reason"),
                raw ? rs.getString("raw") : null);
    }

    private static List<WhoAnswer.ChainHop> hops(String json) {
        if (json == null || json.equals("[]")) {
            return List.of();
        }
        try {
            List<WhoAnswer.ChainHop> out = new ArrayList<>();
            for (JsonNode h : MAPPER.readTree(json)) {
                String t = text(h, "time");
                out.add(new WhoAnswer.ChainHop(text(h, "arn"), text(h, "accessKeyId"), text(h, "eventID"), text(h, "eventName"),
                        t == null ? null : Instant.parse(t), text(h, "account"), text(h, "linkedBy")));
            }
            return out;
        } catch (IOException e) {
            throw new StoreException("a stored chain is not valid JSON: " + e.getMessage(), e);
        }
    }

    private static List<String> strings(String json) {
        if (json == null || json.equals("[]")) {
            return List.of();
        }
        try {
            List<String> out = new ArrayList<>();
            MAPPER.readTree(json).forEach(n -> out.add(n.asText()));
            return out;
        } catch (IOException e) {
            throw new StoreException("stored anomalies are not valid JSON: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private StoreException fail(String what, SQLException e) {
        return new StoreException("cannot " + what + " in the store " + location + ": " + e.getMessage(), e);
    }

    @Override
    public void close() {
        try {
            db.close();
        } catch (SQLException e) {
            throw new StoreException("cannot close the store " + location + ": " + e.getMessage(), e);
        }
    }
}
