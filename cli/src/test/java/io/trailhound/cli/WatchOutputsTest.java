package io.trailhound.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.trailhound.aws.LocalSqs;
import io.trailhound.aws.sqs.WatchService;
import io.trailhound.core.testkit.CloudTrailFiles;
import io.trailhound.core.testkit.CloudTrailRecord;
import io.trailhound.store.EventStore;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * {@code watch}'s sinks (issue 31) and its attribution across batches (issue 27), the whole command
 * run in-process against a local S3 (S3Proxy, at --endpoint-url) and a local SQS (ElasticMQ): the
 * webhook failing then recovering while watch runs; one that never recovers, its alerts kept in the
 * store as watch goes; --format ecs (with --bulk-index), ocsf and asff on stdout; and an alert
 * whose issuance comes in a later batch updated by an attribution_update line, never sent twice.
 */
class WatchOutputsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BUCKET = "trail";
    private static final String DAY = "AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/01/";

    @TempDir
    Path tmp;
    private LocalSqs sqsServer;
    private SqsClient sqs;
    private String queue;
    private LocalS3Objects s3;
    private HttpServer webhook;
    private java.util.function.Function<io.trailhound.aws.AwsSettings, SqsClient> realSqsClient;

    @BeforeEach
    void start() throws Exception {
        sqsServer = new LocalSqs();
        sqs = sqsServer.client();
        queue = sqs.createQueue(r -> r.queueName("trail-events")).queueUrl();
        s3 = new LocalS3Objects();
        System.setProperty("aws.accessKeyId", "AKIDTESTTESTTEST");
        System.setProperty("aws.secretAccessKey", "test-secret-not-a-credential");
        realSqsClient = WatchCommand.TestSeams.sqsClient;
        WatchCommand.TestSeams.sqsClient = settings -> sqsServer.client();
    }

    @AfterEach
    void stop() {
        WatchCommand.TestSeams.sqsClient = realSqsClient;
        WatchCommand.TestSeams.started = service -> { };
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        if (webhook != null) {
            webhook.stop(0);
        }
        s3.close();
        sqs.close();
        sqsServer.close();
    }

    private static final CloudTrailRecord STOP = CloudTrailRecord.event("StopLogging").source("cloudtrail.amazonaws.com")
            .at("2026-11-01T10:10:00Z").assumedRole("Admin", "alice", "ASIAALICE0000000001", "2026-11-01T10:00:00Z")
            .request("name", "org-trail").id("stop-1");
    private static final CloudTrailRecord LIST = CloudTrailRecord.event("ListBuckets").source("s3.amazonaws.com")
            .at("2026-11-01T10:11:00Z").iamUser("bob", "AKIABOB0000000000001").id("list-1");
    private static final CloudTrailRecord ISSUE = CloudTrailRecord.assumeRole("111122223333", "Admin", "alice",
            "ASIAALICE0000000001", 3600).at("2026-11-01T10:00:00Z").iamUser("alice", "AKIAALICE000000000001").id("assume-1");

    @Test
    void theWebhookFailsThenRecoversWhileWatchRunsAndALaterBatchsIssuanceUpdatesTheAlert() throws Exception {
        AtomicInteger posts = new AtomicInteger();
        List<String> delivered = new CopyOnWriteArrayList<>();
        String url = serveWebhook(body -> {
            if (posts.incrementAndGet() <= 3) {
                return 503; // down for the first three tries, then up again
            }
            delivered.add(body);
            return 200;
        });
        Path alerts = tmp.resolve("alerts.ndjson");
        String db = tmp.resolve("watch.duckdb").toString();
        Watch w = startWatch("--db", db, "--alerts", alerts.toString(), "--alerts-webhook", url);

        deliver("actions.json.gz", STOP, LIST);
        await(() -> lines(alerts).size() == 1 && delivered.size() == 1, "the alert, delivered after the webhook came back");
        assertThat(posts.get()).isEqualTo(4);
        JsonNode alert = lines(alerts).get(0);
        assertThat(alert.get("eventID").asText()).isEqualTo("stop-1");
        assertThat(alert.at("/origin/confidence").asText()).isNotEqualTo("exact");
        assertThat(JSON.readTree(delivered.get(0))).isEqualTo(alert); // Falco's JSON, as printed

        deliver("sts.json.gz", ISSUE);
        await(() -> lines(alerts).size() == 2, "the attribution update");
        CliRun r = w.stop();
        assertThat(r.exit()).as(r.err()).isZero();

        JsonNode update = lines(alerts).get(1);
        assertThat(update.get("type").asText()).isEqualTo("attribution_update");
        assertThat(update.get("eventID").asText()).isEqualTo("stop-1");
        assertThat(update.at("/origin/confidence").asText()).isEqualTo("exact");
        assertThat(update.at("/origin/arn").asText()).isEqualTo("arn:aws:iam::111122223333:user/alice");
        assertThat(update.get("settled").asBoolean()).isTrue();
        // stdout (ndjson, the default) carries the same lines as --alerts FILE, byte for byte
        assertThat(r.out().lines().toList()).containsExactlyElementsOf(Files.readAllLines(alerts));
        assertThat(delivered).as("one alert, never a second for the update").hasSize(1);
        JsonNode summary = JSON.readTree(r.err().lines().filter(l -> l.contains("\"type\":\"summary\"")).findFirst().orElseThrow());
        assertThat(summary.at("/webhook/delivered").asLong()).isEqualTo(1);
        assertThat(summary.at("/webhook/retries").asLong()).isEqualTo(3);
        assertThat(summary.at("/webhook/undelivered").asLong()).isZero();
        try (EventStore s = EventStore.open(db, true)) {
            assertThat(s.db().queryString("SELECT confidence || ' ' || originLabel FROM alerts WHERE eventID = 'stop-1'"))
                    .startsWith("exact").contains("alice");
            assertThat(s.db().queryLong("SELECT count(*) FROM webhook_undelivered")).isZero();
        }
    }

    @Test
    void alertsAWebhookNeverTakesAreKeptInTheStoreAsWatchGoes() throws Exception {
        String url = serveWebhook(body -> 500);
        String db = tmp.resolve("down.duckdb").toString();
        Watch w = startWatch("--db", db, "--alerts-webhook", url);
        deliver("actions.json.gz", STOP, LIST);
        // kept after the batch (five tries with backoff), while watch still runs; read beside it on a copy
        await(() -> undelivered(db) == 1, "the undelivered alert in the store");
        CliRun r = w.stop();
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("were not delivered").contains("webhook_undelivered");
        JsonNode summary = JSON.readTree(r.err().lines().filter(l -> l.contains("\"type\":\"summary\"")).findFirst().orElseThrow());
        assertThat(summary.at("/webhook/undelivered").asLong()).isEqualTo(1);
        try (EventStore s = EventStore.open(db, true)) {
            assertThat(s.db().queryString("SELECT lastError FROM webhook_undelivered")).isEqualTo("HTTP 500");
            assertThat(JSON.readTree(s.db().queryString("SELECT payload FROM webhook_undelivered")).get("eventID").asText())
                    .isEqualTo("stop-1");
        }
    }

    @Test
    void ecsWithBulkActionsOcsfAndAsffGoToStdoutAndNdjsonIsWhatScanPrints() throws Exception {
        byte[] file = CloudTrailFiles.gzip(CloudTrailFiles.s3(List.of(ISSUE.json(), STOP.json(), LIST.json())));

        List<String> ecs = watchOnce("ecs", file, "--bulk-index", "logs-aws.cloudtrail-default");
        assertThat(ecs).hasSize(6);
        for (int i = 0; i < 6; i += 2) {
            JsonNode action = JSON.readTree(ecs.get(i)), doc = JSON.readTree(ecs.get(i + 1));
            assertThat(action.at("/create/_index").asText()).isEqualTo("logs-aws.cloudtrail-default");
            assertThat(action.at("/create/_id").asText()).isEqualTo(doc.at("/event/id").asText());
        }
        JsonNode stopDoc = JSON.readTree(ecs.get(3));
        assertThat(stopDoc.at("/event/action").asText()).isEqualTo("StopLogging");
        assertThat(stopDoc.at("/trailhound/origin/arn").asText()).isEqualTo("arn:aws:iam::111122223333:user/alice");

        List<JsonNode> ocsf = watchOnce("ocsf", file).stream().map(WatchOutputsTest::tree).toList();
        assertThat(ocsf).extracting(d -> d.get("class_uid").asInt()).containsExactlyInAnyOrder(6003, 6003, 6003, 2004);
        assertThat(ocsf).filteredOn(d -> d.get("class_uid").asInt() == 6003).extracting(d -> d.at("/metadata/uid").asText())
                .containsExactlyInAnyOrder("assume-1", "stop-1", "list-1");

        List<String> asff = watchOnce("asff", file, "--asff-region", "eu-west-1");
        assertThat(asff).hasSize(1);
        JsonNode findings = tree(asff.get(0));
        assertThat(findings.isArray()).isTrue();
        assertThat(findings).hasSize(1);
        assertThat(findings.get(0).get("ProductArn").asText()).contains(":eu-west-1:");
        assertThat(findings.get(0).get("Id").asText()).contains("stop-1");

        // the default stays NDJSON: each alert line exactly as 'scan --format ndjson' prints it, but for where it was read
        List<String> ndjson = watchOnce(null, file);
        Path local = Files.write(tmp.resolve("day.json.gz"), file);
        CliRun scan = CliRun.of("scan", local.toString(), "--format", "ndjson", "--no-progress", "--quarantine", tmp.toString());
        assertThat(scan.exit()).as(scan.err()).isZero();
        String object = "s3://" + BUCKET + "/" + DAY + "default.json.gz";
        assertThat(ndjson).isNotEmpty().containsExactlyElementsOf(
                scan.out().lines().map(l -> l.replace("\"file\":\"" + local + "\"", "\"file\":\"" + object + "\"")).toList());
    }

    @Test
    void watchFormatMisuseIsAUsageError() {
        CliRun table = CliRun.of("watch", "--sqs", queue, "--format", "table");
        assertThat(table.exit()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(table.err()).contains("ndjson, ecs, ocsf or asff");
        CliRun bulk = CliRun.of("watch", "--sqs", queue, "--format", "ocsf", "--bulk-index", "x");
        assertThat(bulk.exit()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(bulk.err()).contains("--bulk-index is for --format ecs");
        CliRun quiet = CliRun.of("watch", "--sqs", queue, "--format", "ecs", "--no-stdout");
        assertThat(quiet.exit()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(quiet.err()).contains("--no-stdout");
    }

    /** One watch over one announced file in a fresh store; its stdout lines. */
    private List<String> watchOnce(String format, byte[] file, String... more) throws Exception {
        String name = (format == null ? "default" : format);
        List<String> args = new ArrayList<>(List.of("--db", tmp.resolve(name + ".duckdb").toString()));
        if (format != null) {
            args.addAll(List.of("--format", format));
        }
        args.addAll(List.of(more));
        Watch w = startWatch(args.toArray(String[]::new));
        deliver(name + ".json.gz", file);
        await(() -> depth() == 0, "the batch");
        CliRun r = w.stop();
        assertThat(r.exit()).as(r.err()).isZero();
        return r.out().lines().filter(l -> !l.isBlank()).toList();
    }

    /** watch in a thread of this JVM (stopped as SIGTERM stops it), with the local servers and quick receives. */
    private Watch startWatch(String... args) {
        AtomicReference<WatchService> service = new AtomicReference<>();
        WatchCommand.TestSeams.started = service::set;
        List<String> all = new ArrayList<>(List.of("watch", "--sqs", queue, "--endpoint-url", s3.endpoint(),
                "--region", "us-east-1", "--wait-seconds", "1", "--health-interval", "1h", "--quarantine", tmp.toString()));
        all.addAll(List.of(args));
        return new Watch(CompletableFuture.supplyAsync(() -> CliRun.of(all.toArray(String[]::new))), service);
    }

    private record Watch(CompletableFuture<CliRun> run, AtomicReference<WatchService> service) {
        CliRun stop() throws Exception {
            await(() -> service.get() != null || run.isDone(), "the service");
            if (service.get() != null) {
                service.get().stop();
            }
            return run.get(90, TimeUnit.SECONDS);
        }
    }

    private void deliver(String name, CloudTrailRecord... records) {
        deliver(name, CloudTrailFiles.gzip(CloudTrailFiles.s3(Arrays.stream(records).map(CloudTrailRecord::json).toList())));
    }

    /** Puts the file in the day's folder and announces it as an S3 event notification (with its ETag) does. */
    private void deliver(String name, byte[] body) {
        String key = DAY + name;
        String etag = s3.put(BUCKET, key, body);
        String message = "{\"Records\":[{\"eventVersion\":\"2.1\",\"eventSource\":\"aws:s3\",\"awsRegion\":\"us-east-1\","
                + "\"eventTime\":\"2026-11-01T10:05:00.000Z\",\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"s3SchemaVersion\":\"1.0\","
                + "\"bucket\":{\"name\":\"" + BUCKET + "\"},\"object\":{\"key\":\"" + key + "\",\"size\":" + body.length
                + ",\"eTag\":\"" + etag + "\"}}}]}";
        sqs.sendMessage(r -> r.queueUrl(queue).messageBody(message));
    }

    private long depth() {
        var a = sqs.getQueueAttributes(r -> r.queueUrl(queue).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return a.values().stream().mapToLong(Long::parseLong).sum();
    }

    private String serveWebhook(java.util.function.ToIntFunction<String> status) throws IOException {
        webhook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        webhook.createContext("/", ex -> {
            int code = status.applyAsInt(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            ex.sendResponseHeaders(code, -1);
            ex.close();
        });
        webhook.start();
        return "http://127.0.0.1:" + webhook.getAddress().getPort() + "/falco";
    }

    private static List<JsonNode> lines(Path file) {
        try {
            if (!Files.exists(file)) {
                return List.of();
            }
            List<JsonNode> out = new ArrayList<>();
            for (String l : Files.readAllLines(file)) {
                out.add(JSON.readTree(l));
            }
            return out;
        } catch (IOException e) {
            return List.of(); // a line being written: look again
        }
    }

    private long undelivered(String db) {
        // DuckDB lets one process open a file for writing: read a copy
        try {
            Path copy = tmp.resolve("copy-" + System.nanoTime() + ".duckdb");
            Files.copy(Path.of(db), copy);
            Path wal = Path.of(db + ".wal");
            if (Files.exists(wal)) {
                Files.copy(wal, Path.of(copy + ".wal"));
            }
            try (EventStore s = EventStore.open(copy.toString(), true)) {
                return s.db().queryLong("SELECT count(*) FROM webhook_undelivered");
            }
        } catch (Exception e) {
            return -1;
        }
    }

    private static JsonNode tree(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError(line, e);
        }
    }

    private static void await(BooleanSupplier done, String what) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not done within 90 s: " + what);
            }
            Thread.sleep(100);
        }
    }
}
