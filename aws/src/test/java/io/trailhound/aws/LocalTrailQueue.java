package io.trailhound.aws;

import io.trailhound.core.testkit.CloudTrailFiles;
import io.trailhound.core.testkit.CloudTrailRecord;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * What a watch test runs against: a trail bucket in a local S3 and its notification queue in a
 * local SQS, both in this JVM on loopback, with the steps every such test takes (put a log file,
 * announce it, wait for the queue to empty).
 */
public final class LocalTrailQueue implements AutoCloseable {
    public static final String BUCKET = "trail";
    public static final String DAY = "AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/01/";

    private final LocalS3 s3;
    private final LocalSqs sqsServer;
    private final S3Client s3Client;
    private final SqsClient sqs;
    private final String queue;

    public LocalTrailQueue() throws Exception {
        s3 = new LocalS3();
        sqsServer = new LocalSqs();
        s3Client = s3.client();
        sqs = sqsServer.client();
        s3.bucket(s3Client, BUCKET);
        queue = sqs.createQueue(r -> r.queueName("trail-events")).queueUrl();
    }

    public LocalS3 s3() {
        return s3;
    }

    public LocalSqs sqsServer() {
        return sqsServer;
    }

    public S3Client s3Client() {
        return s3Client;
    }

    public SqsClient sqs() {
        return sqs;
    }

    public String queue() {
        return queue;
    }

    /** Puts {@code records} as a gzipped S3 delivery file at {@code key} and returns its ETag. */
    public String put(String key, CloudTrailRecord... records) {
        return put(key, CloudTrailFiles.gzip(CloudTrailFiles.s3(Arrays.stream(records).map(CloudTrailRecord::json).toList())));
    }

    /** Puts {@code body} at {@code key} and returns its ETag. */
    public String put(String key, byte[] body) {
        LocalS3.put(s3Client, BUCKET, key, body);
        return s3Client.headObject(r -> r.bucket(BUCKET).key(key)).eTag().replace("\"", "");
    }

    public void send(String body) {
        sqs.sendMessage(r -> r.queueUrl(queue).messageBody(body));
    }

    /** Announces the object at {@code key} as CloudTrail's own SNS delivery notification (raw message delivery) does. */
    public void announce(String key) {
        send("{\"s3Bucket\":\"" + BUCKET + "\",\"s3ObjectKey\":[\"" + key + "\"]}");
    }

    /** Puts the records at {@link #DAY}{@code name} and announces the file. */
    public void deliver(String name, CloudTrailRecord... records) {
        put(DAY + name, records);
        announce(DAY + name);
    }

    /** Messages in the queue, visible or in flight. */
    public long depth() {
        var a = sqs.getQueueAttributes(r -> r.queueUrl(queue).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Long.parseLong(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Long.parseLong(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    /** Waits until {@code done}, checking every 50 ms; fails after {@code within}. */
    public static void await(BooleanSupplier done, Duration within, String what) throws InterruptedException {
        long end = System.nanoTime() + within.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not done within " + within + ": " + what);
            }
            Thread.sleep(50);
        }
    }

    @Override
    public void close() throws Exception {
        sqs.close();
        s3Client.close();
        sqsServer.close();
        s3.close();
    }
}
