package io.trailhound.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.ingest.BadRecord;
import io.trailhound.core.ingest.InputSource;
import io.trailhound.core.ingest.ReadLimits;
import io.trailhound.core.ingest.RecordHandler;
import io.trailhound.core.ingest.RecordReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batches as a run goes: each commit holds whole inputs only, readers beside the writer (through
 * its socket) see committed batches and nothing staged, the same events again add nothing though
 * eventID has no index, and a store as the release before wrote it is carried over.
 */
class StoreBatchesTest {
    @TempDir
    Path tmp;

    private static final String RECORD = "{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":\"IAMUser\","
            + "\"arn\":\"arn:aws:iam::111122223333:user/alice\",\"accountId\":\"111122223333\",\"accessKeyId\":\"AKIAALICE0000000001\"},"
            + "\"eventTime\":\"2026-11-01T10:%02d:00Z\",\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"ListBuckets\","
            + "\"awsRegion\":\"us-east-1\",\"eventID\":\"%s\",\"recipientAccountId\":\"111122223333\"}";

    private static List<CloudTrailEvent> decode(String name, int from, int count) {
        StringBuilder json = new StringBuilder("{\"Records\":[");
        for (int i = from; i < from + count; i++) {
            json.append(i == from ? "" : ",").append(String.format(RECORD, i, id(i)));
        }
        List<CloudTrailEvent> out = new ArrayList<>();
        new RecordReader(ReadLimits.defaults(), false).read(
                InputSource.bytes(name, json.append("]}").toString().getBytes(StandardCharsets.UTF_8)), new RecordHandler() {
                    @Override
                    public void event(CloudTrailEvent e) {
                        out.add(e);
                    }

                    @Override
                    public void bad(BadRecord b) {
                        throw new AssertionError("bad record in the test's own input: " + b.detail());
                    }
                });
        assertThat(out).hasSize(count);
        return out;
    }

    private static String id(int i) {
        return String.format("00000000-0000-4000-8000-%012d", i);
    }

    private static Set<String> storedIds(StoreReader r) {
        Set<String> out = new TreeSet<>();
        StoreReader.Rows rows = r.query("SELECT eventID FROM event_view", List.of());
        rows.rows().forEach(row -> out.add((String) row.get(0)));
        return out;
    }

    /** Batches commit on the writer's own thread: wait (a bounded time) until a reader sees {@code n} events. */
    private static Set<String> awaitEvents(StoreReader r, int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Set<String> ids = storedIds(r);
        while (ids.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(20);
            ids = storedIds(r);
        }
        return ids;
    }

    @Test
    void batchesHoldWholeInputsAndReadersBesideTheWriterSeeWhatIsCommittedOnly() throws Exception {
        Path file = tmp.resolve("store/th.duckdb");
        List<CloudTrailEvent> a = decode("a.json", 1, 3);
        List<CloudTrailEvent> b = decode("b.json", 4, 2);
        try (EventStore s = EventStore.open(file.toString(), false)) {
            assertThat(s.readerSocket()).isNotNull();
            assertThat(Files.getPosixFilePermissions(s.readerSocket().getParent()))
                    .as("only the store's owner may reach the socket").containsExactlyInAnyOrder(
                            java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE,
                            java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE);
            try (StoreReader reader = StoreQueries.reader(file.toString())) {
                assertThat(reader).as("a writer holds the store: readers go through it").isInstanceOf(SocketReader.class);
                assertThat(storedIds(reader)).isEmpty();
                try (StoreWriter w = s.writer()) {
                    w.wholeInputs(List.of("a.json", "b.json"));
                    a.forEach(e -> w.event(e, "AKIAALICE0000000001"));
                    w.event(b.get(0), "AKIAALICE0000000001");
                    w.inputDone("a.json");
                    w.ingested("sum-a", "/logs/a.json", 10, 3, 0, Instant.now());
                    w.commitBatch(null);
                    // b.json is half read: none of it is in the batch
                    assertThat(awaitEvents(reader, 3)).containsExactly(id(1), id(2), id(3));
                    Thread.sleep(200);
                    assertThat(storedIds(reader)).as("nothing of the input still being read").hasSize(3);
                    assertThat(reader.query("SELECT count(*) AS n FROM ingest_log", List.of()).rows().get(0).get(0)).isEqualTo(1L);

                    w.event(b.get(1), "AKIAALICE0000000001");
                    w.inputDone("b.json");
                    w.ingested("sum-b", "/logs/b.json", 10, 2, 0, Instant.now());
                    StoreWriter.Committed c = w.commit(null);
                    assertThat(c.batches()).isEqualTo(2);
                    assertThat(c.eventsAdded()).isEqualTo(5);
                    assertThat(c.filesLogged()).isEqualTo(2);
                }
                assertThat(storedIds(reader)).hasSize(5);

                // The guard holds on the socket too: one SELECT, nothing outside the store.
                assertThatThrownBy(() -> reader.query("SELECT 1; CHECKPOINT; SELECT 2", List.of()))
                        .isInstanceOf(StoreException.class).hasMessageContaining("statements");
                assertThatThrownBy(() -> reader.query("SELECT * FROM read_csv('/etc/hostname')", List.of()))
                        .isInstanceOf(StoreException.class);
                assertThatThrownBy(() -> reader.query("DELETE FROM events", List.of())).isInstanceOf(StoreException.class);
                assertThat(storedIds(reader)).hasSize(5);
            }
            try (StoreWriter w = s.writer()) {
                // The same events again (a re-run): kept out by eventID within their time span, without an index.
                a.forEach(e -> w.event(e, "AKIAALICE0000000001"));
                b.forEach(e -> w.event(e, "AKIAALICE0000000001"));
                assertThat(w.commit(null).eventsAdded()).isZero();
            }
            assertThat(s.counts().get("events")).isEqualTo(5);
        }
        assertThat(Files.exists(ReaderSocket.socket(file))).as("the writer's socket goes with it").isFalse();
        try (StoreReader reader = StoreQueries.reader(file.toString())) {
            assertThat(reader).as("no writer: a read-only connection").isInstanceOf(LocalReader.class);
            assertThat(storedIds(reader)).hasSize(5);
        }
    }

    @Test
    void aSocketLeftByAKilledWriterIsNotUsedAndTheNextWriterReplacesIt() throws Exception {
        Path file = tmp.resolve("store/th.duckdb");
        try (EventStore s = EventStore.open(file.toString(), false)) {
            assertThat(s.readerSocket()).isNotNull();
        }
        Path socket = ReaderSocket.socket(file);
        Files.createDirectories(socket.getParent());
        Files.writeString(socket, "left behind"); // not a socket that answers
        try (StoreReader reader = StoreQueries.reader(file.toString())) {
            assertThat(reader).isInstanceOf(LocalReader.class);
        }
        try (EventStore s = EventStore.open(file.toString(), false); StoreReader reader = StoreQueries.reader(file.toString())) {
            assertThat(reader).isInstanceOf(SocketReader.class);
            assertThat(reader.query("SELECT count(*) AS n FROM events", List.of()).rows().get(0).get(0)).isEqualTo(0L);
        }
    }

    @Test
    void aSocketPathTooLongForTheAddressGoesToAPrivateTemporaryFolder() {
        Path deep = tmp.resolve("a".repeat(60)).resolve("b".repeat(60)).resolve("th.duckdb");
        Path socket = ReaderSocket.socket(deep);
        assertThat(socket.toString().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(ReaderSocket.MAX_PATH_BYTES);
        assertThat(socket).isEqualTo(ReaderSocket.socket(deep)).isNotEqualTo(ReaderSocket.socket(deep.resolveSibling("other.duckdb")));
        assertThat(ReaderSocket.socket(tmp.resolve("th.duckdb"))).isEqualTo(tmp.resolve("th.duckdb.readers/s").toAbsolutePath());
    }

    @Test
    void aStoreAsTheReleaseBeforeWroteItIsCarriedOverWithoutTheEventIdIndex() throws Exception {
        Path file = tmp.resolve("v3.duckdb");
        try (DuckDb db = DuckDb.open(file, 1); Statement s = db.connection().createStatement()) {
            s.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description VARCHAR, appliedAt TIMESTAMP NOT NULL)");
            for (StoreSchema.Migration m : StoreSchema.MIGRATIONS.subList(0, 3)) {
                for (String sql : m.statements()) {
                    s.execute(sql);
                }
                s.execute("INSERT INTO schema_version VALUES (" + m.version() + ", 'old', current_timestamp::TIMESTAMP)");
            }
            for (int i = 1; i <= 2; i++) {
                s.execute("INSERT INTO events VALUES ('" + id(i) + "', TIMESTAMP '2026-11-01 10:0" + i + ":00', 's3.amazonaws.com', "
                        + "'ListBuckets', 'us-east-1', NULL, NULL, NULL, '111122223333', 'IAMUser', "
                        + "'arn:aws:iam::111122223333:user/alice', '111122223333', 'AKIAALICE0000000001', NULL, 'a.json', " + i
                        + ", " + DuckDb.literal(String.format(RECORD, i, id(i))) + ", 'AKIAALICE0000000001')");
            }
            s.execute("INSERT INTO credentials (credentialId, reattributable, originType, originArn, originLabel, confidence, "
                    + "chain, anomalies, pending, firstSeen, answeredAt) VALUES ('AKIAALICE0000000001', false, 'IAMUser', "
                    + "'arn:aws:iam::111122223333:user/alice', 'arn:aws:iam::111122223333:user/alice', 'exact', '[]', '[]', false, "
                    + "TIMESTAMP '2026-11-01 10:01:00', TIMESTAMP '2026-11-01 10:01:00')");
            s.execute("INSERT INTO ingest_log VALUES ('sum-a', '/logs/a.json', 10, 2, 0, current_timestamp::TIMESTAMP)");
        }
        try (EventStore s = EventStore.open(file.toString(), false)) {
            assertThat(s.schemaVersion()).isEqualTo(StoreSchema.CURRENT);
            assertThat(s.db().queryLong("SELECT count(*) FROM duckdb_constraints() WHERE table_name = 'events' "
                    + "AND constraint_type = 'PRIMARY KEY'")).isZero();
            assertThat(s.counts()).containsEntry("events", 2L).containsEntry("credentials", 1L).containsEntry("ingest_log", 1L);
            List<StoredEvent> events = new ArrayList<>();
            s.search(SearchFilter.all(), events::add);
            assertThat(events).extracting(StoredEvent::confidence).containsExactly("exact", "exact");
            assertThat(events.get(0).originArn()).isEqualTo("arn:aws:iam::111122223333:user/alice");
            assertThat(s.ingestedChecksums()).containsExactly("sum-a");
            try (StoreWriter w = s.writer()) {
                decode("a.json", 1, 3).forEach(e -> w.event(e, "AKIAALICE0000000001"));
                assertThat(w.commit(null).eventsAdded()).as("the two stored ones are kept out, the third goes in").isEqualTo(1);
            }
            assertThat(s.prune(Duration.ofDays(1), Instant.parse("2026-11-01T12:00:00Z")).events()).isZero();
            // events at 10:01, 10:02, 10:03; a minute before 10:02:30 cuts the first only
            assertThat(s.prune(Duration.ofMinutes(1), Instant.parse("2026-11-01T10:02:30Z")).events()).isEqualTo(1);
            assertThat(s.counts().get("events")).isEqualTo(2);
        }
        try (EventStore again = EventStore.open(file.toString(), false)) {
            // 1 to 3 as that release left them, then 4 (main's undelivered webhook alerts), 5 and 6 (events in files)
            assertThat(again.db().queryLong("SELECT count(*) FROM schema_version")).isEqualTo(6);
        }
    }
}
