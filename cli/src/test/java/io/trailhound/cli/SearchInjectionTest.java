package io.trailhound.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.store.DuckDb;
import io.trailhound.store.EventStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code search --where} takes SQL from the user, over a store opened read-only without access
 * to other files. Each attempt below to change the store, run statements of its own, read or
 * write a file, reach the network, or install or load an extension is refused (exit 2, a message,
 * no stack trace); the few that are plain expressions run and find what they say. None may show
 * a secret kept in files beside the store, and afterwards the store and its folder are as before.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SearchInjectionTest {
    /** In the files beside the store; never in any output. */
    private static final String SECRET = "CANARY" + "-7f3a91";
    /** A query with every column a search reads: what a condition that closes the query can end it with. */
    private static final String A_SEARCH = "SELECT *, epoch_ms(eventTime) AS eventTimeMillis FROM event_view WHERE (true";

    @TempDir
    static Path tmp;
    static Path db;
    static Contents before;

    private enum Outcome { REFUSED, RUNS }

    static Stream<Arguments> attempts() {
        return Stream.of(
                // statements of its own, after the condition
                refused("1=1; DROP TABLE events"),
                refused("eventID = 'x'; DROP TABLE events; --"),
                refused("true); DROP TABLE events; SELECT (1"),
                refused("true); DELETE FROM events; SELECT (1"),
                refused("true); UPDATE events SET eventName = 'x'; SELECT (1"),
                refused("true); INSERT INTO events (eventID, eventTime) VALUES ('evil', now()); SELECT (1"),
                refused("true); CREATE TABLE evil AS SELECT 1; SELECT (1"),
                refused("true); CREATE TEMP TABLE evil AS SELECT 1; " + A_SEARCH), // ran, and the search went on: exit 0
                refused("true); CREATE MACRO evil(x) AS x; SELECT (1"),
                refused("true); CHECKPOINT; SELECT (1"),
                refused("true); VACUUM; SELECT (1"),
                refused("true) ORDER BY 1; SELECT 1; " + A_SEARCH),
                refused("true) /* ; */ ; DROP TABLE events; SELECT (1"),
                refused("true) --"),
                refused("true /*"),
                refused("eventID = 'x' UNION SELECT 1"),
                // files: read
                refused("eventID IN (SELECT eventID FROM read_csv('{dir}/secret.csv'))"),
                refused("eventID IN (SELECT column0 FROM read_csv_auto('{dir}/secret.csv', header = false))"),
                refused("eventID IN (SELECT eventID FROM read_json('{dir}/secret.json'))"),
                refused("eventID IN (SELECT json::VARCHAR FROM read_json_objects('{dir}/secret.json'))"),
                refused("eventID IN (SELECT eventID FROM read_ndjson('{dir}/secret.json'))"),
                refused("eventID IN (SELECT eventID FROM read_parquet('{dir}/secret.parquet'))"),
                refused("eventID IN (SELECT content FROM read_text('{dir}/secret.csv'))"),
                refused("eventID IN (SELECT content::VARCHAR FROM read_blob('{dir}/secret.csv'))"),
                refused("eventID IN (SELECT file FROM glob('{dir}/*'))"),
                refused("eventID IN (SELECT eventID FROM '{dir}/secret.csv')"),
                refused("eventID IN (SELECT Columns::VARCHAR FROM sniff_csv('{dir}/secret.csv'))"),
                refused("eventID IN (SELECT file_name FROM parquet_metadata('{dir}/secret.parquet'))"),
                refused("eventID IN (SELECT eventID FROM read_csv('{dir}/secret.csv') UNION SELECT 'x')"),
                refused("true); COPY events FROM '{dir}/secret.csv'; SELECT (1"),
                refused("true); IMPORT DATABASE '{dir}'; SELECT (1"),
                // files: write
                refused("true); COPY (SELECT * FROM events) TO '{dir}/leak.csv'; SELECT (1"),
                refused("true); EXPORT DATABASE '{dir}/export'; SELECT (1"),
                refused("true); PRAGMA profiling_output = '{dir}/profile.json'; SELECT (1"),
                refused("true); SET temp_directory = '{dir}/spill'; SELECT (1"),
                // other databases
                refused("true); ATTACH '{dir}/other.duckdb' AS other; SELECT (1"),
                refused("true); ATTACH ':memory:' AS mem; SELECT (1"),
                refused("true); DETACH th; SELECT (1"),
                refused("true); USE memory; SELECT (1"),
                refused("eventID IN (SELECT secret FROM sqlite_scan('{dir}/other.duckdb', 't'))"),
                // network, extensions, settings
                refused("eventID IN (SELECT eventID FROM read_csv('http://127.0.0.1:9/secret.csv'))"),
                refused("true); INSTALL httpfs; SELECT (1"),
                refused("true); LOAD httpfs; SELECT (1"),
                refused("true); LOAD '{dir}/evil.duckdb_extension'; SELECT (1"),
                refused("eventID IN (SELECT * FROM read_xlsx('{dir}/secret.xlsx'))"), // DuckDB would install excel on its own
                refused("true); CREATE SECRET s (TYPE s3, KEY_ID 'a', SECRET 'b'); SELECT (1"),
                refused("true); SET enable_external_access = true; SELECT (1"),
                refused("true); RESET lock_configuration; SELECT (1"),
                refused("true); PRAGMA enable_profiling = 'json'; SELECT (1"),
                refused("true); CALL pragma_version(); SELECT (1"),
                refused("eventID = getenv('HOME')"),
                // quoting and unicode
                refused("eventID = U&'\\0027); DROP TABLE events; --'"),
                refused("true)\uFF1B DROP TABLE events\uFF1B SELECT (1"),
                runs("eventID = 'x'' OR ''1''=''1'", 0),
                runs("eventID = E'\\x27); DROP TABLE events; --'", 0),
                runs("eventID = $$'); DROP TABLE events; --$$", 0),
                runs("eventID = 'x' -- ; DROP TABLE events", 0),
                runs("eventName = '\uFF58' OR eventName = 'x\u202E; DROP TABLE events'", 0),
                runs("eventID = 'x' /* ; DROP TABLE events */ OR 1=1", -1),
                // reading what DuckDB says about itself: the store's own path and settings, nothing beside it
                runs("eventID IN (SELECT path FROM duckdb_databases())", 0),
                runs("eventID IN (SELECT value FROM duckdb_settings())", 0),
                runs("eventID = current_setting('home_directory')", 0));
    }

    private static Arguments refused(String where) {
        return Arguments.of(where, Outcome.REFUSED, 0);
    }

    /** An expression that runs and matches {@code matches} events (-1: all). */
    private static Arguments runs(String where, int matches) {
        return Arguments.of(where, Outcome.RUNS, matches);
    }

    @BeforeAll
    static void storeAndSecretsBesideIt() throws Exception {
        CliRun gen = CliRun.of("generate", "--out", tmp.resolve("org").toString(), "--events", "1000", "--accounts", "2",
                "--users", "5", "--days", "1", "--format", "json");
        assertThat(gen.exit()).as(gen.err()).isZero();
        db = tmp.resolve("th.duckdb");
        CliRun scan = CliRun.of("scan", tmp.resolve("org/logs").toString(), "--db", db.toString(), "--no-progress");
        assertThat(scan.exit()).as(scan.err()).isZero();
        Files.writeString(tmp.resolve("secret.csv"), "eventID\n" + SECRET + "\n");
        Files.writeString(tmp.resolve("secret.json"), "{\"eventID\": \"" + SECRET + "\"}\n");
        try (DuckDb other = DuckDb.open(tmp.resolve("other.duckdb"), 1)) {
            other.execute("CREATE TABLE t AS SELECT '" + SECRET + "' AS secret, '" + SECRET + "' AS eventID");
            other.execute("COPY t TO '" + tmp.resolve("secret.parquet") + "' (FORMAT parquet)");
        }
        before = Contents.of(db, tmp);
        assertThat(before.counts().get("events")).isPositive();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("attempts")
    @Order(1)
    void eachAttemptIsRefusedOrRunsAsAPlainExpression(String attempt, Outcome outcome, int matches) throws IOException {
        String where = attempt.replace("{dir}", tmp.toString());
        CliRun r = CliRun.of("search", "--db", db.toString(), "--format", "ndjson", "--where", where);
        assertThat(r.out() + r.err()).as("output").doesNotContain(SECRET);
        if (outcome == Outcome.REFUSED) {
            assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
            assertThat(r.err()).startsWith("trailhound: ").contains("search").doesNotContain("\tat ")
                    .doesNotContain("Exception").doesNotContain("Autoloading");
            assertThat(r.out()).isEmpty();
        } else {
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.err()).isEmpty();
            long expected = matches < 0 ? before.counts().get("events") : matches;
            assertThat((long) r.jsonLines().size()).isEqualTo(expected);
        }
    }

    @Test
    @Order(2)
    void afterAllAttemptsTheStoreAndItsFolderAreAsBefore() throws Exception {
        assertThat(Contents.of(db, tmp)).isEqualTo(before);
    }

    /** Rows per table, a digest of every event, and every file in the folder with its size. */
    private record Contents(Map<String, Long> counts, String digest, Map<String, Long> files) {
        static Contents of(Path db, Path folder) throws Exception {
            Map<String, Long> files = new TreeMap<>();
            try (Stream<Path> walk = Files.walk(folder)) {
                walk.filter(Files::isRegularFile).forEach(p -> files.put(folder.relativize(p).toString(), p.toFile().length()));
            }
            try (EventStore s = EventStore.open(db.toString(), true)) {
                return new Contents(s.counts(), s.db().queryString("SELECT md5(string_agg(eventID || ':' || md5(raw) || ':' "
                        + "|| coalesce(originLabel, ''), ',' ORDER BY eventID)) FROM event_view"), files);
            }
        }
    }
}
