package io.trailhound.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuckDbTest {

    @Test
    void inMemoryDatabaseAnswersQueries() throws Exception {
        try (DuckDb db = DuckDb.inMemory(2)) {
            assertThat(db.inMemory()).isTrue();
            assertThat(db.file()).isNull();
            assertThat(db.queryLong("SELECT 40 + 2")).isEqualTo(42L);
            assertThat(db.version()).startsWith("v");
            db.execute("CREATE TABLE t (name VARCHAR, n BIGINT)");
            db.execute("INSERT INTO t VALUES ('a', 1), ('b', 2), ('c', NULL)");
            assertThat(db.queryLong("SELECT sum(n) FROM t")).isEqualTo(3L);
            assertThat(db.queryLong("SELECT n FROM t WHERE name = 'c'")).isNull();
            assertThat(db.queryLong("SELECT n FROM t WHERE name = 'zzz'")).isNull();
            try (Statement s = db.connection().createStatement(); ResultSet rs = s.executeQuery("SELECT name FROM t ORDER BY name")) {
                StringBuilder names = new StringBuilder();
                while (rs.next()) {
                    names.append(rs.getString(1));
                }
                assertThat(names).hasToString("abc");
            }
        }
    }

    @Test
    void threadsAreSetAndChangeable() throws Exception {
        try (DuckDb db = DuckDb.inMemory(1)) {
            assertThat(db.threads()).isEqualTo(1);
            assertThat(db.queryLong("SELECT current_setting('threads')")).isEqualTo(1L);
            db.setThreads(3);
            assertThat(db.threads()).isEqualTo(3);
            assertThat(db.queryLong("SELECT current_setting('threads')")).isEqualTo(3L);
        }
        assertThatThrownBy(() -> DuckDb.inMemory(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void inMemoryDatabasesAreSeparate() throws Exception {
        try (DuckDb a = DuckDb.inMemory(1); DuckDb b = DuckDb.inMemory(1)) {
            a.execute("CREATE TABLE only_in_a (x INT)");
            assertThat(b.queryLong("SELECT count(*) FROM information_schema.tables WHERE table_name = 'only_in_a'")).isZero();
        }
    }

    @Test
    void fileDatabaseKeepsDataAcrossOpensAndReleasesTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sub/folder/test.duckdb");
        try (DuckDb db = DuckDb.open(file, 2)) {
            assertThat(db.file()).isEqualTo(file);
            db.execute("CREATE TABLE events (id VARCHAR)");
            db.execute("INSERT INTO events VALUES ('e1'), ('e2')");
        }
        assertThat(Files.isRegularFile(file)).isTrue();
        // Closed cleanly: the file can be opened again, read-only and then read-write.
        try (DuckDb ro = DuckDb.open(file, 1, true)) {
            assertThat(ro.queryLong("SELECT count(*) FROM events")).isEqualTo(2L);
            assertThatThrownBy(() -> ro.execute("INSERT INTO events VALUES ('e3')")).isInstanceOf(SQLException.class);
        }
        try (DuckDb rw = DuckDb.open(file, 1)) {
            rw.execute("INSERT INTO events VALUES ('e3')");
            assertThat(rw.queryLong("SELECT count(*) FROM events")).isEqualTo(3L);
        }
    }

    @Test
    void closeIsIdempotentAndUseAfterCloseFails() throws Exception {
        DuckDb db = DuckDb.inMemory(1);
        db.close();
        db.close();
        assertThat(db.isClosed()).isTrue();
        assertThatThrownBy(() -> db.queryLong("SELECT 1")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void literalQuotesText() throws Exception {
        assertThat(DuckDb.literal("/tmp/it's here/*.gz")).isEqualTo("'/tmp/it''s here/*.gz'");
        try (DuckDb db = DuckDb.inMemory(1)) {
            assertThat(db.queryString("SELECT " + DuckDb.literal("a'b"))).isEqualTo("a'b");
        }
    }
}
