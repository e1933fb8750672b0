package io.trailhound.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
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
    private final ThreadPoolExecutor thread;

    WriterLane(Connection base, EventFiles files, int queued, String name) throws SQLException {
        this.connection = base.unwrap(DuckDBConnection.class).duplicate();
        try {
            this.staging = new StagingTables(connection, files);
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        this.thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queued), r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        }, (r, pool) -> {
            // Full: the caller waits for the lane (back pressure).
            try {
                if (!pool.isShutdown()) {
                    pool.getQueue().put(r);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException("interrupted while handing rows to the store's writer", e);
            }
        });
    }

    void execute(Runnable task) {
        thread.execute(task);
    }

    /** Runs what was given, then stops the thread. */
    void finish() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(1, TimeUnit.HOURS)) {
                throw new StoreException("the store's writer did not finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while the store's writer finished", e);
        }
    }

    /** Drops what was not run yet and stops the thread. */
    void abandon() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
