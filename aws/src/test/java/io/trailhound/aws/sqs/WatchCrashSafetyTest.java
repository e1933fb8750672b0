package io.trailhound.aws.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.aws.LocalS3;
import io.trailhound.aws.LocalSqs;
import io.trailhound.core.testkit.CloudTrailFiles;
import io.trailhound.core.testkit.CloudTrailRecord;
import io.trailhound.store.EventStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * kill -9 of a watch in the middle of its run, then a restart on the same queue and store:
 * every event is stored once, every alert raised once (store and alerts file), every message deleted.
 */
class WatchCrashSafetyTest {
    private static final int FILES = 30;
    private static final int EVENTS_PER_FILE = 300;

    @TempDir
    Path tmp;

    @Test
    void killNineMidBatchThenRestartLosesNothingAndRepeatsNothing() throws Exception {
        try (LocalS3 s3 = new LocalS3(); LocalSqs sqsServer = new LocalSqs();
             S3Client s3Client = s3.client(); SqsClient sqs = sqsServer.client()) {
            s3.bucket(s3Client, "trail");
            String queue = sqs.createQueue(r -> r.queueName("crash")).queueUrl();
            for (int f = 0; f < FILES; f++) {
                List<String> records = new ArrayList<>();
                records.add(CloudTrailRecord.event("StopLogging").source("cloudtrail.amazonaws.com")
                        .iamUser("mallory", "AKIAMALLORY").request("name", "t").id("stop-" + f).json());
                for (int i = 1; i < EVENTS_PER_FILE; i++) {
                    records.add(CloudTrailRecord.event("GetObject").id("f" + f + "-" + i).json());
                }
                String key = "AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/01/f" + f + ".json.gz";
                LocalS3.put(s3Client, "trail", key, CloudTrailFiles.gzip(CloudTrailFiles.s3(records)));
                sqs.sendMessage(r -> r.queueUrl(queue).messageBody("{\"s3Bucket\":\"trail\",\"s3ObjectKey\":[\"" + key + "\"]}"));
            }
            Path db = tmp.resolve("watch.duckdb");
            Path alerts = tmp.resolve("alerts.txt");
            String[] args = {sqsServer.endpoint().toString(), s3.endpoint().toString(), queue, db.toString(), alerts.toString()};

            Process first = start(args, "first");
            awaitStderr(tmp.resolve("first.err"), 3);
            first.destroyForcibly();
            first.waitFor();
            int settledBeforeKill = count(tmp.resolve("first.err"));
            assertThat(settledBeforeKill).as("killed mid-run, not after it").isLessThan(FILES / 2);

            Process second = start(args, "second");
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (depth(sqs, queue) > 0) {
                assertThat(System.nanoTime()).as("the restarted watch empties the queue").isLessThan(end);
                assertThat(second.isAlive()).as("the restarted watch runs: " + Files.readString(tmp.resolve("second.err"))).isTrue();
                Thread.sleep(200);
            }
            second.destroy(); // SIGTERM: the shutdown hook finishes the batch in hand
            assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();

            try (EventStore store = EventStore.open(db.toString(), true)) {
                assertThat(store.counts().get("events")).isEqualTo((long) FILES * EVENTS_PER_FILE);
                assertThat(store.db().queryLong("SELECT count(*) FROM alerts WHERE eventID LIKE 'stop-%'")).isEqualTo(FILES);
                assertThat(store.db().queryLong("SELECT count(DISTINCT eventID) FROM alerts WHERE eventID LIKE 'stop-%'"))
                        .isEqualTo(FILES);
                assertThat(store.db().queryLong("SELECT count(*) FROM ingest_log")).isEqualTo(FILES);
            }
            List<String> sent = Files.readAllLines(alerts, StandardCharsets.UTF_8);
            assertThat(sent).doesNotHaveDuplicates();
            assertThat(sent).allMatch(l -> l.startsWith("stop-"));
        }
    }

    private Process start(String[] args, String name) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), WatchChild.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectOutput(tmp.resolve(name + ".out").toFile())
                .redirectError(tmp.resolve(name + ".err").toFile()).start();
    }

    private static int count(Path err) throws IOException {
        return (int) Files.readAllLines(err, StandardCharsets.UTF_8).stream().filter(l -> l.startsWith("settled ")).count();
    }

    private static void awaitStderr(Path err, int settled) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.exists(err) || count(err) < settled) {
            if (System.nanoTime() > end) {
                throw new AssertionError("the watch did not settle " + settled + " batches: "
                        + (Files.exists(err) ? Files.readString(err) : "(no stderr)"));
            }
            Thread.sleep(20);
        }
    }

    private static long depth(SqsClient sqs, String queue) {
        var a = sqs.getQueueAttributes(r -> r.queueUrl(queue).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Long.parseLong(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Long.parseLong(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }
}
