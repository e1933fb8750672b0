package io.trailhound.store;

import java.sql.Connection;
import java.sql.SQLException;
import org.duckdb.DuckDBConnection;

/**
 * One of a writer's two lanes: a connection with its own staging tables and a thread that appends
 * to them and commits them. While one lane commits a batch, the other takes the next batch's rows,
 * so reading does not wait for a commit. Tasks run in the order given; the queue is bounded, so a
 * caller that outruns DuckDB waits instead of holding more rows.
 */
final class WriterLane implements AutoCloseable {
    final Connection connection;
    final StagingTables staging;
    private final OneThread thread;

    WriterLane(Connection base, int queued, String name) throws SQLException {
        this.connection = base.unwrap(DuckDBConnection.class).duplicate();
        try {
            this.staging = new StagingTables(connection);
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        this.thread = new OneThread(name, queued);
    }

    void execute(Runnable task) {
        thread.execute(task);
    }

    /** Runs what was given, then stops the thread. */
    void finish() {
        thread.finish();
    }

    /** Drops what was not run yet and stops the thread. */
    void abandon() {
        thread.abandon();
    }

    /** Drops the staging tables and closes the connection; after {@link #finish} or {@link #abandon}. */
    @Override
    public void close() throws SQLException {
        try {
            staging.close();
        } finally {
            connection.close();
        }
    }
}
