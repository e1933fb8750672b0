package io.trailhound.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exports read the store through event_view and the alerts table with search's filters; Parquet lands hive-partitioned. */
class ExportTest {
    @TempDir
    Path tmp;
    Path file;

    @BeforeEach
    void store() throws Exception {
        file = tmp.resolve("th.duckdb");
        try (EventStore s = EventStore.open(file.toString(), false)) {
            StoredEventRows.insert(s, "(eventID, eventTime, eventName, eventSource, awsRegion, recipientAccountId, raw, "
                    + "credentialId) VALUES "
                    + "('e-1', TIMESTAMP '2026-11-01 10:00:00', 'GetObject', 's3.amazonaws.com', 'us-east-1', '111122223333', '{\"a\":1}', NULL),"
                    + "('e-2', TIMESTAMP '2026-11-02 10:00:00', 'StopLogging', 'cloudtrail.amazonaws.com', 'eu-west-1', '444455556666', '{\"a\":2}', "
                    + "'ASIAALICE'),"
                    + "('e-3', TIMESTAMP '2026-11-02 11:00:00', 'ListUsers', 'iam.amazonaws.com', NULL, NULL, '{\"a\":3}', NULL)");
            s.db().execute("INSERT INTO credentials (credentialId, accessKeyId, reattributable, originType, originArn, originLabel, "
                    + "originAccount, confidence, chain, anomalies, pending, firstSeen, answeredAt) VALUES ('ASIAALICE', 'ASIAALICE', false, "
                    + "'IAMUser', 'arn:aws:iam::444455556666:user/alice', 'arn:aws:iam::444455556666:user/alice', '444455556666', "
                    + "'exact', '[{\"arn\":\"arn:aws:sts::444455556666:assumed-role/Admin/alice\",\"time\":\"2026-11-02T09:00:00Z\"}]', '[]', "
                    + "false, TIMESTAMP '2026-11-02 10:00:00', TIMESTAMP '2026-11-02 10:00:00')");
            s.db().execute("INSERT INTO alerts (id, eventID, time, ruleId, ruleName, format, severity, eventName, "
                    + "recipientAccountId, originLabel, confidence, raisedAt, credentialId) VALUES "
                    + "('falco:r:id:e-2', 'e-2', TIMESTAMP '2026-11-02 10:00:00', 'r', 'Logging stopped', 'falco', 'high', "
                    + "'StopLogging', '444455556666', 'arn:aws:iam::444455556666:user/alice', 'exact', now()::TIMESTAMP, 'ASIAALICE')");
        }
    }

    @Test
    void eventsComeWithRawRecordsAndChainsUnderSearchFilters() {
        try (EventStore s = EventStore.open(file.toString(), true)) {
            List<EventStore.ExportedEvent> all = new ArrayList<>();
            assertThat(s.exportEvents(SearchFilter.all(), all::add)).isEqualTo(3);
            EventStore.ExportedEvent e2 = all.stream().filter(e -> e.event().eventID().equals("e-2")).findFirst().orElseThrow();
            assertThat(e2.rawJson()).isEqualTo("{\"a\":2}");
            assertThat(e2.chain()).extracting(WhoAnswer.ChainHop::arn).containsExactly("arn:aws:sts::444455556666:assumed-role/Admin/alice");
            assertThat(e2.chain()).extracting(WhoAnswer.ChainHop::time).containsExactly(Instant.parse("2026-11-02T09:00:00Z"));
            List<EventStore.ExportedEvent> some = new ArrayList<>();
            s.exportEvents(SearchFilter.all().between(Instant.parse("2026-11-02T00:00:00Z"), null).withAccount("444455556666"),
                    some::add);
            assertThat(some).extracting(e -> e.event().eventID()).containsExactly("e-2");
            some.clear();
            s.exportEvents(SearchFilter.all().withOrigin("arn:aws:iam::444455556666:user/alice"), some::add);
            assertThat(some).hasSize(1);
            assertThatThrownBy(() -> s.exportEvents(SearchFilter.all().withWhere("true); DELETE FROM events; SELECT (1"), x -> { }))
                    .hasMessageContaining("one SQL expression");
        }
    }

    @Test
    void alertsComeWithTheirEventsOriginAndFollowTheEventFilters() {
        try (EventStore s = EventStore.open(file.toString(), true)) {
            List<StoredAlert> out = new ArrayList<>();
            assertThat(s.exportAlerts(SearchFilter.all(), out::add)).isEqualTo(1);
            StoredAlert a = out.get(0);
            assertThat(a.id()).isEqualTo("falco:r:id:e-2");
            assertThat(a.awsRegion()).isEqualTo("eu-west-1");
            assertThat(a.originArn()).isEqualTo("arn:aws:iam::444455556666:user/alice");
            assertThat(a.chain()).hasSize(1);
            assertThat(a.timeMillis()).isEqualTo(Instant.parse("2026-11-02T10:00:00Z").toEpochMilli());
            out.clear();
            assertThat(s.exportAlerts(SearchFilter.all().withAccount("111122223333"), out::add)).isZero();
            assertThat(s.exportAlerts(SearchFilter.all().withWhere("eventName = 'StopLogging'"), out::add)).isEqualTo(1);
        }
    }

    @Test
    void parquetIsHivePartitionedByAccountRegionAndDate() throws Exception {
        Path out = tmp.resolve("lake");
        try (EventStore s = EventStore.openForExport(file.toString(), out)) {
            assertThat(s.exportParquet(SearchFilter.all(), out)).isEqualTo(3);
        }
        List<String> files;
        try (Stream<Path> w = Files.walk(out)) {
            files = w.filter(p -> p.toString().endsWith(".parquet")).map(p -> out.relativize(p).getParent().toString()).sorted().toList();
        }
        assertThat(files).containsExactly("account=111122223333/region=us-east-1/date=2026-11-01",
                "account=444455556666/region=eu-west-1/date=2026-11-02", "account=unknown/region=unknown/date=2026-11-02");
        try (DuckDb db = DuckDb.inMemory(1); Statement st = db.connection().createStatement();
             ResultSet rs = st.executeQuery("SELECT eventID, account, region, date::VARCHAR, originArn, raw FROM read_parquet("
                     + DuckDb.literal(out + "/**/*.parquet") + ", hive_partitioning = true) WHERE eventID = 'e-2'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(2)).isEqualTo("444455556666");
            assertThat(rs.getString(3)).isEqualTo("eu-west-1");
            assertThat(rs.getString(4)).isEqualTo("2026-11-02");
            assertThat(rs.getString(5)).isEqualTo("arn:aws:iam::444455556666:user/alice");
            assertThat(rs.getString(6)).isEqualTo("{\"a\":2}");
        }
    }

    /** The export connection writes only into its directory: user SQL still cannot read or write other files. */
    @Test
    void theExportConnectionReachesNoOtherFile() throws Exception {
        Path out = tmp.resolve("lake");
        Path secret = tmp.resolve("secret.csv");
        Files.writeString(secret, "x\n1\n");
        try (EventStore s = EventStore.openForExport(file.toString(), out)) {
            assertThatThrownBy(() -> s.exportParquet(SearchFilter.all().withWhere(
                    "eventID IN (SELECT x::VARCHAR FROM read_csv(" + DuckDb.literal(secret.toString()) + "))"), out))
                    .isInstanceOf(StoreException.class);
            assertThatThrownBy(() -> s.db().execute("COPY (SELECT 1) TO " + DuckDb.literal(tmp.resolve("elsewhere.csv").toString())))
                    .hasMessageContaining("ermission");
            assertThatThrownBy(() -> s.db().execute("SET allowed_directories = ['/']")).hasMessageContaining("locked");
        }
        assertThat(Files.exists(tmp.resolve("elsewhere.csv"))).isFalse();
    }

    @Test
    void undeliveredAlertsAreKeptAndPruned() {
        try (EventStore s = EventStore.open(file.toString(), false)) {
            s.keepUndelivered(List.of(new EventStore.Undelivered("a-1", "http://127.0.0.1/x", "{\"rule\":\"r\"}", 5, "HTTP 503")),
                    Instant.parse("2026-11-02T00:00:00Z"));
            assertThat(s.db().queryString("SELECT payload FROM webhook_undelivered WHERE alertId = 'a-1'")).isEqualTo("{\"rule\":\"r\"}");
            s.prune(java.time.Duration.ofDays(1), Instant.parse("2026-11-10T00:00:00Z"));
            assertThat(s.db().queryLong("SELECT count(*) FROM webhook_undelivered")).isZero();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The record comes as its stored UTF-8 bytes: backslash escapes and non-ASCII text unchanged. */
    @Test
    void rawRecordsComeAsTheirUtf8BytesWithEscapesIntact() throws Exception {
        String record = "{\"k\":\"C:\\\\x41 \\u0001 caf\u00e9 \u2603 \ud83d\ude00\"}";
        try (EventStore s = EventStore.open(file.toString(), false)) {
            StoredEventRows.insert(s, "(eventID, eventTime, raw) VALUES ('e-4', TIMESTAMP '2026-11-03 10:00:00', "
                    + io.trailhound.store.DuckDb.literal(record) + ")");
        }
        try (EventStore s = EventStore.open(file.toString(), true)) {
            List<EventStore.ExportedEvent> all = new ArrayList<>();
            s.exportEvents(SearchFilter.all(), all::add);
            EventStore.ExportedEvent e1 = all.stream().filter(e -> e.event().eventID().equals("e-4")).findFirst().orElseThrow();
            assertThat(e1.raw()).isEqualTo(record.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertThat(e1.event().raw()).isNull();
            assertThat(e1.chain()).isEmpty();
        }
    }
}
