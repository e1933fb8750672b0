package io.trailhound.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * One embedded DuckDB database, in memory or in a file, reached through one JDBC connection.
 * Opening sets the worker thread count; closing releases the connection and with it the
 * database (DuckDB keeps the file locked while it is open). Not thread-safe: one user at a time,
 * as for a JDBC connection.
 */
public final class DuckDb implements AutoCloseable {
    private static final String URL_PREFIX = "jdbc:duckdb:";

    private final Path file;
    private final Connection connection;
    private int threads;
    private boolean closed;

    private DuckDb(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    /** A private in-memory database that lives until {@link #close()}. */
    public static DuckDb inMemory(int threads) throws SQLException {
        return open(null, threads, false);
    }

    /** The database in {@code file}, made (with its parent folders) when absent. */
    public static DuckDb open(Path file, int threads) throws SQLException {
        return open(file, threads, false);
    }

    /**
     * @param file     the database file, or null for an in-memory database
     * @param threads  DuckDB worker threads (at least 1)
     * @param readOnly open an existing file without writing to it (ignored in memory)
     */
    public static DuckDb open(Path file, int threads, boolean readOnly) throws SQLException {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, not " + threads);
        }
        Properties props = new Properties();
        if (file != null && readOnly) {
            props.setProperty("duckdb.read_only", "true");
            // Queries and exports read their rows as they come: a result is never held whole.
            props.setProperty("jdbc_stream_results", "true");
        }
        String url = URL_PREFIX;
        if (file != null) {
            Path abs = file.toAbsolutePath();
            if (!readOnly) {
                try {
                    Files.createDirectories(abs.getParent());
                } catch (IOException e) {
                    throw new SQLException("cannot create the folder for " + abs + ": " + e.getMessage(), e);
                }
            }
            url += abs;
        }
        Connection c = DriverManager.getConnection(url, props);
        DuckDb db = new DuckDb(file, c);
        try {
            db.setThreads(threads);
        } catch (SQLException | RuntimeException e) {
            db.close();
            throw e;
        }
        return db;
    }

    /** The database file, or null for an in-memory database. */
    public Path file() {
        return file;
    }

    public boolean inMemory() {
        return file == null;
    }

    /** The JDBC connection, for queries this class has no helper for. Closed by {@link #close()}. */
    public Connection connection() {
        ensureOpen();
        return connection;
    }

    /** DuckDB worker threads, as last set. */
    public int threads() {
        return threads;
    }

    /** Sets how many worker threads DuckDB uses for queries on this database. */
    public void setThreads(int threads) throws SQLException {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, not " + threads);
        }
        execute("SET threads = " + threads);
        this.threads = threads;
    }

    /** Runs a statement that returns no rows. */
    public void execute(String sql) throws SQLException {
        try (Statement s = connection().createStatement()) {
            s.execute(sql);
        }
    }

    /** Runs a query whose answer is one number (its first row, first column); null when there is no row or it is SQL NULL. */
    public Long queryLong(String sql) throws SQLException {
        try (Statement s = connection().createStatement(); ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) {
                return null;
            }
            long v = rs.getLong(1);
            return rs.wasNull() ? null : v;
        }
    }

    /** Runs a query whose answer is one text value (first row, first column); null when there is no row or it is SQL NULL. */
    public String queryString(String sql) throws SQLException {
        try (Statement s = connection().createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** The DuckDB library version, e.g. {@code v1.4.1}. */
    public String version() throws SQLException {
        return queryString("SELECT version()");
    }

    /** {@code text} as a SQL string literal: single-quoted, inner quotes doubled. For paths and names in table functions. */
    public static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    public boolean isClosed() {
        return closed;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("DuckDB " + (file == null ? "in-memory database" : file) + " is closed");
        }
    }

    /** Closes the connection and with it the database; calling it again does nothing. */
    @Override
    public void close() throws SQLException {
        if (closed) {
            return;
        }
        closed = true;
        connection.close();
    }

    @Override
    public String toString() {
        return "DuckDb[" + (file == null ? "memory" : file.toString()) + ", threads=" + threads + "]";
    }
}
