package io.trailhound.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * DuckDB at one worker thread for a while, then back to what it had. A batch commit's statements
 * each work on one batch's credentials, issuances and ingest-log rows (thousands of rows): a
 * second DuckDB thread cost more CPU than it saved and waited for a core the scan was using
 * (a 200,000-event batch's credential statements: about half the CPU and wall time at one thread).
 * {@code threads} is a setting of the whole database, so readers answered beside a writer get one
 * thread while a commit runs.
 */
final class OneDuckDbThread {
    private final Connection connection;
    private final long before;

    private OneDuckDbThread(Connection connection, long before) {
        this.connection = connection;
        this.before = before;
    }

    /** Sets DuckDB's threads to one through {@code c}; {@link #restore} sets them back. */
    static OneDuckDbThread set(Connection c) throws SQLException {
        long before;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT current_setting('threads')")) {
            rs.next();
            before = rs.getLong(1);
            if (before != 1) {
                s.execute("SET threads = 1");
            }
        }
        return new OneDuckDbThread(c, before);
    }

    /** Sets the threads back to what they were. */
    void restore() throws SQLException {
        if (before != 1) {
            try (Statement s = connection.createStatement()) {
                s.execute("SET threads = " + before);
            }
        }
    }
}
