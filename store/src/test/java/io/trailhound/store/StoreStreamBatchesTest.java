package io.trailhound.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.identity.TrustPolicies;
import io.trailhound.core.ingest.IngestProgress;
import io.trailhound.core.ingest.InputFinder;
import io.trailhound.core.ingest.ReadLimits;
import io.trailhound.core.scan.ScanOptions;
import io.trailhound.core.testkit.CloudTrailRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A long-running host's stream ({@link StoreScan.Stream}, one attributor across runs) whose runs
 * commit several batches each: an issuance is written by the batch that read it and by no later
 * batch or run (the stream learns what is stored as batches are handed over), and a credential
 * left pending by one run is answered in its stored row by a later run's issuance.
 */
class StoreStreamBatchesTest {
    @TempDir
    Path tmp;

    private static final StoreScan.Batching FILE_A_BATCH = new StoreScan.Batching(1, Long.MAX_VALUE, Duration.ofDays(1));

    @Test
    void issuancesAreWrittenOnceAcrossBatchesAndRunsAndAPendingCredentialIsAnsweredByALaterRun() throws Exception {
        Path run1 = tmp.resolve("run1");
        write(run1, "a-sts.json", CloudTrailRecord.assumeRole("111122223333", "Admin", "alice", "ASIAALICE0000000001", 3600)
                .at("2026-11-01T10:00:00Z").iamUser("alice", "AKIAALICE000000000001").id("assume-alice"));
        write(run1, "b-use.json",
                CloudTrailRecord.event("ListBuckets").source("s3.amazonaws.com").at("2026-11-01T10:05:00Z")
                        .assumedRole("Admin", "alice", "ASIAALICE0000000001", "2026-11-01T10:00:00Z").id("alice-1"),
                CloudTrailRecord.event("ListBuckets").source("s3.amazonaws.com").at("2026-11-01T10:06:00Z")
                        .assumedRole("Reader", "bob", "ASIABOB000000000001", "2026-11-01T10:01:00Z").id("bob-1"));
        Path run2 = tmp.resolve("run2");
        write(run2, "c-sts.json", CloudTrailRecord.assumeRole("111122223333", "Reader", "bob", "ASIABOB000000000001", 3600)
                .at("2026-11-01T10:01:00Z").iamUser("bob", "AKIABOB0000000000001").id("assume-bob"));
        write(run2, "d-use.json",
                CloudTrailRecord.event("ListBuckets").source("s3.amazonaws.com").at("2026-11-01T10:20:00Z")
                        .assumedRole("Admin", "alice", "ASIAALICE0000000001", "2026-11-01T10:00:00Z").id("alice-2"));

        try (EventStore store = EventStore.open(tmp.resolve("th.duckdb").toString(), false);
             StoreScan.Stream stream = new StoreScan.Stream(store, TrustPolicies.none(), Duration.ofHours(36))) {
            StoreWriter.Committed first = run(store, stream, run1);
            assertThat(first.batches()).as("a batch a file, then the run's last").isEqualTo(3);
            assertThat(first.issuancesWritten()).as("alice's issuance, by its batch only").isEqualTo(1);
            assertThat(pendingKeys(store)).isEqualTo("ASIABOB000000000001");

            StoreWriter.Committed second = run(store, stream, run2);
            assertThat(second.batches()).isEqualTo(3);
            assertThat(second.issuancesWritten()).as("bob's issuance only: alice's was stored by the first run").isEqualTo(1);
            assertThat(store.db().queryLong("SELECT count(*) FROM issuances")).isEqualTo(2);
            assertThat(pendingKeys(store)).as("bob's stored row answered by the second run").isEmpty();
            assertThat(store.db().queryString("SELECT confidence || ' ' || originLabel FROM credentials "
                    + "WHERE accessKeyId = 'ASIABOB000000000001'")).startsWith("exact").contains("bob");
            assertThat(store.counts().get("events")).isEqualTo(5);
        }
    }

    private static StoreWriter.Committed run(EventStore store, StoreScan.Stream stream, Path dir) {
        StoreScan.Result r = StoreScan.run(store, new InputFinder().find(List.of(dir.toString())),
                new ScanOptions(ReadLimits.defaults(), 1, null), TrustPolicies.none(), null, IngestProgress.NONE, null, null,
                FILE_A_BATCH, stream);
        stream.forget();
        return r.store().committed();
    }

    private static String pendingKeys(EventStore store) throws Exception {
        return store.db().queryString("SELECT coalesce(string_agg(accessKeyId, ',' ORDER BY accessKeyId), '') FROM credentials "
                + "WHERE pending AND accessKeyId LIKE 'ASIA%'");
    }

    private static void write(Path dir, String name, CloudTrailRecord... records) throws Exception {
        Files.createDirectories(dir);
        String body = Stream.of(records).map(CloudTrailRecord::json).collect(Collectors.joining(",", "{\"Records\":[", "]}"));
        Files.writeString(dir.resolve(name), body, StandardCharsets.UTF_8);
    }
}
