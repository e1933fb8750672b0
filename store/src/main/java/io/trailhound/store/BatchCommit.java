package io.trailhound.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The SQL of one batch: moves what {@link StagingTables} holds into the store in one
 * transaction, so a reader (or a store left by a crash) has the whole batch or none of it.
 *
 * <p>Events are kept only when the store has no event with the same eventID within the batch's
 * time span. There is no index on eventID: an index (DuckDB's ART) cost more than the rest of the
 * insert together and grows in memory with the store; a duplicate record has the same eventTime
 * as its first copy, so the anti-join only reads the row groups whose time range (DuckDB's zone
 * maps) meets the batch's.
 */
final class BatchCommit {
    /** What one batch added, counted as {@link StoreWriter.Committed} counts. */
    record Counts(long eventsAdded, long credentialsAdded, long reattributed, long issuances, long switchRoles,
                  long quarantine, long filesLogged, long alertsAdded, long alertsUpdated, long terms) {
    }

    /** The answer columns of a credential row, set from the row {@code s}; {@code exactAt} keeps the first time. */
    static final String ANSWER_FROM_S = "originType = s.originType, originArn = s.originArn, originName = s.originName, "
            + "originLabel = s.originLabel, originProvider = s.originProvider, originAccount = s.originAccount, "
            + "confidence = s.confidence, reason = s.reason, chain = s.chain, anomalies = s.anomalies, "
            + "expiresAtMillis = s.expiresAtMillis, expiresKey = s.expiresKey, pending = s.pending, waitKey = s.waitKey, "
            + "waitSession = s.waitSession, answeredAt = s.answeredAt, exactAt = coalesce(credentials.exactAt, s.exactAt)";

    private BatchCommit() {
    }

    static Counts run(Connection connection) throws SQLException {
        boolean auto = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement s = connection.createStatement()) {
            long ev = insertEvents(s);
            s.execute("CREATE OR REPLACE TEMP TABLE stage_latest AS SELECT DISTINCT ON (credentialId) * "
                    + "FROM stage_credentials ORDER BY credentialId, rowid DESC");
            // A stored credential still pending takes this batch's answer; a settled one never changes.
            s.executeUpdate("UPDATE credentials SET " + ANSWER_FROM_S + " FROM stage_latest s "
                    + "WHERE credentials.credentialId = s.credentialId AND credentials.pending");
            long cr = s.executeUpdate("INSERT INTO credentials BY NAME SELECT * FROM stage_latest s "
                    + "WHERE NOT EXISTS (SELECT 1 FROM credentials c WHERE c.credentialId = s.credentialId)");
            long is = s.executeUpdate("INSERT OR REPLACE INTO issuances BY NAME "
                    + "SELECT DISTINCT ON (accessKeyId) * FROM stage_issuances ORDER BY accessKeyId, rowid DESC");
            long sw = s.executeUpdate("INSERT OR REPLACE INTO switch_roles BY NAME "
                    + "SELECT DISTINCT ON (sessionArn, startMillis) * FROM stage_switch_roles");
            // Stored credentials that waited for what this batch brought, worked out again before it was handed over.
            long re = s.executeUpdate("UPDATE credentials SET " + ANSWER_FROM_S + " FROM "
                    + "(SELECT DISTINCT ON (credentialId) * FROM stage_reattributed ORDER BY credentialId, rowid DESC) s "
                    + "WHERE credentials.credentialId = s.credentialId AND credentials.pending");
            long q = s.executeUpdate("INSERT INTO quarantine BY NAME SELECT * FROM stage_quarantine");
            long log = s.executeUpdate("INSERT INTO ingest_log BY NAME SELECT DISTINCT ON (checksum) * FROM stage_ingest_log s "
                    + "WHERE NOT EXISTS (SELECT 1 FROM ingest_log l WHERE l.checksum = s.checksum)");
            long al = s.executeUpdate("INSERT INTO alerts BY NAME SELECT DISTINCT ON (id) * FROM stage_alerts s "
                    + "WHERE NOT EXISTS (SELECT 1 FROM alerts a WHERE a.id = s.id) ORDER BY id, rowid DESC");
            // An alert kept at an earlier cut while it waited for its credential gets the line printed when it went out.
            s.executeUpdate("UPDATE alerts SET json = s.json FROM (SELECT DISTINCT ON (id) id, json FROM stage_alerts "
                    + "WHERE json IS NOT NULL ORDER BY id, rowid DESC) s WHERE alerts.id = s.id AND alerts.json IS DISTINCT FROM s.json");
            // Stored alerts follow their credential's answer (readers of the alerts table see it too).
            long au = s.executeUpdate("UPDATE alerts SET originType = c.originType, originLabel = c.originLabel, "
                    + "confidence = c.confidence FROM credentials c WHERE alerts.credentialId = c.credentialId AND "
                    + "(alerts.confidence IS DISTINCT FROM c.confidence OR alerts.originLabel IS DISTINCT FROM c.originLabel "
                    + "OR alerts.originType IS DISTINCT FROM c.originType)");
            long nt = s.executeUpdate("INSERT OR REPLACE INTO new_terms BY NAME "
                    + "SELECT DISTINCT ON (ruleId, term) * FROM stage_new_terms ORDER BY ruleId, term, rowid DESC");
            connection.commit();
            return new Counts(ev, cr, re, is, sw, q, log, al, au, nt);
        } catch (SQLException | RuntimeException x) {
            connection.rollback();
            throw x;
        } finally {
            connection.setAutoCommit(auto);
        }
    }

    /** The batch's events the store does not have yet; returns how many went in. */
    private static long insertEvents(Statement s) throws SQLException {
        long from, to;
        try (ResultSet rs = s.executeQuery("SELECT epoch_us(min(eventTime)), epoch_us(max(eventTime)) FROM stage_events")) {
            rs.next();
            from = rs.getLong(1);
            if (rs.wasNull()) {
                return 0;
            }
            to = rs.getLong(2);
        }
        // Constants, not a subquery: DuckDB then skips the row groups outside the span by their zone maps.
        String span = "e.eventTime BETWEEN make_timestamp(" + from + "::BIGINT) AND make_timestamp(" + to + "::BIGINT)";
        return s.executeUpdate("INSERT INTO events BY NAME SELECT s.* REPLACE (decode(s.raw) AS raw) FROM stage_events s "
                + "WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.eventID = s.eventID AND " + span + ")");
    }
}
