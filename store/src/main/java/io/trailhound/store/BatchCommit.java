package io.trailhound.store;

import io.trailhound.core.output.parquet.PartitionedEventsWriter.WrittenFile;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The SQL of one batch: moves what {@link StagingTables} holds into the store in one
 * transaction, so a reader (or a store left by a crash) has the whole batch or none of it. The
 * batch's events are already in Parquet files of the store's events directory; the transaction
 * lists them in {@code event_files} and makes the {@code events} view again over the list.
 *
 * <p>Events are kept only when the store has no event with the same eventID within the batch's
 * time span. There is no index on eventID (one cost more than the rest of the write and grows in
 * memory with the store); a duplicate record has the same eventTime as its first copy, so the
 * check reads only the stored files whose time span meets the batch's, and in them only the row
 * groups whose eventTime statistics do. A batch file holding such duplicates (a re-run after a
 * crash) is written again without them before it is listed.
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

    /** The batch's event files, once the event threads have completed them. */
    @FunctionalInterface
    interface EventFilesDone {
        List<WrittenFile> await() throws SQLException;
    }

    /**
     * Commits the batch whose events are in the files {@code batchFiles} gives once they are
     * complete: the transaction moves the other rows first and waits for the files only then, so at
     * the end of a run the event threads complete their last files while the commit goes on.
     * {@code thisRun}: the files earlier batches of the same run listed, which the eventID check
     * leaves out (the run drops a second copy of an eventID itself); the files this batch lists are
     * added to it once committed. With {@code checkpoint}, the commit checkpoints the store (see
     * {@link StoreWriter#checkpointAtEnd}): DuckDB then writes the batch into the file itself
     * instead of into its log first, which the checkpoint at close would copy into the file again.
     */
    static Counts run(Connection connection, EventFiles files, EventFilesDone batchFiles, Set<String> thisRun, boolean checkpoint)
            throws SQLException {
        boolean auto = connection.getAutoCommit();
        connection.setAutoCommit(false);
        List<Path> replaced = new ArrayList<>();
        List<Path> made = new ArrayList<>();
        OneDuckDbThread oneThread = null;
        try (Statement s = connection.createStatement()) {
            List<String> listed = new ArrayList<>();
            oneThread = OneDuckDbThread.set(connection);
            long t = StoreTiming.start();
            // Each credential's last staged row: the earlier rows of a credential (a few in ten) are deleted from
            // the staging table, found by a hash aggregate on the key, instead of copying every last row out.
            long superseded = s.executeUpdate("DELETE FROM stage_credentials WHERE rowid NOT IN "
                    + "(SELECT max(rowid) FROM stage_credentials GROUP BY credentialId)");
            StoreTiming.since("commit: superseded credential rows " + superseded, t);
            t = StoreTiming.start();
            // A stored credential still pending takes this batch's answer; a settled one never changes.
            s.executeUpdate("UPDATE credentials SET " + ANSWER_FROM_S + " FROM stage_credentials s "
                    + "WHERE credentials.credentialId = s.credentialId AND credentials.pending");
            StoreTiming.since("commit: update pending credentials", t);
            t = StoreTiming.start();
            long cr = s.executeUpdate("INSERT INTO credentials BY NAME SELECT * FROM stage_credentials s "
                    + "WHERE NOT EXISTS (SELECT 1 FROM credentials c WHERE c.credentialId = s.credentialId)");
            StoreTiming.since("commit: insert credentials " + cr, t);
            t = StoreTiming.start();
            long is = s.executeUpdate("INSERT OR REPLACE INTO issuances BY NAME "
                    + "SELECT * FROM stage_issuances");
            StoreTiming.since("commit: issuances " + is, t);
            t = StoreTiming.start();
            long sw = s.executeUpdate("INSERT OR REPLACE INTO switch_roles BY NAME "
                    + "SELECT DISTINCT ON (sessionArn, startMillis) * FROM stage_switch_roles");
            // Stored credentials that waited for what this batch brought, worked out again before it was handed over.
            long re = s.executeUpdate("UPDATE credentials SET " + ANSWER_FROM_S + " FROM "
                    + "(SELECT DISTINCT ON (credentialId) * FROM stage_reattributed ORDER BY credentialId, rowid DESC) s "
                    + "WHERE credentials.credentialId = s.credentialId AND credentials.pending");
            StoreTiming.since("commit: credentials, issuances", t);
            t = StoreTiming.start();
            long q = s.executeUpdate("INSERT INTO quarantine BY NAME SELECT * FROM stage_quarantine");
            StoreTiming.since("commit: quarantine " + q, t);
            t = StoreTiming.start();
            long log = s.executeUpdate("INSERT INTO ingest_log BY NAME SELECT DISTINCT ON (checksum) * FROM stage_ingest_log s "
                    + "WHERE NOT EXISTS (SELECT 1 FROM ingest_log l WHERE l.checksum = s.checksum)");
            StoreTiming.since("commit: ingest log " + log, t);
            t = StoreTiming.start();
            long al = s.executeUpdate("INSERT INTO alerts BY NAME SELECT DISTINCT ON (id) * FROM stage_alerts s "
                    + "WHERE NOT EXISTS (SELECT 1 FROM alerts a WHERE a.id = s.id) ORDER BY id, rowid DESC");
            StoreTiming.since("commit: alerts " + al, t);
            t = StoreTiming.start();
            // An alert kept at an earlier cut while it waited for its credential gets the line printed when it went out.
            s.executeUpdate("UPDATE alerts SET json = s.json FROM (SELECT DISTINCT ON (id) id, json FROM stage_alerts "
                    + "WHERE json IS NOT NULL ORDER BY id, rowid DESC) s WHERE alerts.id = s.id AND alerts.json IS DISTINCT FROM s.json");
            StoreTiming.since("commit: alert json", t);
            t = StoreTiming.start();
            // Stored alerts follow their credential's answer (readers of the alerts table see it too).
            long au = s.executeUpdate("UPDATE alerts SET originType = c.originType, originLabel = c.originLabel, "
                    + "confidence = c.confidence FROM credentials c WHERE alerts.credentialId = c.credentialId AND "
                    + "(alerts.confidence IS DISTINCT FROM c.confidence OR alerts.originLabel IS DISTINCT FROM c.originLabel "
                    + "OR alerts.originType IS DISTINCT FROM c.originType)");
            StoreTiming.since("commit: alerts follow credentials " + au, t);
            t = StoreTiming.start();
            long nt = s.executeUpdate("INSERT OR REPLACE INTO new_terms BY NAME "
                    + "SELECT DISTINCT ON (ruleId, term) * FROM stage_new_terms ORDER BY ruleId, term, rowid DESC");
            StoreTiming.since("commit: new terms " + nt, t);
            t = StoreTiming.start();
            List<WrittenFile> batch = batchFiles.await();
            for (WrittenFile f : batch) {
                made.add(f.path());
            }
            StoreTiming.since("commit: wait for event files", t);
            t = StoreTiming.start();
            // The files' eventID check reads Parquet, which DuckDB's threads share well (as before this order).
            oneThread.restore();
            oneThread = null;
            long ev = addEvents(connection, s, files, batch, replaced, made, thisRun, listed);
            oneThread = OneDuckDbThread.set(connection);
            StoreTiming.since("commit: list event files", t);
            t = StoreTiming.start();
            if (checkpoint) {
                // A commit whose log would pass the threshold checkpoints instead of writing the log.
                s.execute("SET checkpoint_threshold = '0KB'");
            }
            try {
                connection.commit();
            } finally {
                if (checkpoint) {
                    s.execute("SET checkpoint_threshold = '" + EventStore.CHECKPOINT_THRESHOLD + "'");
                }
            }
            StoreTiming.since(checkpoint ? "commit: COMMIT and CHECKPOINT" : "commit: COMMIT", t);
            thisRun.addAll(listed);
            EventFiles.deleteQuietly(replaced); // written again without their duplicates, no longer listed
            return new Counts(ev, cr, re, is, sw, q, log, al, au, nt);
        } catch (SQLException | RuntimeException x) {
            connection.rollback();
            EventFiles.deleteQuietly(made);
            throw x;
        } finally {
            if (oneThread != null) {
                oneThread.restore();
            }
            connection.setAutoCommit(auto);
        }
    }

    /**
     * Lists the batch's files, each without the events the store has already (see the class
     * comment), and makes the events view again; returns how many events went in. {@code replaced}
     * gets the files written again (to delete once committed), {@code made} the files written here,
     * {@code listed} the catalog paths listed; files in {@code thisRun} are not checked.
     */
    private static long addEvents(Connection c, Statement s, EventFiles files, List<WrittenFile> batch, List<Path> replaced,
                                  List<Path> made, Set<String> thisRun, List<String> listed) throws SQLException {
        if (batch.isEmpty()) {
            return 0;
        }
        long from = Long.MAX_VALUE, to = Long.MIN_VALUE;
        for (WrittenFile f : batch) {
            from = Math.min(from, f.minTime());
            to = Math.max(to, f.maxTime());
        }
        List<WrittenFile> keep = new ArrayList<>(batch);
        List<String> stored = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT path FROM event_files WHERE minTime <= make_timestamp(" + to * 1000
                + "::BIGINT) AND maxTime >= make_timestamp(" + from * 1000 + "::BIGINT)")) {
            while (rs.next()) {
                if (!thisRun.contains(rs.getString(1))) {
                    stored.add(files.resolve(rs.getString(1)).toString());
                }
            }
        }
        if (!stored.isEmpty()) {
            // Constants, not a subquery: the reader then skips the row groups outside the span by their statistics.
            String span = "eventTime BETWEEN make_timestamp(" + from * 1000 + "::BIGINT) AND make_timestamp(" + to * 1000
                    + "::BIGINT)";
            s.execute("CREATE OR REPLACE TEMP TABLE batch_duplicates AS SELECT b.filename AS file, b.eventID "
                    + "FROM read_parquet(" + list(paths(batch)) + ", filename = true) b WHERE b.eventID IN "
                    + "(SELECT eventID FROM read_parquet(" + list(stored) + ") WHERE " + span + ")");
            List<String> withDuplicates = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT DISTINCT file FROM batch_duplicates")) {
                while (rs.next()) {
                    withDuplicates.add(rs.getString(1));
                }
            }
            for (String file : withDuplicates) {
                WrittenFile old = keep.stream().filter(f -> f.path().toString().equals(file)).findFirst().orElseThrow();
                keep.remove(old);
                replaced.add(old.path());
                Path again = old.path().resolveSibling("part-" + UUID.randomUUID() + ".parquet");
                made.add(again);
                s.execute("COPY (SELECT * FROM read_parquet(" + DuckDb.literal(file) + ") WHERE eventID NOT IN "
                        + "(SELECT eventID FROM batch_duplicates WHERE file = " + DuckDb.literal(file) + ")) TO "
                        + DuckDb.literal(again.toString()) + " (FORMAT parquet, COMPRESSION zstd)");
                try (ResultSet rs = s.executeQuery("SELECT count(*), epoch_ms(min(eventTime)), epoch_ms(max(eventTime)) "
                        + "FROM read_parquet(" + DuckDb.literal(again.toString()) + ")")) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        keep.add(new WrittenFile(again, rs.getLong(1), rs.getLong(2), rs.getLong(3)));
                    } else {
                        replaced.add(again); // every event of it was stored: nothing to list
                    }
                }
            }
            s.execute("DROP TABLE IF EXISTS temp.main.batch_duplicates");
        }
        files.register(c, keep);
        for (WrittenFile f : keep) {
            listed.add(files.catalogPath(f.path()));
        }
        files.rebuildView(s);
        long added = 0;
        for (WrittenFile f : keep) {
            added += f.rows();
        }
        return added;
    }

    private static List<String> paths(List<WrittenFile> fs) {
        List<String> out = new ArrayList<>(fs.size());
        fs.forEach(f -> out.add(f.path().toString()));
        return out;
    }

    /** A DuckDB list literal of paths. */
    static String list(List<String> paths) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < paths.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(DuckDb.literal(paths.get(i)));
        }
        return b.append("]").toString();
    }
}
