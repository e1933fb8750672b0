package io.trailhound.synth;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Random;

/**
 * A day of activity made with temporary keys issued before the logs begin: every record acts as
 * an assumed-role session whose AssumeRole is in none of the files, as when one day of a large
 * organisation is scanned and most sessions began the day before. {@code eventsPerKey} is the
 * knob: 1 gives every record its own key (the worst case for attribution state), 50 gives sessions
 * of fifty calls. Sessions overlap (64 at a time), so a key's records are spread over a stretch of
 * the day, not consecutive. Deterministic for a seed; S3 layout, gzip, 500 records a file.
 */
public final class ExternalKeysGenerator {
    private static final int RECORDS_PER_FILE = 500;
    private static final int CONCURRENT_SESSIONS = 64;
    private static final String[][] CALLS = {
        {"s3.amazonaws.com", "GetObject"}, {"s3.amazonaws.com", "PutObject"}, {"ec2.amazonaws.com", "DescribeInstances"},
        {"dynamodb.amazonaws.com", "Query"}, {"sqs.amazonaws.com", "SendMessage"}, {"kms.amazonaws.com", "Decrypt"},
        {"lambda.amazonaws.com", "Invoke"}, {"sts.amazonaws.com", "GetCallerIdentity"}};

    private final long seed;
    private final long events;
    private final int eventsPerKey;
    private final Instant start;

    public ExternalKeysGenerator(long seed, long events, int eventsPerKey, Instant start) {
        if (events < 1 || eventsPerKey < 1) {
            throw new IllegalArgumentException("events and eventsPerKey must be positive");
        }
        this.seed = seed;
        this.events = events;
        this.eventsPerKey = eventsPerKey;
        this.start = start;
    }

    /** The access key of session {@code n}: unique, 20 characters, as STS writes them. */
    static String key(long n) {
        return String.format("ASIAEXT%013d", n);
    }

    /** Writes the logs under {@code root} (AWSLogs/...); returns the number of records written. */
    public long generate(Path root) {
        Random rnd = new Random(seed);
        String account = "444455556666";
        String region = "us-east-1";
        return DayOfRecords.write(root, start, events, RECORDS_PER_FILE, account, region,
                (sb, i, millis) -> record(sb, i, millis, account, region, rnd));
    }

    /** Record {@code i}: session {@code (i / (64 * k)) * 64 + i % 64}, so each of 64 open sessions gets k records. */
    private void record(StringBuilder sb, long i, long millis, String account, String region, Random rnd) {
        long block = (long) CONCURRENT_SESSIONS * eventsPerKey;
        long session = (i / block) * CONCURRENT_SESSIONS + i % CONCURRENT_SESSIONS;
        String role = "App" + (session % 40);
        String name = "session-" + session;
        String created = Instant.ofEpochMilli(millis - 3600_000L - (session % 3600) * 1000).toString();
        String[] call = CALLS[rnd.nextInt(CALLS.length)];
        sb.append("{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":\"AssumedRole\",\"principalId\":\"AROAEXT")
                .append(session % 40).append(':').append(name).append("\",\"arn\":\"arn:aws:sts::").append(account)
                .append(":assumed-role/").append(role).append('/').append(name).append("\",\"accountId\":\"").append(account)
                .append("\",\"accessKeyId\":\"").append(key(session)).append("\",\"sessionContext\":{\"sessionIssuer\":{")
                .append("\"type\":\"Role\",\"principalId\":\"AROAEXT").append(session % 40).append("\",\"arn\":\"arn:aws:iam::")
                .append(account).append(":role/").append(role).append("\",\"accountId\":\"").append(account)
                .append("\",\"userName\":\"").append(role).append("\"},\"attributes\":{\"creationDate\":\"").append(created)
                .append("\",\"mfaAuthenticated\":\"false\"}}},\"eventTime\":\"").append(Instant.ofEpochMilli(millis / 1000 * 1000))
                .append("\",\"eventSource\":\"").append(call[0]).append("\",\"eventName\":\"").append(call[1])
                .append("\",\"awsRegion\":\"").append(region).append("\",\"sourceIPAddress\":\"10.").append(session % 200)
                .append('.').append(rnd.nextInt(250)).append('.').append(rnd.nextInt(250))
                .append("\",\"userAgent\":\"aws-sdk-java/2.25.0\",\"requestParameters\":{\"id\":\"r-").append(rnd.nextInt(100000))
                .append("\"},\"responseElements\":null,\"requestID\":\"").append(new java.util.UUID(rnd.nextLong(), rnd.nextLong()))
                .append("\",\"eventID\":\"").append(new java.util.UUID(seed * 31 + i, rnd.nextLong()))
                .append("\",\"readOnly\":true,\"eventType\":\"AwsApiCall\",\"managementEvent\":true,\"recipientAccountId\":\"")
                .append(account).append("\",\"eventCategory\":\"Management\"}");
    }
}
