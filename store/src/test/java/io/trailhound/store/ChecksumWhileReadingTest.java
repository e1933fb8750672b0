package io.trailhound.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.identity.TrustPolicies;
import io.trailhound.core.ingest.ReadLimits;
import io.trailhound.core.scan.ScanOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files are checked against the ingest log by the reading threads as they take them (no pass over
 * every file before reading): a file the store has is not read again, of two files with the same
 * bytes in one run one is read, and a new file beside them is read and logged.
 */
class ChecksumWhileReadingTest {
    @TempDir
    Path tmp;

    private static String records(int from, int count) {
        StringBuilder json = new StringBuilder("{\"Records\":[");
        for (int i = from; i < from + count; i++) {
            json.append(i == from ? "" : ",").append(String.format("{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":\"IAMUser\","
                    + "\"arn\":\"arn:aws:iam::111122223333:user/alice\",\"accountId\":\"111122223333\",\"accessKeyId\":\"AKIAALICE0000000001\"},"
                    + "\"eventTime\":\"2026-11-01T10:%02d:00Z\",\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"ListBuckets\","
                    + "\"awsRegion\":\"us-east-1\",\"eventID\":\"00000000-0000-4000-8000-%012d\",\"recipientAccountId\":\"111122223333\"}",
                    i % 60, i));
        }
        return json.append("]}").toString();
    }

    private static StoreScan.Result scan(EventStore s, Path logs, int threads) {
        return StoreScan.run(s, List.of(logs.toString()), new ScanOptions(ReadLimits.defaults(), threads, null),
                TrustPolicies.none(), null, (x, y, z, u, v) -> { });
    }

    @Test
    void sameBytesTwiceInOneRunAreReadOnceAndAStoredFileIsNotReadAgain() throws Exception {
        Path logs = tmp.resolve("logs");
        Files.createDirectories(logs);
        for (int f = 0; f < 12; f++) {
            Files.writeString(logs.resolve("f" + f + ".json"), records(f * 10, 10));
        }
        Files.writeString(logs.resolve("f0-copy.json"), records(0, 10)); // the same bytes as f0.json
        Path file = tmp.resolve("th.duckdb");
        try (EventStore s = EventStore.open(file.toString(), false)) {
            StoreScan.Result r = scan(s, logs, 2);
            assertThat(r.store().filesAlreadyIngested()).isEqualTo(1);
            assertThat(r.scan().ingest().events()).isEqualTo(120);
            assertThat(r.store().committed().eventsAdded()).isEqualTo(120);
            assertThat(s.counts().get("ingest_log")).isEqualTo(12L);
            assertThat(s.ingestedChecksums()).hasSize(12).contains(StoreScan.sha256(logs.resolve("f0.json")));
        }
        Files.writeString(logs.resolve("new.json"), records(500, 7));
        try (EventStore s = EventStore.open(file.toString(), false)) {
            StoreScan.Result r = scan(s, logs, 2);
            assertThat(r.store().filesAlreadyIngested()).isEqualTo(13);
            assertThat(r.scan().ingest().records()).as("only the new file is read").isEqualTo(7);
            assertThat(r.store().committed().eventsAdded()).isEqualTo(7);
            assertThat(s.counts().get("ingest_log")).isEqualTo(13L);
            assertThat(s.eventCount()).isEqualTo(127L);
        }
    }
}
