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

    /** One step: the version it brings the file to, what it does, and its statements. */
    public record Migration(int version, String description, List<String> statements) {
    }

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
            // The web UI and its API serve each alert exactly as 'scan --format ndjson' printed it.
            new Migration(3, "alerts keep their JSON line as scan prints it", List.of(
                    "ALTER TABLE alerts ADD COLUMN json VARCHAR")));

    /** The version this build writes and reads. */
    public static final int CURRENT = MIGRATIONS.get(MIGRATIONS.size() - 1).version();

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

    /** Brings the file to {@link #CURRENT} in one transaction; returns the version it had. */
    static int migrate(Connection c, String location) throws SQLException {
        int from = version(c);
        checkNotNewer(from, location);
        if (from == CURRENT) {
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
                if (m.version() <= from) {
                    continue;
                }
                for (String sql : m.statements()) {
                    s.execute(sql);
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
