package io.trailhound.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.identity.TrustPolicies;
import io.trailhound.core.ingest.BadRecord;
import io.trailhound.core.ingest.InputSource;
import io.trailhound.core.ingest.ReadLimits;
import io.trailhound.core.ingest.RecordHandler;
import io.trailhound.core.ingest.RecordReader;
import io.trailhound.core.scan.ScanOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's events as Parquet partition files beside it, listed in {@code event_files}: what a
 * batch writes, what other engines read unchanged, what a crash leaves and the next open removes,
 * a re-run's duplicates, retention by whole files, and a version 5 store carried over.
 */
class EventFilesTest {
    @TempDir
    Path tmp;

    /** A record at {@code time} with a non-ASCII user agent and an escape in a parameter, so raw bytes are checked whole. */
    private static final String RECORD = "{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":\"IAMUser\","
            + "\"arn\":\"arn:aws:iam::%s:user/alice\",\"accountId\":\"%s\",\"accessKeyId\":\"AKIAALICE0000000001\"},"
            + "\"eventTime\":\"%s\",\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"ListBuckets\","
            + "\"awsRegion\":\"us-east-1\",\"userAgent\":\"caf\u00e9 \\u00e9\",\"requestParameters\":{\"p\":\"a\\\\b\"},"
            + "\"eventID\":\"%s\",\"recipientAccountId\":\"%s\"}";

    private static String record(String account, String time, int i) {
        return String.format(RECORD, account, account, time, id(i), account);
    }

    private static String id(int i) {
        return String.format("00000000-0000-4000-8000-%012d", i);
    }

    private static List<CloudTrailEvent> decode(String name, String... records) {
        List<CloudTrailEvent> out = new ArrayList<>();
        String json = "{\"Records\":[" + String.join(",", records) + "]}";
        new RecordReader(ReadLimits.defaults(), false).read(InputSource.bytes(name, json.getBytes(StandardCharsets.UTF_8)),
                new RecordHandler() {
                    @Override
                    public void event(CloudTrailEvent e) {
                        out.add(e);
                    }

                    @Override
                    public void bad(BadRecord b) {
                        throw new AssertionError("bad record in the test's own input: " + b.detail());
                    }
                });
        assertThat(out).hasSize(records.length);
        return out;
    }

    private static long write(EventStore s, List<CloudTrailEvent> events) {
        try (StoreWriter w = s.writer()) {
            events.forEach(e -> w.event(e, "AKIAALICE0000000001"));
            return w.commit(null).eventsAdded();
        }
    }

    private static List<Path> filesUnder(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).sorted().toList();
        }
    }

    @Test
    void aBatchWritesPartitionFilesThatTheCatalogListsAndDuckDbReadsUnchanged() throws Exception {
        Path file = tmp.resolve("th.duckdb");
        List<CloudTrailEvent> events = decode("a.json", record("111122223333", "2026-11-01T10:00:00Z", 1),
                record("111122223333", "2026-11-02T10:00:00Z", 2), record("444455556666", "2026-11-02T11:00:00.123Z", 3));
        try (EventStore s = EventStore.open(file.toString(), false)) {
            assertThat(write(s, events)).isEqualTo(3);
            assertThat(s.eventsDir()).isEqualTo(tmp.resolve("th.duckdb.events").toAbsolutePath());
            assertThat(s.db().queryLong("SELECT count(*) FROM event_files")).isEqualTo(3);
            assertThat(s.db().queryString("SELECT string_agg(account || '/' || date || '/' || rows, ' ' ORDER BY account, date) "
                    + "FROM event_files")).isEqualTo("111122223333/2026-11-01/1 111122223333/2026-11-02/1 444455556666/2026-11-02/1");
            assertThat(s.db().queryLong("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'events'")).isZero();
        }
        List<Path> parts = filesUnder(tmp.resolve("th.duckdb.events"));
        assertThat(parts).hasSize(3).allSatisfy(p -> assertThat(p.getFileName().toString()).matches("part-[0-9a-f-]{36}\\.parquet"));
        assertThat(parts).anySatisfy(p -> assertThat(tmp.relativize(p).toString())
                .startsWith("th.duckdb.events/account=444455556666/date=2026-11-02/"));
        // Another engine reads the folder as a hive-partitioned table: the same rows, columns and types, raw byte for byte.
        try (DuckDb other = DuckDb.inMemory(1)) {
            String glob = DuckDb.literal(tmp.resolve("th.duckdb.events") + "/account=*/date=*/*.parquet");
            assertThat(other.queryString("SELECT string_agg(column_name || ' ' || column_type, ', ') FROM (DESCRIBE SELECT * "
                    + "FROM read_parquet(" + glob + ", hive_partitioning = false))")).isEqualTo(
                    "eventID VARCHAR, eventTime TIMESTAMP, eventSource VARCHAR, eventName VARCHAR, awsRegion VARCHAR, "
                            + "sourceIPAddress VARCHAR, userAgent VARCHAR, errorCode VARCHAR, recipientAccountId VARCHAR, "
                            + "identityType VARCHAR, identityArn VARCHAR, identityAccountId VARCHAR, accessKeyId VARCHAR, "
                            + "sessionIssuerArn VARCHAR, sourceFile VARCHAR, byteOffset BIGINT, raw VARCHAR, credentialId VARCHAR");
            assertThat(other.queryString("SELECT string_agg(account || ' ' || date || ' ' || eventID || ' ' "
                    + "|| strftime(eventTime, '%Y-%m-%dT%H:%M:%S.%g'), '; ' ORDER BY eventID) FROM read_parquet(" + glob
                    + ", hive_partitioning = true)")).isEqualTo(
                    "111122223333 2026-11-01 " + id(1) + " 2026-11-01T10:00:00.000; "
                            + "111122223333 2026-11-02 " + id(2) + " 2026-11-02T10:00:00.000; "
                            + "444455556666 2026-11-02 " + id(3) + " 2026-11-02T11:00:00.123");
            assertThat(other.queryString("SELECT raw FROM read_parquet(" + glob + ") WHERE eventID = '" + id(3) + "'"))
                    .isEqualTo(record("444455556666", "2026-11-02T11:00:00.123Z", 3));
            // eventID's bloom filter: a lookup of one event may read its own row group only
            assertThat(other.queryLong("SELECT count(*) FROM parquet_bloom_probe(" + DuckDb.literal(parts.get(0).toString())
                    + ", 'eventID', 'no-such-event') WHERE NOT bloom_filter_excludes")).isZero();
        }
        try (EventStore s = EventStore.open(file.toString(), true)) {
            List<StoredEvent> found = new ArrayList<>();
            s.search(SearchFilter.all(), found::add);
            assertThat(found).extracting(StoredEvent::eventID).containsExactlyInAnyOrder(id(1), id(2), id(3));
            assertThat(s.who(id(2))).isPresent();
        }
    }

    @Test
    void manyInputsAreSpreadOverTheEventThreadsEachInputInOneFileAndEveryEventStoredOnce() throws Exception {
        Path file = tmp.resolve("th.duckdb");
        int inputs = 40;
        try (EventStore s = EventStore.open(file.toString(), false)) {
            try (StoreWriter w = s.writer()) {
                for (int f = 0; f < inputs; f++) {
                    for (CloudTrailEvent e : decode("input-" + f + ".json", record("111122223333", "2026-11-01T10:00:00Z", 3 * f),
                            record("111122223333", "2026-11-01T10:01:00Z", 3 * f + 1),
                            record("111122223333", "2026-11-01T10:02:00Z", 3 * f + 2))) {
                        w.event(e, "AKIAALICE0000000001");
                    }
                }
                assertThat(w.commit(null).eventsAdded()).isEqualTo(3L * inputs);
            }
            assertThat(s.db().queryLong("SELECT count(DISTINCT eventID) FROM events")).isEqualTo(3L * inputs);
            // one partition, one batch: a file per event thread that had inputs (with 40 inputs, every thread)
            assertThat(s.db().queryLong("SELECT count(*) FROM event_files"))
                    .isEqualTo(EventWriters.threadsFor(Runtime.getRuntime().availableProcessors()));
            try (DuckDb other = DuckDb.inMemory(1)) {
                String glob = DuckDb.literal(tmp.resolve("th.duckdb.events") + "/account=*/date=*/*.parquet");
                assertThat(other.queryLong("SELECT max(files) FROM (SELECT sourceFile, count(DISTINCT filename) AS files "
                        + "FROM read_parquet(" + glob + ", filename = true) GROUP BY sourceFile)")).as("an input's events in one file")
                        .isEqualTo(1);
                // and in the order read
                assertThat(other.queryLong("SELECT count(*) FROM (SELECT byteOffset < lag(byteOffset) OVER (PARTITION BY sourceFile "
                        + "ORDER BY file_row_number) AS back FROM read_parquet(" + glob + ", file_row_number = true)) WHERE back"))
                        .isZero();
            }
        }
    }

    @Test
    void aRunsLaterBatchesStoreEachEventOnceAndARerunAddsOnlyWhatTheStoreLacks() throws Exception {
        // Three inputs, one batch each, the same hour: later inputs repeat events of earlier ones (overlapping exports).
        Path logs = Files.createDirectories(tmp.resolve("logs"));
        String[] a = {record("111122223333", "2026-11-01T10:00:00Z", 1), record("111122223333", "2026-11-01T10:01:00Z", 2)};
        String[] b = {record("111122223333", "2026-11-01T10:00:30Z", 3), a[0]};
        String[] c = {a[1], record("111122223333", "2026-11-01T10:02:00Z", 4), b[0]};
        Files.writeString(logs.resolve("a.json"), "{\"Records\":[" + String.join(",", a) + "]}");
        Files.writeString(logs.resolve("b.json"), "{\"Records\":[" + String.join(",", b) + "]}");
        Files.writeString(logs.resolve("c.json"), "{\"Records\":[" + String.join(",", c) + "]}");
        Path file = tmp.resolve("th.duckdb");
        StoreScan.Batching eachInput = new StoreScan.Batching(1, 1000, java.time.Duration.ofMinutes(5));
        try (EventStore s = EventStore.open(file.toString(), false)) {
            StoreScan.Result r = StoreScan.run(s, List.of(logs.toString()), new ScanOptions(ReadLimits.defaults(), 1, null),
                    TrustPolicies.none(), null, (x, y, z, u, v) -> { }, null, eachInput);
            assertThat(r.store().committed().batches()).isGreaterThanOrEqualTo(3);
            assertThat(r.store().committed().eventsAdded()).isEqualTo(4);
            assertThat(r.store().eventsInStore()).isEqualTo(4);
            assertThat(s.db().queryLong("SELECT count(*) - count(DISTINCT eventID) FROM events")).isZero();
        }
        // Another run (a re-export of the hour, a new file): the events stored by the run before are looked for, and left out.
        Files.writeString(tmp.resolve("d.json"), "{\"Records\":[" + String.join(",", a[0], a[1], b[0], c[1],
                record("111122223333", "2026-11-01T10:03:00Z", 5)) + "]}");
        try (EventStore s = EventStore.open(file.toString(), false)) {
            StoreScan.Result r = StoreScan.run(s, List.of(tmp.resolve("d.json").toString()),
                    new ScanOptions(ReadLimits.defaults(), 1, null), TrustPolicies.none(), null, (x, y, z, u, v) -> { }, null,
                    eachInput);
            assertThat(r.store().committed().eventsAdded()).isEqualTo(1);
            assertThat(r.store().eventsInStore()).isEqualTo(5);
            assertThat(s.db().queryLong("SELECT count(*) - count(DISTINCT eventID) FROM events")).isZero();
        }
    }

    @Test
    void filesNoCommittedRowListsAreRemovedWhenTheStoreIsNextOpenedForWriting() throws Exception {
        Path file = tmp.resolve("th.duckdb");
        try (EventStore s = EventStore.open(file.toString(), false)) {
            write(s, decode("a.json", record("111122223333", "2026-11-01T10:00:00Z", 1)));
        }
        Path listed = filesUnder(tmp.resolve("th.duckdb.events")).get(0);
        // what a batch killed before its commit leaves: a complete file, one being written, an export's staging
        Path complete = listed.resolveSibling("part-11111111-1111-4111-8111-111111111111.parquet");
        Files.copy(listed, complete);
        Path inProgress = listed.resolveSibling(".part-22222222-2222-4222-8222-222222222222.parquet.inprogress");
        Files.writeString(inProgress, "half");
        Path other = tmp.resolve("th.duckdb.events/account=999999999999/date=2026-11-05/part-3.parquet");
        Files.createDirectories(other.getParent());
        Files.copy(listed, other);
        try (EventStore s = EventStore.open(file.toString(), true)) {
            assertThat(s.counts().get("events")).as("readers see listed files only").isEqualTo(1);
        }
        assertThat(filesUnder(tmp.resolve("th.duckdb.events"))).as("a read-only open removes nothing").hasSize(4);
        try (EventStore s = EventStore.open(file.toString(), false)) {
            assertThat(s.counts().get("events")).isEqualTo(1);
        }
        assertThat(filesUnder(tmp.resolve("th.duckdb.events"))).containsExactly(listed);
    }

    @Test
    void aReRunWritesItsFilesAgainWithoutTheEventsTheStoreHasAndLeavesNoOtherFile() throws Exception {
        Path file = tmp.resolve("th.duckdb");
        try (EventStore s = EventStore.open(file.toString(), false)) {
            assertThat(write(s, decode("a.json", record("111122223333", "2026-11-01T10:00:00Z", 1),
                    record("111122223333", "2026-11-01T10:01:00Z", 2)))).isEqualTo(2);
            // the same two again in another file, with a third, and one of another partition
            assertThat(write(s, decode("b.json", record("111122223333", "2026-11-01T10:00:00Z", 1),
                    record("111122223333", "2026-11-01T10:01:00Z", 2), record("111122223333", "2026-11-01T10:02:00Z", 3),
                    record("444455556666", "2026-11-01T10:02:00Z", 4)))).isEqualTo(2);
            assertThat(s.db().queryLong("SELECT count(*) - count(DISTINCT eventID) FROM events")).isZero();
            assertThat(s.counts().get("events")).isEqualTo(4);
            // a run of nothing but duplicates lists no file
            assertThat(write(s, decode("c.json", record("111122223333", "2026-11-01T10:02:00Z", 3)))).isZero();
            assertThat(s.db().queryLong("SELECT count(*) FROM event_files")).isEqualTo(3);
            assertThat(s.db().queryLong("SELECT sum(rows) FROM event_files")).isEqualTo(4);
        }
        assertThat(filesUnder(tmp.resolve("th.duckdb.events"))).as("only listed files: the rewritten ones are gone").hasSize(3);
    }

    @Test
    void pruneUnlistsAndDeletesWholeFilesAndWritesTheCutOffDayAgain() throws Exception {
        Path file = tmp.resolve("th.duckdb");
        try (EventStore s = EventStore.open(file.toString(), false)) {
            write(s, decode("a.json", record("111122223333", "2026-11-01T10:00:00Z", 1),
                    record("111122223333", "2026-11-02T10:00:00Z", 2), record("111122223333", "2026-11-02T12:00:00Z", 3)));
            Path dayOne = s.eventsDir().resolve("account=111122223333/date=2026-11-01");
            assertThat(filesUnder(dayOne)).hasSize(1);
            // cut-off 2026-11-02T11:00: the first day's file goes whole, the second day's keeps its 12:00 event
            EventStore.Pruned p = s.prune(Duration.ofHours(1), Instant.parse("2026-11-02T12:00:00Z"));
            assertThat(p.events()).isEqualTo(2);
            assertThat(filesUnder(dayOne)).isEmpty();
            List<StoredEvent> left = new ArrayList<>();
            s.search(SearchFilter.all(), left::add);
            assertThat(left).extracting(StoredEvent::eventID).containsExactly(id(3));
            assertThat(filesUnder(s.eventsDir())).hasSize(1);
            assertThat(s.db().queryLong("SELECT sum(rows) FROM event_files")).isEqualTo(1);
        }
    }

    @Test
    void aVersionFiveStoreHasItsEventsTableCarriedIntoFiles() throws Exception {
        Path file = tmp.resolve("v5.duckdb");
        String raw = record("111122223333", "2026-11-01T10:00:00Z", 1);
        try (DuckDb db = DuckDb.open(file, 1); Statement s = db.connection().createStatement()) {
            s.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description VARCHAR, appliedAt TIMESTAMP NOT NULL)");
            for (StoreSchema.Migration m : StoreSchema.MIGRATIONS) {
                if (m.version() > 5) {
                    continue;
                }
                for (String sql : m.statements()) {
                    s.execute(sql);
                }
                s.execute("INSERT INTO schema_version VALUES (" + m.version() + ", 'v5', current_timestamp::TIMESTAMP)");
            }
            s.execute("INSERT INTO events VALUES ('" + id(1) + "', TIMESTAMP '2026-11-01 10:00:00', 's3.amazonaws.com', "
                    + "'ListBuckets', 'us-east-1', NULL, 'caf\u00e9', NULL, '111122223333', 'IAMUser', "
                    + "'arn:aws:iam::111122223333:user/alice', '111122223333', 'AKIAALICE0000000001', NULL, 'a.json', 7, "
                    + DuckDb.literal(raw) + ", 'AKIAALICE0000000001'), ('noid:a.json@9', TIMESTAMP '2026-11-03 00:00:00', "
                    + "NULL, 'X', NULL, NULL, NULL, NULL, 'weird/../acct', NULL, NULL, NULL, NULL, NULL, 'a.json', 9, NULL, NULL)");
            s.execute("INSERT INTO credentials (credentialId, reattributable, originType, originArn, originLabel, confidence, "
                    + "chain, anomalies, pending, firstSeen, answeredAt) VALUES ('AKIAALICE0000000001', false, 'IAMUser', "
                    + "'arn:aws:iam::111122223333:user/alice', 'arn:aws:iam::111122223333:user/alice', 'exact', '[]', '[]', false, "
                    + "TIMESTAMP '2026-11-01 10:01:00', TIMESTAMP '2026-11-01 10:01:00')");
        }
        try (EventStore s = EventStore.open(file.toString(), false)) {
            assertThat(s.schemaVersion()).isEqualTo(6);
            assertThat(s.db().queryLong("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'events'")).isZero();
            assertThat(s.db().queryString("SELECT string_agg(account || '/' || date, ' ' ORDER BY account) FROM event_files"))
                    .as("an account that is no name for a folder is made one").isEqualTo("111122223333/2026-11-01 weird____acct/2026-11-03");
            assertThat(s.db().queryString("SELECT raw FROM events WHERE eventID = '" + id(1) + "'")).isEqualTo(raw);
            assertThat(s.db().queryString("SELECT strftime(eventTime, '%Y-%m-%dT%H:%M:%S.%g') || ' ' || userAgent || ' ' || byteOffset "
                    + "FROM events WHERE eventID = '" + id(1) + "'")).isEqualTo("2026-11-01T10:00:00.000 caf\u00e9 7");
            List<StoredEvent> found = new ArrayList<>();
            s.search(SearchFilter.all(), found::add);
            assertThat(found).extracting(StoredEvent::eventID).containsExactly(id(1), "noid:a.json@9");
            assertThat(found.get(0).originArn()).isEqualTo("arn:aws:iam::111122223333:user/alice");
            // a later run of the same event adds nothing
            assertThat(write(s, decode("a.json", raw))).isZero();
        }
        assertThat(filesUnder(tmp.resolve("v5.duckdb.events"))).hasSize(2);
    }
}
