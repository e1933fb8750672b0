package io.trailhound.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Puts event rows into a store for a test as a migration carries a table over: the rows of an
 * {@code INSERT INTO events ...} (what follows {@code INSERT INTO events}: a column list and
 * VALUES, {@code BY NAME SELECT ...}) become partition files listed in the catalog, in one
 * transaction, and the events view is made again over them.
 */
final class StoredEventRows {
    private StoredEventRows() {
    }

    static void insert(EventStore store, String afterInsertInto) throws SQLException {
        Connection c = store.db().connection();
        EventFiles files = store.eventFiles();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("CREATE OR REPLACE TEMP TABLE test_events AS " + EventFiles.EMPTY_EVENTS);
            s.execute("INSERT INTO test_events " + afterInsertInto);
            files.importRows(s, "SELECT * FROM test_events");
            files.rebuildView(s);
            s.execute("DROP TABLE temp.main.test_events");
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }
}
