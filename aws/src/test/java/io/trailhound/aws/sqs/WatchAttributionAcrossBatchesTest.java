package io.trailhound.aws.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.aws.LocalS3;
import io.trailhound.aws.LocalSqs;
import io.trailhound.core.alert.Alert;
import io.trailhound.core.alert.AlertSink;
import io.trailhound.core.alert.AlertUpdate;
import io.trailhound.core.identity.Confidence;
import io.trailhound.core.identity.TrustPolicies;
import io.trailhound.core.ingest.ReadLimits;
import io.trailhound.core.rules.RuleFormats;
import io.trailhound.core.rules.engine.Detector;
import io.trailhound.core.rules.engine.RuleSet;
import io.trailhound.core.scan.ScanOptions;
import io.trailhound.core.testkit.CloudTrailFiles;
import io.trailhound.core.testkit.CloudTrailRecord;
import io.trailhound.store.EventStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Issue 27: watch keeps one attributor across its batches. The first batch has the actions of two
 * role sessions whose AssumeRole calls are in a file that arrives later; the second batch brings
 * them: the stored credential rows and alerts take the exact answer, and the alert already sent
 * gets an attribution update (once, settled), not a second alert.
 */
class WatchAttributionAcrossBatchesTest {
    private static final String BUCKET = "trail";
    private static final String DAY = "AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/01/";

    @TempDir
    Path tmp;

    @Test
    void aLaterBatchsIssuanceUpdatesCredentialsAndAlertsOfAnEarlierBatch() throws Exception {
        List<Alert> alerts = new CopyOnWriteArrayList<>();
        List<AlertUpdate> updates = new CopyOnWriteArrayList<>();
        AtomicInteger batches = new AtomicInteger();
        AlertSink sink = new AlertSink() {
            @Override
            public void alert(Alert a) {
                alerts.add(a);
            }

            @Override
            public void update(AlertUpdate u) {
                updates.add(u);
            }
        };
        try (LocalS3 s3 = new LocalS3(); LocalSqs sqsServer = new LocalSqs(); S3Client s3Client = s3.client();
             SqsClient sqs = sqsServer.client();
             EventStore store = EventStore.open(tmp.resolve("watch.duckdb").toString(), false)) {
            s3.bucket(s3Client, BUCKET);
            String queue = sqs.createQueue(r -> r.queueName("trail-events")).queueUrl();
            Detector detector = new Detector(new RuleSet(RuleFormats.builtin().rules()));
            WatchService.Config c = new WatchService.Config(queue, 1, 10, Duration.ofSeconds(30), Duration.ofSeconds(60),
                    new ScanOptions(ReadLimits.defaults(), 2, null), TrustPolicies.none(), detector, null);
            WatchService w = new WatchService(c, sqs, s3Client, store, sink,
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
                send(sqs, queue, put(s3Client, "actions.json.gz",
                        CloudTrailRecord.event("StopLogging").source("cloudtrail.amazonaws.com").at("2026-11-01T10:10:00Z")
                                .assumedRole("Admin", "alice", "ASIAALICE0000000001", "2026-11-01T10:00:00Z")
                                .request("name", "org-trail").id("stop-1"),
                        CloudTrailRecord.event("ListBuckets").source("s3.amazonaws.com").at("2026-11-01T10:11:00Z")
                                .assumedRole("Reader", "bob", "ASIABOB000000000001", "2026-11-01T10:01:00Z").id("list-1")));
                await(() -> batches.get() == 1);
                assertThat(alerts).extracting(a -> a.event().eventID()).containsExactly("stop-1");
                assertThat(alerts.get(0).attribution().confidence()).isNotEqualTo(Confidence.EXACT);
                assertThat(updates).isEmpty();
                assertThat(pending(store)).isEqualTo(2);

                // batch 2: the AssumeRole calls that issued both keys
                send(sqs, queue, put(s3Client, "sts.json.gz",
                        CloudTrailRecord.assumeRole("111122223333", "Admin", "alice", "ASIAALICE0000000001", 3600)
                                .at("2026-11-01T10:00:00Z").iamUser("alice", "AKIAALICE000000000001").id("assume-1"),
                        CloudTrailRecord.assumeRole("111122223333", "Reader", "bob", "ASIABOB000000000001", 3600)
                                .at("2026-11-01T10:01:00Z").iamUser("bob", "AKIABOB0000000000001").id("assume-2")));
                await(() -> batches.get() == 2);
            } finally {
                w.stop();
                t.join(30_000);
            }
            assertThat(t.isAlive()).isFalse();

            assertThat(alerts).as("no second alert").hasSize(1);
            assertThat(updates).hasSize(1);
            AlertUpdate u = updates.get(0);
            assertThat(u.alertId()).isEqualTo(alerts.get(0).id());
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

    private static long pending(EventStore store) throws java.sql.SQLException {
        return store.db().queryLong("SELECT count(*) FROM credentials WHERE pending AND accessKeyId LIKE 'ASIA%'");
    }

    private static String put(S3Client s3, String name, CloudTrailRecord... records) {
        List<String> json = java.util.Arrays.stream(records).map(CloudTrailRecord::json).toList();
        LocalS3.put(s3, BUCKET, DAY + name, CloudTrailFiles.gzip(CloudTrailFiles.s3(json)));
        return DAY + name;
    }

    private static void send(SqsClient sqs, String queue, String key) {
        sqs.sendMessage(r -> r.queueUrl(queue).messageBody(
                "{\"s3Bucket\":\"" + BUCKET + "\",\"s3ObjectKey\":[\"" + key + "\"]}"));
    }

    private static void await(BooleanSupplier done) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not done within 60 s");
            }
            Thread.sleep(50);
        }
    }
}
