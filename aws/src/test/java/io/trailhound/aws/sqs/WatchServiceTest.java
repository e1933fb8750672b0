package io.trailhound.aws.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.aws.LocalTrailQueue;
import io.trailhound.core.alert.Alert;
import io.trailhound.core.identity.TrustPolicies;
import io.trailhound.core.ingest.ReadLimits;
import io.trailhound.core.rules.RuleFormats;
import io.trailhound.core.rules.engine.Detector;
import io.trailhound.core.rules.engine.RuleSet;
import io.trailhound.core.scan.ScanOptions;
import io.trailhound.core.testkit.CloudTrailRecord;
import io.trailhound.store.EventStore;
import io.trailhound.store.StoreQueries;
import io.trailhound.store.StoreReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/** {@code watch} against ElasticMQ and S3Proxy: every notification shape, redelivery, bad messages, visibility. */
class WatchServiceTest {
    private static final String BUCKET = LocalTrailQueue.BUCKET;
    private static final String DAY = LocalTrailQueue.DAY;

    @TempDir
    Path tmp;
    private LocalTrailQueue trail;
    private S3Client s3Client;
    private SqsClient sqs;
    private String queue;
    private final List<Alert> alerts = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws Exception {
        trail = new LocalTrailQueue();
        s3Client = trail.s3Client();
        sqs = trail.sqs();
        queue = trail.queue();
    }

    @AfterEach
    void stop() throws Exception {
        trail.close();
    }

    /** Puts a log file and returns its ETag. */
    private String put(String name, CloudTrailRecord... records) {
        return trail.put(DAY + name, records);
    }

    private static CloudTrailRecord stopLogging(String id) {
        return CloudTrailRecord.event("StopLogging").source("cloudtrail.amazonaws.com").iamUser("mallory", "AKIAMALLORY")
                .request("name", "org-trail").id(id);
    }

    private static String s3Event(String key, String etag) {
        return "{\"Records\":[{\"eventVersion\":\"2.1\",\"eventSource\":\"aws:s3\",\"awsRegion\":\"us-east-1\","
                + "\"eventTime\":\"2026-11-01T10:05:00.000Z\",\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"s3SchemaVersion\":\"1.0\","
                + "\"bucket\":{\"name\":\"" + BUCKET + "\",\"arn\":\"arn:aws:s3:::" + BUCKET + "\"},\"object\":{\"key\":\""
                + java.net.URLEncoder.encode(key, StandardCharsets.UTF_8) + "\",\"size\":100,\"eTag\":\"" + etag + "\"}}}]}";
    }

    private static String sns(String message) {
        return "{\"Type\":\"Notification\",\"MessageId\":\"m\",\"TopicArn\":\"arn:aws:sns:us-east-1:111122223333:t\","
                + "\"Message\":" + com.fasterxml.jackson.databind.node.TextNode.valueOf(message) + "}";
    }

    private static String eventBridge(String key, String etag) {
        return "{\"version\":\"0\",\"id\":\"e\",\"detail-type\":\"Object Created\",\"source\":\"aws.s3\",\"account\":\"111122223333\","
                + "\"time\":\"2026-11-01T10:05:00Z\",\"region\":\"us-east-1\",\"detail\":{\"version\":\"0\",\"bucket\":{\"name\":\""
                + BUCKET + "\"},\"object\":{\"key\":\"" + key + "\",\"size\":100,\"etag\":\"" + etag + "\"}}}";
    }

    private void send(String body) {
        sqs.sendMessage(r -> r.queueUrl(queue).messageBody(body));
    }

    private WatchService service(EventStore store, Duration visibility, WatchService.Listener listener) {
        Detector detector = new Detector(new RuleSet(RuleFormats.builtin().rules()));
        WatchService.Config c = new WatchService.Config(queue, 1, 10, visibility, Duration.ofMillis(300),
                new ScanOptions(ReadLimits.defaults(), 2, null), TrustPolicies.none(), detector, null);
        return new WatchService(c, sqs, s3Client, store, alerts::add, new PrintStream(err, true, StandardCharsets.UTF_8), listener);
    }

    private long queueDepth() {
        return trail.depth();
    }

    private static void await(BooleanSupplier done, Duration within) throws InterruptedException {
        LocalTrailQueue.await(done, within, "the queue to empty");
    }

    private Thread runInBackground(WatchService w) {
        Thread t = new Thread(w::run, "watch-under-test");
        t.start();
        return t;
    }

    @Test
    void readsEveryNotificationShapeOnceAndAlertsOnce() throws Exception {
        String a = put("a file.json.gz", stopLogging("stop-1"), CloudTrailRecord.event("GetObject").id("a-2"));
        String b = put("b.json.gz", CloudTrailRecord.event("ListBuckets").id("b-1"));
        String c = put("c.json.gz", CloudTrailRecord.event("DescribeInstances").id("c-1"));
        put("d.json.gz", CloudTrailRecord.event("GetCallerIdentity").id("d-1"));
        // another file repeating an event already delivered (CloudTrail may deliver an event twice)
        String e = put("e.json.gz", stopLogging("stop-1"), CloudTrailRecord.event("GetObject").id("e-2"));
        send(s3Event(DAY + "a file.json.gz", a));
        send(sns(s3Event(DAY + "b.json.gz", b)));
        send(eventBridge(DAY + "c.json.gz", c));
        send(sns("{\"s3Bucket\":\"" + BUCKET + "\",\"s3ObjectKey\":[\"" + DAY + "d.json.gz\"]}"));
        send("{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\",\"Bucket\":\"" + BUCKET + "\"}");
        send("this is not a notification");
        send(s3Event(DAY + "a file.json.gz", a)); // the same notification again: SQS delivers at least once
        send(s3Event(DAY + "e.json.gz", e));

        try (EventStore store = EventStore.open(tmp.resolve("watch.duckdb").toString(), false)) {
            WatchService w = service(store, Duration.ofSeconds(30), null);
            Thread t = runInBackground(w);
            await(() -> queueDepth() == 0, Duration.ofSeconds(60));
            w.stop();
            t.join(30_000);
            assertThat(t.isAlive()).isFalse();

            assertThat(store.counts().get("events")).isEqualTo(6); // stop-1, a-2, b-1, c-1, d-1, e-2: stop-1 once
            assertThat(alerts).extracting(x -> x.event().eventID()).containsOnlyOnce("stop-1");
            assertThat(alerts.stream().filter(x -> "stop-1".equals(x.event().eventID())).count()).isEqualTo(1);
            assertThat(store.db().queryLong("SELECT count(*) FROM alerts WHERE eventID = 'stop-1'")).isEqualTo(1);
            assertThat(store.db().queryString("SELECT string_agg(detail, '|') FROM quarantine WHERE reason = 'bad_message'"))
                    .contains("announces no object").contains("not JSON");
            assertThat(store.db().queryLong("SELECT count(*) FROM ingest_log")).isEqualTo(5);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("watch: health").contains("queue=");
    }

    @Test
    void visibilityIsExtendedWhileABatchIsRead() throws Exception {
        String a = put("slow.json.gz", CloudTrailRecord.event("GetObject").id("s-1"));
        send(s3Event(DAY + "slow.json.gz", a));
        AtomicInteger reads = new AtomicInteger();
        WatchService.Listener slow = new WatchService.Listener() {
            @Override
            public void reading(int messages, int objects) {
                reads.incrementAndGet();
                try {
                    Thread.sleep(3500); // longer than the 1 s visibility: without extension the message would come back
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        try (EventStore store = EventStore.open(tmp.resolve("vis.duckdb").toString(), false)) {
            WatchService w = service(store, Duration.ofSeconds(1), slow);
            Thread t = runInBackground(w);
            await(() -> queueDepth() == 0, Duration.ofSeconds(30));
            Thread.sleep(1500); // past another visibility timeout: a message not deleted would be back by now
            w.stop();
            t.join(30_000);
            assertThat(reads.get()).isEqualTo(1);
            assertThat(store.counts().get("events")).isEqualTo(1);
        }
    }

    @Test
    void readersBesideTheRunningWatchGetAnswersThroughItAndSeeEachBatch() throws Exception {
        Path db = tmp.resolve("beside.duckdb");
        String a = put("first.json.gz", stopLogging("beside-1"), CloudTrailRecord.event("GetObject").id("beside-2"));
        send(s3Event(DAY + "first.json.gz", a));
        AtomicInteger settled = new AtomicInteger();
        WatchService.Listener counting = new WatchService.Listener() {
            @Override
            public void settled(int deleted, int kept) {
                settled.incrementAndGet();
            }
        };
        try (EventStore store = EventStore.open(db.toString(), false)) {
            WatchService w = service(store, Duration.ofSeconds(30), counting);
            Thread t = runInBackground(w);
            try {
                await(() -> settled.get() >= 1, Duration.ofSeconds(60));
                // Another process could not open the file: readers go through the watch (here, its socket).
                try (StoreQueries q = StoreQueries.open(db.toString())) {
                    assertThat(q.reader().viaWriter()).isTrue();
                    assertThat(q.counts().get("events")).isEqualTo(2);
                    assertThat(q.who("beside-1")).hasValueSatisfying(x -> assertThat(x.matchedBy()).isEqualTo("eventID"));
                    StoreReader.Rows alerts = q.reader().query("SELECT count(*) AS n FROM alerts WHERE eventID = ?", List.of("beside-1"));
                    assertThat(alerts.number(alerts.rows().get(0), "n")).isEqualTo(1);
                }
                String b = put("second.json.gz", CloudTrailRecord.event("ListBuckets").id("beside-3"));
                send(s3Event(DAY + "second.json.gz", b));
                await(() -> settled.get() >= 2, Duration.ofSeconds(60));
                try (StoreQueries q = StoreQueries.open(db.toString())) {
                    assertThat(q.counts().get("events")).as("the next batch, once committed").isEqualTo(3);
                }
            } finally {
                w.stop();
                t.join(30_000);
            }
            assertThat(t.isAlive()).isFalse();
        }
    }
}
