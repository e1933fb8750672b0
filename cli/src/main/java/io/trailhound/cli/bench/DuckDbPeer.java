package io.trailhound.cli.bench;

import io.trailhound.store.DuckDb;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * DuckDB over the same files, in process through JDBC: {@code read_json} on the logs' gzip glob,
 * the Records array unnested, the same ConsoleLogin filter, counted. The schema is given (only
 * {@code eventName} and {@code eventID} of each record), which is how one would write it for
 * speed: DuckDB then does not infer a schema over the wildly varying request/response objects.
 */
final class DuckDbPeer implements AutoCloseable {
    private final DuckDb db;
    private final String source;

    private DuckDbPeer(DuckDb db, String source) {
        this.db = db;
        this.source = source;
    }

    /**
     * @param glob          e.g. {@code <logsRoot>/**}{@code /*.json.gz}
     * @param maxObjectSize DuckDB's per-document limit; one log file is one document
     */
    static DuckDbPeer open(String glob, int threads, long maxObjectSize) throws SQLException {
        DuckDb db = DuckDb.inMemory(threads);
        String source = "read_json(" + DuckDb.literal(glob) + ", format = 'auto', "
                + "columns = {'Records': 'STRUCT(eventName VARCHAR, eventID VARCHAR)[]'}, "
                + "maximum_object_size = " + maxObjectSize + ")";
        return new DuckDbPeer(db, source);
    }

    static String glob(Path logsRoot) {
        return logsRoot.toAbsolutePath() + "/**/*.json.gz";
    }

    /** The timed query. */
    String countSql() {
        return "SELECT count(*) FROM (SELECT unnest(Records) AS r FROM " + source + ") WHERE r.eventName = 'ConsoleLogin'";
    }

    long countConsoleLogins() throws SQLException {
        return db.queryLong(countSql());
    }

    /** ConsoleLogin records with distinct eventIDs: what a deduplicating reader keeps. */
    long countDistinctConsoleLogins() throws SQLException {
        return db.queryLong("SELECT count(DISTINCT r.eventID) FROM (SELECT unnest(Records) AS r FROM " + source
                + ") WHERE r.eventName = 'ConsoleLogin'");
    }

    /** How many files the glob matches. */
    long files(String glob) throws SQLException {
        return db.queryLong("SELECT count(*) FROM glob(" + DuckDb.literal(glob) + ")");
    }

    String version() throws SQLException {
        return db.version();
    }

    @Override
    public void close() throws SQLException {
        db.close();
    }
}
