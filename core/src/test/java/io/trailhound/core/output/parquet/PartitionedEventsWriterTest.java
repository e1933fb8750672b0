package io.trailhound.core.output.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailhound.core.ingest.IngestProgress;
import io.trailhound.core.ingest.ReadLimits;
import io.trailhound.core.scan.Scan;
import io.trailhound.core.scan.ScanOptions;
import io.trailhound.core.testkit.CloudTrailFiles;
import io.trailhound.core.testkit.CloudTrailRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Attributed events from a scan into the partitioned layout, read back by DuckDB with hive partitioning. */
class PartitionedEventsWriterTest {
    private static final String KEY = "ASIAEXAMPLEKEY000001";

    @TempDir
    Path dir;

    private Path logs() throws IOException {
        Path f = dir.resolve("logs.json");
        CloudTrailFiles.s3(f,
                CloudTrailRecord.assumeRole("444455556666", "Admin", "alice", KEY, 3600).iamUser("alice", "AKIAALICE00000000001")
                        .at("2026-11-01T23:59:00Z").id("00000000-0000-0000-0000-000000000001"),
                CloudTrailRecord.event("ListBuckets").source("s3.amazonaws.com").account("444455556666")
                        .assumedRole("Admin", "alice", KEY, "2026-11-01T23:59:00Z").at("2026-11-02T00:00:01Z")
                        .userAgent("ağent ünïcode 🦊").id("00000000-0000-0000-0000-000000000002"),
                CloudTrailRecord.event("GetCallerIdentity").source("sts.amazonaws.com").account("444455556666")
                        .assumedRole("Admin", "alice", KEY, "2026-11-01T23:59:00Z").at("2026-11-02T00:10:00Z")
                        .error("AccessDenied", "no").id("00000000-0000-0000-0000-000000000003"),
                CloudTrailRecord.event("ConsoleLogin").source("signin.amazonaws.com").account("../../etc")
                        .root().at("2026-11-02T01:00:00Z").id("00000000-0000-0000-0000-000000000004"));
        return f;
    }

    private void scanInto(PartitionedEventsWriter w, Path logs) {
        EventRow row = new EventRow();
        Scan.builder(new ScanOptions(ReadLimits.defaults(), 1, null)).attribution()
                .onAttributed((e, a) -> w.write(row.fill(e, a)))
                .build().run(List.of(logs.toString()), IngestProgress.NONE);
    }

    @Test
    void eventsLandInAccountAndDatePartitionsWithTheExportColumnsAndTheirOrigin() throws Exception {
        Path logs = logs();
        Path out = dir.resolve("events");
        try (PartitionedEventsWriter w = new PartitionedEventsWriter(out)) {
            scanInto(w, logs);
            assertThat(parquetFiles(out)).as("nothing is visible before the files are complete").isEmpty();
            assertThat(w.rows()).isEqualTo(4);
        }
        assertThat(parquetFiles(out)).extracting(p -> out.relativize(p.getParent()).toString()).containsExactlyInAnyOrder(
                "account=111122223333/date=2026-11-01", "account=444455556666/date=2026-11-02",
                "account=______etc/date=2026-11-02");
        String glob = DuckDbReader.path(out.resolve("*/*/*.parquet"));
        List<List<Object>> cols = DuckDbReader.query("SELECT column_name FROM (DESCRIBE SELECT * FROM read_parquet(" + glob
                + ", hive_partitioning = false))");
        assertThat(cols).extracting(r -> (String) r.get(0)).containsExactlyElementsOf(EventColumns.NAMES);

        List<List<Object>> rows = DuckDbReader.query("SELECT eventID, strftime(eventTime AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%S'), "
                + "eventName, userAgent, errorCode, identityType, accessKeyId, originType, originArn, confidence, "
                + "json_extract_string(chain, '$[0].accessKeyId'), anomalies, raw::JSON->>'eventID', account, date::VARCHAR, "
                + "sourceFile LIKE '%logs.json', byteOffset >= 0 "
                + "FROM read_parquet(" + glob + ", hive_partitioning = true, hive_types_autocast = false) ORDER BY eventID");
        assertThat(rows).hasSize(4);
        assertThat(rows.get(0)).containsExactly("00000000-0000-0000-0000-000000000001", "2026-11-01T23:59:00", "AssumeRole",
                null, null, "IAMUser", "AKIAALICE00000000001", "IAMUser", "arn:aws:iam::111122223333:user/alice", "exact",
                null, "[]", "00000000-0000-0000-0000-000000000001", "111122223333", "2026-11-01", true, true);
        assertThat(rows.get(1).subList(2, 11)).containsExactly("ListBuckets", "ağent ünïcode 🦊", null, "AssumedRole", KEY,
                "IAMUser", "arn:aws:iam::111122223333:user/alice", "exact", KEY);
        assertThat(rows.get(1).get(13)).isEqualTo("444455556666");
        assertThat(rows.get(2).get(4)).isEqualTo("AccessDenied");
        assertThat(rows.get(3).get(13)).as("a log field never names a path outside the partition").isEqualTo("______etc");
    }

    @Test
    void withOneOpenFileEachPartitionSwitchCompletesAFileAndNoRowIsLost() throws Exception {
        Path out = dir.resolve("events");
        EventRow r = new EventRow();
        try (PartitionedEventsWriter w = new PartitionedEventsWriter(out, Compression.ZSTD, 1 << 20, 1)) {
            for (int i = 0; i < 1000; i++) {
                r.eventID = "e" + i;
                r.eventTime = 86_400_000L * (i % 3);
                r.recipientAccountId = i % 2 == 0 ? "111122223333" : "444455556666";
                r.raw = ("{\"i\":" + i + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
                w.write(r);
            }
            assertThat(w.files()).hasSizeGreaterThan(100);
        }
        List<List<Object>> n = DuckDbReader.query("SELECT count(*), count(DISTINCT eventID), count(DISTINCT account || date) "
                + "FROM read_parquet(" + DuckDbReader.path(out.resolve("*/*/*.parquet")) + ", hive_partitioning = true)");
        assertThat(n.get(0)).containsExactly(1000L, 1000L, 6L);
    }

    @Test
    void filesCompletedAtACutLendTheirBuffersToTheNextFilesWhichReadBackWholeWithTheirOwnDictionaryAndStatistics() throws Exception {
        Path out = dir.resolve("events");
        EventRow r = new EventRow();
        r.recipientAccountId = "111122223333";
        try (PartitionedEventsWriter w = new PartitionedEventsWriter(out, Compression.ZSTD, 8L << 20, 2)) {
            // first batch: more distinct event names than a dictionary takes, so that file falls back to PLAIN
            for (int i = 0; i < 70_000; i++) {
                r.eventID = "a" + i;
                r.eventTime = 1000L * i;
                r.eventName = "Name" + i;
                r.raw = ("{\"a\":" + i + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
                w.write(r);
            }
            List<PartitionedEventsWriter.WrittenFile> first = w.cut();
            assertThat(first).hasSize(1).allSatisfy(f -> assertThat(f.rows()).isEqualTo(70_000));
            // second batch, same partition and a new one: new files, on the first file's buffers
            for (int i = 0; i < 300; i++) {
                r.eventID = "b" + i;
                r.eventTime = 86_400_000L * (i % 2) + 5;
                r.eventName = i % 3 == 0 ? "GetObject" : "PutObject";
                r.raw = ("{\"b\":" + i + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
                w.write(r);
            }
            List<PartitionedEventsWriter.WrittenFile> second = w.cut();
            assertThat(second).hasSize(2).extracting(PartitionedEventsWriter.WrittenFile::path).doesNotContain(first.get(0).path());
            assertThat(second).extracting(PartitionedEventsWriter.WrittenFile::rows).containsExactlyInAnyOrder(150L, 150L);
            assertThat(w.cut()).as("nothing written since").isEmpty();

            Path reused = second.stream().filter(f -> f.minTime() == 5).findFirst().orElseThrow().path();
            List<List<Object>> rows = DuckDbReader.query("SELECT count(*), count(DISTINCT eventName), min(eventID), max(eventID), "
                    + "string_agg(DISTINCT eventName, ',' ORDER BY eventName), sum(length(raw))::BIGINT FROM read_parquet("
                    + DuckDbReader.path(reused) + ")");
            assertThat(rows.get(0)).containsExactly(150L, 2L, "b0", "b98", "GetObject,PutObject", 1295L);
            List<List<Object>> meta = DuckDbReader.query("SELECT DISTINCT encodings, stats_min_value, stats_max_value FROM "
                    + "parquet_metadata(" + DuckDbReader.path(reused) + ") WHERE path_in_schema = 'eventName'");
            assertThat(meta).hasSize(1);
            assertThat((String) meta.get(0).get(0)).contains("RLE_DICTIONARY");
            assertThat(meta.get(0).subList(1, 3)).containsExactly("GetObject", "PutObject");
            List<List<Object>> all = DuckDbReader.query("SELECT count(*), count(DISTINCT eventID), count(DISTINCT eventName) "
                    + "FROM read_parquet(" + DuckDbReader.path(out.resolve("*/*/*.parquet")) + ")");
            assertThat(all.get(0)).containsExactly(70_300L, 70_300L, 70_002L);
        }
    }

    @Test
    void storeFilesWithUniqueUserAgentsAndAddressesHoldPlainChunksBesideDictionaryOnesAndReadBackIdentically() throws Exception {
        Path out = dir.resolve("store-events");
        int n = 6000;
        EventRow r = new EventRow();
        r.recipientAccountId = "111122223333";
        // Row groups of about 64 kB: several per file, so PLAIN chunks (given up early and kept so) sit beside dictionary ones.
        try (PartitionedEventsWriter w = new PartitionedEventsWriter(out, EventColumns.STORE, EventColumns::writeStoreEvent,
                Compression.ZSTD, 64 << 10, 4)) {
            for (int i = 0; i < n; i++) {
                r.eventID = String.format("00000000-0000-0000-0000-%012d", i);
                r.eventTime = 1_762_000_000_000L + i;
                r.eventName = i % 3 == 0 ? "GetObject" : "PutObject";
                r.userAgent = "agent/" + i + " ünï";
                r.sourceIPAddress = "10." + i / 65536 + "." + i / 256 % 256 + "." + i % 256;
                r.sourceFile = "f" + i / 1000;
                r.byteOffset = (long) i * 100;
                r.credentialId = "ASIA" + i % 7;
                r.raw = ("{\"i\":" + i + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
                w.write(r);
            }
        }
        String glob = DuckDbReader.path(out.resolve("*/*/*.parquet"));
        List<List<Object>> back = DuckDbReader.query("SELECT eventID, eventName, userAgent, sourceIPAddress, sourceFile, byteOffset, "
                + "credentialId, raw FROM read_parquet(" + glob + ") ORDER BY eventID");
        assertThat(back).hasSize(n);
        for (int i = 0; i < n; i++) {
            assertThat(back.get(i)).as("row " + i).containsExactly(String.format("00000000-0000-0000-0000-%012d", i),
                    i % 3 == 0 ? "GetObject" : "PutObject", "agent/" + i + " ünï",
                    "10." + i / 65536 + "." + i / 256 % 256 + "." + i % 256, "f" + i / 1000, (long) i * 100, "ASIA" + i % 7,
                    "{\"i\":" + i + "}");
        }
        List<List<Object>> chunks = DuckDbReader.query("SELECT path_in_schema, count(*), count(dictionary_page_offset) FROM "
                + "parquet_metadata(" + glob + ") WHERE path_in_schema IN ('userAgent', 'sourceIPAddress', 'eventName', 'credentialId') "
                + "GROUP BY ALL ORDER BY 1");
        assertThat(chunks).allSatisfy(c -> assertThat((Long) c.get(1)).isGreaterThan(4L));
        assertThat(chunks).extracting(c -> c.get(0) + " " + (c.get(2).equals(c.get(1)) ? "dictionary" : c.get(2).equals(0L) ? "plain"
                : "both")).containsExactly("credentialId dictionary", "eventName dictionary", "sourceIPAddress plain", "userAgent plain");
        assertThat(DuckDbReader.query("SELECT count(*) FROM read_parquet(" + glob + ") WHERE userAgent = 'agent/4321 ünï' "
                + "AND sourceIPAddress = '10.0.16.225'").get(0).get(0)).isEqualTo(1L);
    }

    @Test
    void aWriterThatCannotCreateItsFilesSaysSoAndAnAbortLeavesNoFile() throws Exception {
        Path blocked = Files.writeString(dir.resolve("not-a-dir"), "x");
        EventRow r = new EventRow();
        r.eventTime = 0;
        PartitionedEventsWriter w = new PartitionedEventsWriter(blocked);
        assertThatThrownBy(() -> w.write(r)).isInstanceOf(UncheckedIOException.class).hasMessageContaining("cannot create");

        Path out = dir.resolve("events");
        PartitionedEventsWriter aborted = new PartitionedEventsWriter(out);
        aborted.write(r);
        aborted.abort();
        try (Stream<Path> all = Files.walk(out)) {
            assertThat(all.filter(Files::isRegularFile)).isEmpty();
        }
        assertThatThrownBy(() -> aborted.write(r)).isInstanceOf(IllegalStateException.class);
    }

    private static List<Path> parquetFiles(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".parquet")).toList();
        }
    }
}
