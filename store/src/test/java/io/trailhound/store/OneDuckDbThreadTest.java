package io.trailhound.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.ingest.BadRecord;
import io.trailhound.core.ingest.InputSource;
import io.trailhound.core.ingest.ReadLimits;
import io.trailhound.core.ingest.RecordHandler;
import io.trailhound.core.ingest.RecordReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A batch commit runs its statements at one DuckDB thread and gives the database its threads back. */
class OneDuckDbThreadTest {
    @TempDir
    Path tmp;

    @Test
    void setsOneThreadAndRestoresTheNumberBefore() throws Exception {
        try (DuckDb db = DuckDb.inMemory(3)) {
            OneDuckDbThread one = OneDuckDbThread.set(db.connection());
            assertThat(db.queryLong("SELECT current_setting('threads')")).isEqualTo(1L);
            one.restore();
            assertThat(db.queryLong("SELECT current_setting('threads')")).isEqualTo(3L);
        }
    }

    @Test
    void aBatchCommitLeavesTheStoreWithItsThreadsAndItsRowsCommitted() throws Exception {
        String record = "{\"Records\":[{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":\"IAMUser\","
                + "\"arn\":\"arn:aws:iam::111122223333:user/alice\",\"accountId\":\"111122223333\","
                + "\"accessKeyId\":\"AKIAALICE0000000001\"},\"eventTime\":\"2026-11-01T10:00:00Z\","
                + "\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"ListBuckets\",\"awsRegion\":\"us-east-1\","
                + "\"eventID\":\"00000000-0000-4000-8000-000000000001\",\"recipientAccountId\":\"111122223333\"}]}";
        List<CloudTrailEvent> events = new ArrayList<>();
        new RecordReader(ReadLimits.defaults(), false).read(InputSource.bytes("a.json", record.getBytes(StandardCharsets.UTF_8)),
                new RecordHandler() {
                    @Override
                    public void event(CloudTrailEvent e) {
                        events.add(e);
                    }

                    @Override
                    public void bad(BadRecord b) {
                        throw new AssertionError(b.detail());
                    }
                });
        try (EventStore s = EventStore.open(tmp.resolve("th.duckdb").toString(), false)) {
            s.db().setThreads(3);
            try (StoreWriter w = s.writer()) {
                w.wholeInputs(List.of("a.json"));
                w.event(events.get(0), "AKIAALICE0000000001");
                w.inputDone("a.json");
                w.ingested("sum-a", "/logs/a.json", 10, 1, 0, Instant.now());
                w.commitBatch(null);
                w.commit();
            }
            assertThat(s.db().queryLong("SELECT current_setting('threads')")).isEqualTo(3L);
            assertThat(s.db().queryLong("SELECT count(*) FROM ingest_log")).isEqualTo(1L);
            assertThat(s.eventCount()).isEqualTo(1L);
        }
    }
}
