package io.trailhound.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.identity.TrustPolicies;
import io.trailhound.core.ingest.ReadLimits;
import io.trailhound.core.scan.ScanOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's checkpoint leaves FSST out (see {@link EventStore#NOT_COMPRESSED_WITH}): it was most of
 * the checkpoint's CPU at the end of a run. The same credentials in a DuckDB file with the default
 * compression get FSST, so the input is one where the setting matters.
 */
class StoreCheckpointTest {
    @TempDir
    Path tmp;

    @Test
    void aRunsCheckpointCompressesTheStoresTablesWithoutFsst() throws Exception {
        Path logs = Files.createDirectories(tmp.resolve("logs"));
        StringBuilder json = new StringBuilder("{\"Records\":[");
        for (int i = 0; i < 4000; i++) {
            // Many credentials whose ARNs and keys share most of their text: what FSST is chosen for.
            json.append(i == 0 ? "" : ",").append(String.format("{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":\"AssumedRole\","
                    + "\"principalId\":\"AROAEXAMPLEROLEID%06d:session-%06d\",\"arn\":\"arn:aws:sts::111122223333:assumed-role/"
                    + "deployment-pipeline-role-%03d/session-%06d\",\"accountId\":\"111122223333\",\"accessKeyId\":\"ASIAEXAMPLE%09d\"},"
                    + "\"eventTime\":\"2026-11-01T10:%02d:%02dZ\",\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"ListBuckets\","
                    + "\"awsRegion\":\"us-east-1\",\"eventID\":\"00000000-0000-4000-8000-%012d\",\"recipientAccountId\":\"111122223333\"}",
                    i, i, i % 50, i, i, i / 60 % 60, i % 60, i));
        }
        Files.writeString(logs.resolve("a.json"), json.append("]}").toString());
        Path file = tmp.resolve("th.duckdb");
        try (EventStore s = EventStore.open(file.toString(), false)) {
            StoreScan.Result r = StoreScan.run(s, List.of(logs.toString()), new ScanOptions(ReadLimits.defaults(), 1, null),
                    TrustPolicies.none(), null, (x, y, z, u, v) -> { });
            assertThat(r.store().committed().credentialsAdded()).isEqualTo(4000);
        }
        Path plain = tmp.resolve("default-compression.duckdb");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + plain); Statement s = c.createStatement()) {
            s.execute("ATTACH '" + file + "' AS store (READ_ONLY)");
            s.execute("CREATE TABLE credentials AS SELECT * FROM store.credentials");
            s.execute("CHECKPOINT");
            assertThat(fsstSegments(s, "main.credentials")).as("the same rows with DuckDB's default compression").isPositive();
            for (String table : List.of("credentials", "ingest_log", "event_files")) {
                assertThat(fsstSegments(s, "store." + table)).as(table).isZero();
            }
        }
    }

    /**
     * A run on its own (a scan, which closes the store after it) checkpoints its last batch as it
     * commits: DuckDB writes the batch into the file instead of its log, so no log is left for the
     * close to copy in; the batch before it (the first two inputs) went through the log as usual.
     */
    @Test
    void aRunOnItsOwnCheckpointsItsLastBatchAsItCommitsAndLeavesNoLog() throws Exception {
        Path logs = Files.createDirectories(tmp.resolve("logs"));
        for (int f = 0; f < 3; f++) {
            StringBuilder json = new StringBuilder("{\"Records\":[");
            for (int i = 0; i < 200; i++) {
                int n = f * 1000 + i;
                json.append(i == 0 ? "" : ",").append(String.format("{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":\"IAMUser\","
                        + "\"arn\":\"arn:aws:iam::111122223333:user/u%d\",\"accountId\":\"111122223333\",\"accessKeyId\":\"AKIAEXAMPLE%09d\"},"
                        + "\"eventTime\":\"2026-11-01T1%d:%02d:%02dZ\",\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"ListBuckets\","
                        + "\"awsRegion\":\"us-east-1\",\"eventID\":\"00000000-0000-4000-8000-%012d\",\"recipientAccountId\":\"111122223333\"}",
                        n, n, f, i / 60, i % 60, n));
            }
            Files.writeString(logs.resolve("f" + f + ".json"), json.append("]}").toString());
        }
        Path file = tmp.resolve("own.duckdb");
        Path wal = tmp.resolve("own.duckdb.wal");
        try (EventStore s = EventStore.open(file.toString(), false)) {
            StoreScan.Result r = StoreScan.run(s, List.of(logs.toString()), new ScanOptions(ReadLimits.defaults(), 1, null),
                    TrustPolicies.none(), null, (x, y, z, u, v) -> { }, null,
                    new StoreScan.Batching(2, Long.MAX_VALUE, java.time.Duration.ofDays(1)));
            assertThat(r.store().committed().batches()).isEqualTo(2);
            assertThat(r.store().committed().eventsAdded()).isEqualTo(600);
            assertThat(wal).as("DuckDB's log while the store is still open").doesNotExist();
        }
        try (EventStore s = EventStore.open(file.toString(), true)) {
            assertThat(s.counts()).containsEntry("events", 600L).containsEntry("credentials", 600L).containsEntry("ingest_log", 3L);
        }
    }

    private static long fsstSegments(Statement s, String table) throws Exception {
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pragma_storage_info('" + table + "') WHERE compression = 'FSST'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
