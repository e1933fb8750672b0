package io.trailhound.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** The SQL condition of a search (the CLI's --where) runs as one expression, and reads the store and nothing else. */
class SearchSqlTest {
    /** A query with every column a search reads: what a condition that closes the query can end it with. */
    private static final String A_SEARCH = "SELECT *, epoch_ms(eventTime) AS eventTimeMillis FROM event_view WHERE (true";

    @TempDir
    Path tmp;
    Path file;

    @BeforeEach
    void storeWithOneEvent() throws Exception {
        file = tmp.resolve("th.duckdb");
        try (EventStore s = EventStore.open(file.toString(), false)) {
            StoredEventRows.insert(s, "(eventID, eventTime, eventName, raw) "
                    + "VALUES ('e-1', TIMESTAMP '2026-11-01 00:00:00', 'GetObject', '{\"a\": 1}')");
        }
    }

    private static List<StoredEvent> search(EventStore s, String where) {
        List<StoredEvent> out = new ArrayList<>();
        s.search(SearchFilter.all().withWhere(where), out::add);
        return out;
    }

    // DuckDB's JDBC driver runs every statement but the last of a text it prepares: before the
    // check, each of these ran its own statements (on a store open for writing, the DELETE emptied it).
    @ParameterizedTest
    @ValueSource(strings = {
        "true); DELETE FROM events; SELECT (1",
        "true); DELETE FROM events; " + A_SEARCH,
        "true); CREATE TEMP TABLE pwned AS SELECT 1 AS x; " + A_SEARCH,
        "true); SELECT 1; " + A_SEARCH,
        "true) ORDER BY 1; DROP TABLE events; SELECT (1"})
    void aConditionThatAddsStatementsIsRefusedBeforeAnyRuns(String where) throws Exception {
        for (boolean readOnly : new boolean[] {true, false}) {
            try (EventStore s = EventStore.open(file.toString(), readOnly)) {
                assertThatThrownBy(() -> search(s, where)).isInstanceOf(StoreException.class)
                        .hasMessageContaining("one SQL expression over event_view");
                assertThat(s.db().queryLong("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'pwned'")).isZero();
                assertThat(s.counts().get("events")).isEqualTo(1L);
            }
        }
    }

    @Test
    void oneExpressionStillRunsWhateverItQuotes() {
        try (EventStore s = EventStore.open(file.toString(), true)) {
            assertThat(search(s, "eventName <> 'x''); DELETE FROM events; --' AND json_extract_string(raw, '$.a') = '1'"))
                    .extracting(StoredEvent::eventID).containsExactly("e-1");
            assertThat(search(s, "eventName = $$GetObject$$ -- ; DELETE FROM events")).hasSize(1);
            assertThat(search(s, "eventID IN (SELECT eventID FROM events WHERE eventName LIKE 'Get%')")).hasSize(1);
            // a syntax error keeps DuckDB's own message, with its place in the query
            assertThatThrownBy(() -> search(s, "1=1; DROP TABLE events")).isInstanceOf(StoreException.class)
                    .hasMessageContaining("syntax error").hasMessageContaining("LINE 1");
            assertThat(s.counts().get("events")).isEqualTo(1L);
        }
    }

    @Test
    void aReadOnlyStoreInstallsAndLoadsNoExtensionAndCannotBeToldTo() throws Exception {
        try (EventStore s = EventStore.open(file.toString(), true)) {
            for (String setting : List.of("enable_external_access", "autoinstall_known_extensions", "autoload_known_extensions")) {
                assertThat(s.db().queryString("SELECT current_setting('" + setting + "')::VARCHAR")).as(setting).isEqualTo("false");
                assertThatThrownBy(() -> s.db().execute("SET " + setting + " = true")).as(setting)
                        .hasMessageContaining("configuration has been locked");
            }
            // DuckDB installed the excel extension for this on its own: a download, and a folder made in the home directory
            assertThatThrownBy(() -> search(s, "eventID IN (SELECT * FROM read_xlsx('" + tmp.resolve("x.xlsx") + "'))"))
                    .isInstanceOf(StoreException.class)
                    .message().doesNotContain("Autoloading").doesNotContain("download").contains("read_xlsx");
        }
    }
}
