package io.trailhound.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The store's tables, versioned. {@link #MIGRATIONS} is the ordered list of steps from an empty
 * file to the current schema; opening a file read-write applies the steps it lacks in one
 * transaction and records each in {@code schema_version}. A file written by a newer build (a
 * version this build does not know) is refused with a clear message rather than misread.
 */
public final class StoreSchema {

    /**
     * One step: the version it brings the file to, what it does, its statements, and what it does
     * beyond SQL (null: nothing), run after them in the same transaction.
     */
    public record Migration(int version, String description, List<String> statements, Step step) {
        public Migration(int version, String description, List<String> statements) {
            this(version, description, statements, null);
        }
    }

    /** A migration's work beyond its statements: on the migrating transaction, with the store's event files. */
    @FunctionalInterface
    interface Step {
        void apply(Statement s, EventFiles files) throws SQLException;
    }

    /**
     * Version 6: events move from the DuckDB table to Parquet partition files listed in
     * {@code event_files} ({@link EventFiles}); {@code events} becomes a view over them with the
     * same columns, and {@code event_view} reads it as before.
     */
    private static void eventsToFiles(Statement s, EventFiles files) throws SQLException {
        s.execute(EventFiles.CATALOG);
        s.execute("DROP VIEW IF EXISTS event_view");
        files.importRows(s, "SELECT * FROM events");
        s.execute("DROP TABLE events");
        files.rebuildView(s);
        s.execute(EVENT_VIEW);
    }

    /**
     * The credential's identity (what its events say: enough to work its answer out again in a
     * later run) and its current answer. {@code pending}: a record not read yet could change it
     * ({@code waitKey}'s issuance, or {@code waitSession}'s); {@code exactAt}: when it became exact.
     */
    static final String CREDENTIALS = """
            CREATE TABLE credentials (
                credentialId VARCHAR PRIMARY KEY,
                identityType VARCHAR, identityArn VARCHAR, principalId VARCHAR, identityAccountId VARCHAR,
                accessKeyId VARCHAR, userName VARCHAR, invokedBy VARCHAR, identityProvider VARCHAR,
                sessionCreationDate VARCHAR, sourceIdentity VARCHAR, ec2RoleDelivery VARCHAR, assumedRoot BOOLEAN,
                sessionIssuerArn VARCHAR, sessionIssuerName VARCHAR, onBehalfOfUserId VARCHAR,
                onBehalfOfIdentityStoreArn VARCHAR, eventSource VARCHAR, recipientAccountId VARCHAR,
                reattributable BOOLEAN NOT NULL,
                originType VARCHAR, originArn VARCHAR, originName VARCHAR, originLabel VARCHAR, originProvider VARCHAR,
                originAccount VARCHAR, confidence VARCHAR NOT NULL, reason VARCHAR, chain VARCHAR NOT NULL,
                anomalies VARCHAR NOT NULL, expiresAtMillis BIGINT, expiresKey VARCHAR,
                pending BOOLEAN NOT NULL, waitKey VARCHAR, waitSession VARCHAR,
                firstSeen TIMESTAMP NOT NULL, answeredAt TIMESTAMP NOT NULL, exactAt TIMESTAMP)""";

    /** Events over their credential's current answer; a key used after it expired is an anomaly of that event. */
    static final String EVENT_VIEW = """
            CREATE OR REPLACE VIEW event_view AS
            SELECT e.eventID, e.eventTime, e.eventSource, e.eventName, e.awsRegion, e.sourceIPAddress,
                   e.userAgent, e.errorCode, e.recipientAccountId, e.identityType, e.identityArn,
                   e.identityAccountId, e.accessKeyId, e.sessionIssuerArn, e.sourceFile, e.byteOffset, e.raw,
                   c.originType, c.originArn, c.originName, c.originLabel, c.originProvider, c.originAccount,
                   c.confidence, c.reason, c.chain,
                   CASE WHEN c.credentialId IS NULL THEN NULL
                        WHEN c.expiresAtMillis IS NOT NULL AND epoch_ms(e.eventTime) > c.expiresAtMillis
                        THEN to_json(list_concat(CAST(c.anomalies AS VARCHAR[]), ['key ' || c.expiresKey || ' used at '
                             || strftime(e.eventTime, '%Y-%m-%dT%H:%M:%SZ') || ' after it expired at '
                             || strftime(make_timestamp(c.expiresAtMillis * 1000), '%Y-%m-%dT%H:%M:%SZ')]))::VARCHAR
                        ELSE c.anomalies END AS anomalies,
                   e.credentialId, c.pending AS attributionPending, c.exactAt AS attributionExactAt
            FROM events e LEFT JOIN credentials c ON c.credentialId = e.credentialId""";

    /** The alerts with their credential's current answer (the alert's own columns for alerts without one). */
    static final String ALERT_VIEW = """
            CREATE OR REPLACE VIEW alert_view AS
            SELECT a.* REPLACE (
                       CASE WHEN c.credentialId IS NULL THEN a.originType ELSE c.originType END AS originType,
                       CASE WHEN c.credentialId IS NULL THEN a.originLabel ELSE c.originLabel END AS originLabel,
                       CASE WHEN c.credentialId IS NULL THEN a.confidence ELSE c.confidence END AS confidence)
            FROM alerts a LEFT JOIN credentials c ON c.credentialId = a.credentialId""";

    /**
     * From per-event attributions to per-credential rows. An event made with a key refers to the
     * key; the key's row takes the identity (from the latest event's raw record) and answer of its
     * latest event, and stays open to re-attribution unless that answer was exact. An event without
     * a key keeps its own answer in a row of its own ("event:" + eventID).
     */
    private static final List<String> MIGRATION_3 = List.of(
            CREDENTIALS,
            "DROP VIEW event_view",
            "ALTER TABLE events ADD COLUMN credentialId VARCHAR",
            "ALTER TABLE alerts ADD COLUMN credentialId VARCHAR",
            // The web UI and its API serve each alert exactly as 'scan --format ndjson' printed it.
            "ALTER TABLE alerts ADD COLUMN json VARCHAR",
            "UPDATE events SET credentialId = coalesce(accessKeyId, 'event:' || eventID)",
            """
            INSERT INTO credentials
            SELECT credentialId,
                   identityType, identityArn, json_extract_string(raw, '$.userIdentity.principalId'), identityAccountId,
                   accessKeyId, json_extract_string(raw, '$.userIdentity.userName'),
                   json_extract_string(raw, '$.userIdentity.invokedBy'),
                   json_extract_string(raw, '$.userIdentity.identityProvider'),
                   json_extract_string(raw, '$.userIdentity.sessionContext.attributes.creationDate'),
                   coalesce(json_extract_string(raw, '$.userIdentity.sessionContext.sourceIdentity'),
                            json_extract_string(raw, '$.userIdentity.sourceIdentity')),
                   json_extract_string(raw, '$.userIdentity.sessionContext.ec2RoleDelivery'),
                   coalesce(json_extract_string(raw, '$.userIdentity.sessionContext.assumedRoot') = 'true', false),
                   sessionIssuerArn, json_extract_string(raw, '$.userIdentity.sessionContext.sessionIssuer.userName'),
                   json_extract_string(raw, '$.userIdentity.onBehalfOf.userId'),
                   json_extract_string(raw, '$.userIdentity.onBehalfOf.identityStoreArn'),
                   CASE WHEN identityType IS NULL THEN eventSource END,
                   CASE WHEN identityType IS NULL THEN recipientAccountId END,
                   accessKeyId IS NOT NULL AND raw IS NOT NULL,
                   originType, originArn, originName, originLabel, originProvider, originAccount, confidence, reason, chain,
                   anomalies, NULL, NULL,
                   accessKeyId IS NOT NULL AND raw IS NOT NULL AND confidence <> 'exact',
                   CASE WHEN accessKeyId IS NOT NULL AND confidence <> 'exact' THEN accessKeyId END,
                   CASE WHEN accessKeyId IS NOT NULL AND confidence <> 'exact' THEN identityArn END,
                   eventTime, current_timestamp::TIMESTAMP,
                   CASE WHEN confidence = 'exact' THEN current_timestamp::TIMESTAMP END
            FROM (SELECT e.*, a.* EXCLUDE (eventID, eventTime),
                         row_number() OVER (PARTITION BY e.credentialId ORDER BY e.eventTime DESC, e.eventID DESC) AS nth
                  FROM events e JOIN attributions a ON a.eventID = e.eventID)
            WHERE nth = 1""",
            // Events of a key whose answer was not the latest event's keep it no longer: the key has one answer.
            "UPDATE alerts SET credentialId = (SELECT e.credentialId FROM events e WHERE e.eventID = alerts.eventID)",
            "DROP TABLE attributions",
            EVENT_VIEW,
            ALERT_VIEW);

    /**
     * The events table as batches write it: no index on eventID (see {@link BatchCommit}: the
     * anti-join of each batch keeps ingest idempotent), the same columns in the same order.
     */
    private static final String EVENTS_WITHOUT_KEY = """
            CREATE TABLE events_v5 (
                eventID VARCHAR NOT NULL,
                eventTime TIMESTAMP NOT NULL,
                eventSource VARCHAR,
                eventName VARCHAR,
                awsRegion VARCHAR,
                sourceIPAddress VARCHAR,
                userAgent VARCHAR,
                errorCode VARCHAR,
                recipientAccountId VARCHAR,
                identityType VARCHAR,
                identityArn VARCHAR,
                identityAccountId VARCHAR,
                accessKeyId VARCHAR,
                sessionIssuerArn VARCHAR,
                sourceFile VARCHAR,
                byteOffset BIGINT,
                raw VARCHAR,
                credentialId VARCHAR)""";

    /** Events copied, in time order (so each row group covers a short span), into the table without the key. */
    private static final List<String> MIGRATION_5 = List.of(
            "DROP VIEW event_view",
            EVENTS_WITHOUT_KEY,
            "INSERT INTO events_v5 SELECT * FROM events ORDER BY eventTime, eventID",
            "DROP TABLE events",
            "ALTER TABLE events_v5 RENAME TO events",
            EVENT_VIEW);

    public static final List<Migration> MIGRATIONS = List.of(
            new Migration(1, "events, attributions, credential ledger, alerts, ingest log, quarantine", List.of(
                    """
                    CREATE TABLE events (
                        eventID VARCHAR PRIMARY KEY,
                        eventTime TIMESTAMP NOT NULL,
                        eventSource VARCHAR,
                        eventName VARCHAR,
                        awsRegion VARCHAR,
                        sourceIPAddress VARCHAR,
                        userAgent VARCHAR,
                        errorCode VARCHAR,
                        recipientAccountId VARCHAR,
                        identityType VARCHAR,
                        identityArn VARCHAR,
                        identityAccountId VARCHAR,
                        accessKeyId VARCHAR,
                        sessionIssuerArn VARCHAR,
                        sourceFile VARCHAR,
                        byteOffset BIGINT,
                        raw VARCHAR)""",
                    """
                    CREATE TABLE attributions (
                        eventID VARCHAR PRIMARY KEY,
                        eventTime TIMESTAMP NOT NULL,
                        originType VARCHAR,
                        originArn VARCHAR,
                        originName VARCHAR,
                        originLabel VARCHAR,
                        originProvider VARCHAR,
                        originAccount VARCHAR,
                        confidence VARCHAR NOT NULL,
                        reason VARCHAR,
                        chain VARCHAR NOT NULL,
                        anomalies VARCHAR NOT NULL)""",
                    """
                    CREATE TABLE issuances (
                        accessKeyId VARCHAR PRIMARY KEY,
                        kind VARCHAR NOT NULL,
                        callerType VARCHAR,
                        callerArn VARCHAR,
                        callerPrincipalId VARCHAR,
                        callerAccountId VARCHAR,
                        callerAccessKeyId VARCHAR,
                        callerUserName VARCHAR,
                        callerInvokedBy VARCHAR,
                        callerSourceIdentity VARCHAR,
                        callerIdentityProvider VARCHAR,
                        callerSessionCreationDate VARCHAR,
                        callerConsoleSession BOOLEAN NOT NULL,
                        roleArn VARCHAR,
                        sessionArn VARCHAR,
                        sessionName VARCHAR,
                        sourceIdentity VARCHAR,
                        subject VARCHAR,
                        provider VARCHAR,
                        mfa BOOLEAN,
                        issuedAtMillis BIGINT NOT NULL,
                        expiresAtMillis BIGINT NOT NULL,
                        targetAccount VARCHAR,
                        recordAccount VARCHAR,
                        eventID VARCHAR,
                        sharedEventID VARCHAR,
                        requestID VARCHAR)""",
                    """
                    CREATE TABLE switch_roles (
                        sessionArn VARCHAR NOT NULL,
                        startMillis BIGINT NOT NULL,
                        fromArn VARCHAR NOT NULL,
                        PRIMARY KEY (sessionArn, startMillis))""",
                    """
                    CREATE TABLE alerts (
                        id VARCHAR PRIMARY KEY,
                        eventID VARCHAR,
                        ruleId VARCHAR,
                        ruleSource VARCHAR,
                        severity VARCHAR,
                        title VARCHAR,
                        time TIMESTAMP,
                        originLabel VARCHAR)""",
                    """
                    CREATE TABLE ingest_log (
                        checksum VARCHAR PRIMARY KEY,
                        path VARCHAR,
                        size BIGINT,
                        records BIGINT,
                        quarantined BIGINT,
                        ingestedAt TIMESTAMP NOT NULL)""",
                    """
                    CREATE TABLE quarantine (
                        reason VARCHAR,
                        source VARCHAR,
                        byteOffset BIGINT,
                        line BIGINT,
                        detail VARCHAR,
                        truncated BOOLEAN,
                        record VARCHAR,
                        quarantinedAt TIMESTAMP NOT NULL)""",
                    """
                    CREATE VIEW event_view AS
                    SELECT e.eventID, e.eventTime, e.eventSource, e.eventName, e.awsRegion, e.sourceIPAddress,
                           e.userAgent, e.errorCode, e.recipientAccountId, e.identityType, e.identityArn,
                           e.identityAccountId, e.accessKeyId, e.sessionIssuerArn, e.sourceFile, e.byteOffset, e.raw,
                           a.originType, a.originArn, a.originName, a.originLabel, a.originProvider, a.originAccount,
                           a.confidence, a.reason, a.chain, a.anomalies
                    FROM events e LEFT JOIN attributions a ON a.eventID = e.eventID""")),
            new Migration(2, "alerts with rule, origin and output; new-terms history for stateful rules", List.of(
                    "DROP TABLE alerts",
                    """
                    CREATE TABLE alerts (
                        id VARCHAR PRIMARY KEY,
                        eventID VARCHAR,
                        time TIMESTAMP,
                        ruleId VARCHAR,
                        ruleName VARCHAR,
                        format VARCHAR,
                        severity VARCHAR,
                        priority VARCHAR,
                        output VARCHAR,
                        context VARCHAR,
                        eventName VARCHAR,
                        recipientAccountId VARCHAR,
                        originType VARCHAR,
                        originLabel VARCHAR,
                        confidence VARCHAR,
                        raisedAt TIMESTAMP NOT NULL)""",
                    """
                    CREATE TABLE new_terms (
                        ruleId VARCHAR NOT NULL,
                        term VARCHAR NOT NULL,
                        firstSeenMillis BIGINT NOT NULL,
                        lastSeenMillis BIGINT NOT NULL,
                        PRIMARY KEY (ruleId, term))""")),
            new Migration(3, "attribution by credential: one row per credential, events and alerts refer to it; alerts keep their JSON line",
                    MIGRATION_3),
            new Migration(4, "alerts an --alerts-webhook could not deliver", List.of(
                    """
                    CREATE TABLE webhook_undelivered (
                        alertId VARCHAR,
                        destination VARCHAR NOT NULL,
                        payload VARCHAR NOT NULL,
                        attempts INTEGER NOT NULL,
                        lastError VARCHAR,
                        keptAt TIMESTAMP NOT NULL)""")),
            new Migration(5, "events without the eventID index: batches commit as a run goes, deduplicated by eventID "
                    + "within the batch's time span", MIGRATION_5),
            new Migration(6, "events as Parquet partition files beside the store (<store>.events/account=/date=/), "
                    + "listed in event_files; events is a view over them", List.of(), StoreSchema::eventsToFiles));

    /** The highest version this build writes and reads. */
    public static final int CURRENT = MIGRATIONS.stream().mapToInt(Migration::version).max().orElseThrow();

    private StoreSchema() {
    }

    /** The file's schema version: 0 for a file with no Trailhound tables yet. */
    public static int version(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM information_schema.tables "
                     + "WHERE table_name = 'schema_version' AND table_schema = 'main'")) {
            rs.next();
            if (rs.getLong(1) == 0) {
                return 0;
            }
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT max(version) FROM schema_version")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Refuses a file from a newer build. */
    static void checkNotNewer(int version, String location) {
        if (version > CURRENT) {
            throw new StoreException("the store " + location + " has schema version " + version
                    + ", written by a newer Trailhound; this build reads up to version " + CURRENT
                    + ". Use a newer trailhound, or another --db.");
        }
    }

    /** The versions applied to the file (empty for a file with no Trailhound tables yet). */
    static java.util.Set<Integer> applied(Connection c) throws SQLException {
        java.util.Set<Integer> out = new java.util.HashSet<>();
        if (version(c) == 0) {
            return out;
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT version FROM schema_version")) {
            while (rs.next()) {
                out.add(rs.getInt(1));
            }
        }
        return out;
    }

    /** True when every migration of this build is applied to the file. */
    static boolean upToDate(Connection c) throws SQLException {
        java.util.Set<Integer> have = applied(c);
        return MIGRATIONS.stream().allMatch(m -> have.contains(m.version()));
    }

    /**
     * Applies, in one transaction and in order, every migration the file lacks (by version: two
     * branches' migrations numbered apart apply in either order); returns the highest version it had.
     */
    static int migrate(Connection c, String location, EventFiles files) throws SQLException {
        int from = version(c);
        checkNotNewer(from, location);
        java.util.Set<Integer> have = applied(c);
        if (MIGRATIONS.stream().allMatch(m -> have.contains(m.version()))) {
            return from;
        }
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            if (from == 0) {
                s.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description VARCHAR, "
                        + "appliedAt TIMESTAMP NOT NULL)");
            }
            for (Migration m : MIGRATIONS) {
                if (have.contains(m.version())) {
                    continue;
                }
                for (String sql : m.statements()) {
                    s.execute(sql);
                }
                if (m.step() != null) {
                    m.step().apply(s, files);
                }
                s.execute("INSERT INTO schema_version VALUES (" + m.version() + ", " + DuckDb.literal(m.description())
                        + ", current_timestamp::TIMESTAMP)");
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
        return from;
    }
}
