package io.trailhound.aws.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.aws.LocalTrailQueue;
import io.trailhound.core.alert.AlertUpdate;
import io.trailhound.core.identity.Confidence;
import io.trailhound.core.identity.TrustPolicies;
import io.trailhound.core.ingest.ReadLimits;
import io.trailhound.core.rules.RuleFormats;
import io.trailhound.core.rules.engine.Detector;
import io.trailhound.core.rules.engine.RuleSet;
import io.trailhound.core.scan.ScanOptions;
import io.trailhound.core.testkit.CloudTrailRecord;
import io.trailhound.core.testkit.CollectedAlerts;
import io.trailhound.store.EventStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 27: watch keeps one attributor across its batches. The first batch has the actions of two
 * role sessions whose AssumeRole calls are in a file that arrives later; the second batch brings
 * them: the stored credential rows and alerts take the exact answer, and the alert already sent
 * gets an attribution update (once, settled), not a second alert.
 */
class WatchAttributionAcrossBatchesTest {
    @TempDir
    Path tmp;

    @Test
    void aLaterBatchsIssuanceUpdatesCredentialsAndAlertsOfAnEarlierBatch() throws Exception {
        CollectedAlerts sink = new CollectedAlerts();
        AtomicInteger batches = new AtomicInteger();
        try (LocalTrailQueue trail = new LocalTrailQueue();
             EventStore store = EventStore.open(tmp.resolve("watch.duckdb").toString(), false)) {
            Detector detector = new Detector(new RuleSet(RuleFormats.builtin().rules()));
            WatchService.Config c = new WatchService.Config(trail.queue(), 1, 10, Duration.ofSeconds(30), Duration.ofSeconds(60),
                    new ScanOptions(ReadLimits.defaults(), 2, null), TrustPolicies.none(), detector, null);
            WatchService w = new WatchService(c, trail.sqs(), trail.s3Client(), store, sink,
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), new WatchService.Listener() {
                        @Override
                        public void settled(int deleted, int kept) {
                            batches.incrementAndGet();
                        }
                    });
            Thread t = new Thread(w::run, "watch-under-test");
            t.start();
            try {
                // batch 1: two sessions act, their issuances not read yet
                trail.deliver("actions.json.gz",
                        CloudTrailRecord.event("StopLogging").source("cloudtrail.amazonaws.com").at("2026-11-01T10:10:00Z")
                                .assumedRole("Admin", "alice", "ASIAALICE0000000001", "2026-11-01T10:00:00Z")
                                .request("name", "org-trail").id("stop-1"),
                        CloudTrailRecord.event("ListBuckets").source("s3.amazonaws.com").at("2026-11-01T10:11:00Z")
                                .assumedRole("Reader", "bob", "ASIABOB000000000001", "2026-11-01T10:01:00Z").id("list-1"));
                LocalTrailQueue.await(() -> batches.get() == 1, Duration.ofSeconds(60), "the first batch");
                assertThat(sink.alerts).extracting(a -> a.event().eventID()).containsExactly("stop-1");
                assertThat(sink.alerts.get(0).attribution().confidence()).isNotEqualTo(Confidence.EXACT);
                assertThat(sink.updates).isEmpty();
                assertThat(pending(store)).isEqualTo(2);

                // batch 2: the AssumeRole calls that issued both keys
                trail.deliver("sts.json.gz",
                        CloudTrailRecord.assumeRole("111122223333", "Admin", "alice", "ASIAALICE0000000001", 3600)
                                .at("2026-11-01T10:00:00Z").iamUser("alice", "AKIAALICE000000000001").id("assume-1"),
                        CloudTrailRecord.assumeRole("111122223333", "Reader", "bob", "ASIABOB000000000001", 3600)
                                .at("2026-11-01T10:01:00Z").iamUser("bob", "AKIABOB0000000000001").id("assume-2"));
                LocalTrailQueue.await(() -> batches.get() == 2, Duration.ofSeconds(60), "the second batch");
            } finally {
                w.stop();
                t.join(30_000);
            }
            assertThat(t.isAlive()).isFalse();

            assertThat(sink.alerts).as("no second alert").hasSize(1);
            assertThat(sink.updates).hasSize(1);
            AlertUpdate u = sink.updates.get(0);
            assertThat(u.alertId()).isEqualTo(sink.alerts.get(0).id());
            assertThat(u.settled()).isTrue();
            assertThat(u.attribution().confidence()).isEqualTo(Confidence.EXACT);
            assertThat(u.attribution().origin().label()).contains("alice");

            assertThat(pending(store)).as("stored rows updated").isZero();
            assertThat(store.db().queryString("SELECT string_agg(confidence || ' ' || originLabel, '|' ORDER BY originLabel) "
                    + "FROM credentials WHERE accessKeyId LIKE 'ASIA%'")).contains("exact").contains("alice").contains("bob")
                    .doesNotContain("unknown").doesNotContain("inferred");
            assertThat(store.db().queryString("SELECT confidence || ' ' || originLabel FROM alerts WHERE eventID = 'stop-1'"))
                    .startsWith("exact").contains("alice");
        }
    }

    private static long pending(EventStore store) throws SQLException {
        return store.db().queryLong("SELECT count(*) FROM credentials WHERE pending AND accessKeyId LIKE 'ASIA%'");
    }
}
