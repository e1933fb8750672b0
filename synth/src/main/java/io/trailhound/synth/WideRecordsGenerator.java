package io.trailhound.synth;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Random;

/**
 * A day of logs shaped unlike the organisation's: assumed-role sessions calling few APIs (four
 * event names) with large request parameters (policy documents, instance launch specifications
 * with tags and user data, bucket policies: 2 to 5 kB of JSON a record), {@value #RECORDS_PER_FILE}
 * records a file. Rules that read request parameters, and rules indexed by event name, see every
 * record here. Keys are issued before the logs (no AssumeRole in them), 50 records a session.
 * Deterministic for a seed.
 */
public final class WideRecordsGenerator {
    static final int RECORDS_PER_FILE = 5000;
    private static final int RECORDS_PER_KEY = 50;
    private static final int CONCURRENT_SESSIONS = 64;
    private static final String[][] CALLS = {
        {"iam.amazonaws.com", "PutRolePolicy"}, {"ec2.amazonaws.com", "RunInstances"},
        {"s3.amazonaws.com", "PutBucketPolicy"}, {"ssm.amazonaws.com", "SendCommand"}};
    private static final String[] ACTIONS = {"s3:GetObject", "s3:PutObject", "s3:ListBucket", "kms:Decrypt",
        "dynamodb:Query", "sqs:SendMessage", "logs:PutLogEvents", "ec2:DescribeInstances", "sts:AssumeRole",
        "secretsmanager:GetSecretValue", "ssm:GetParameter", "lambda:InvokeFunction"};

    private final long seed;
    private final long events;
    private final Instant start;

    public WideRecordsGenerator(long seed, long events, Instant start) {
        if (events < 1) {
            throw new IllegalArgumentException("events must be positive");
        }
        this.seed = seed;
        this.events = events;
        this.start = start;
    }

    /** Writes the logs under {@code root} (AWSLogs/...); returns the number of records written. */
    public long generate(Path root) {
        Random rnd = new Random(seed);
        String account = "777788889999";
        String region = "eu-west-1";
        return DayOfRecords.write(root, start, events, RECORDS_PER_FILE, account, region,
                (sb, i, millis) -> record(sb, i, millis, account, region, rnd));
    }

    private void record(StringBuilder sb, long i, long millis, String account, String region, Random rnd) {
        long block = (long) CONCURRENT_SESSIONS * RECORDS_PER_KEY;
        long session = (i / block) * CONCURRENT_SESSIONS + i % CONCURRENT_SESSIONS;
        String role = "Deploy" + (session % 12);
        String name = "pipeline-" + session;
        String[] call = CALLS[rnd.nextInt(CALLS.length)];
        sb.append("{\"eventVersion\":\"1.09\",\"userIdentity\":{\"type\":\"AssumedRole\",\"principalId\":\"AROAWIDE")
                .append(session % 12).append(':').append(name).append("\",\"arn\":\"arn:aws:sts::").append(account)
                .append(":assumed-role/").append(role).append('/').append(name).append("\",\"accountId\":\"").append(account)
                .append("\",\"accessKeyId\":\"").append(String.format("ASIAWIDE%012d", session))
                .append("\",\"sessionContext\":{\"sessionIssuer\":{\"type\":\"Role\",\"principalId\":\"AROAWIDE")
                .append(session % 12).append("\",\"arn\":\"arn:aws:iam::").append(account).append(":role/").append(role)
                .append("\",\"accountId\":\"").append(account).append("\",\"userName\":\"").append(role)
                .append("\"},\"attributes\":{\"creationDate\":\"").append(Instant.ofEpochMilli(millis / 1000 * 1000 - 600_000L))
                .append("\",\"mfaAuthenticated\":\"false\"}}},\"eventTime\":\"").append(Instant.ofEpochMilli(millis / 1000 * 1000))
                .append("\",\"eventSource\":\"").append(call[0]).append("\",\"eventName\":\"").append(call[1])
                .append("\",\"awsRegion\":\"").append(region).append("\",\"sourceIPAddress\":\"198.51.100.")
                .append(session % 250).append("\",\"userAgent\":\"aws-cli/2.15.0 Python/3.11 Linux/6.1 exe/x86_64\",")
                .append("\"requestParameters\":");
        switch (call[1]) {
            case "PutRolePolicy" -> {
                sb.append("{\"roleName\":\"app-").append(rnd.nextInt(500)).append("\",\"policyName\":\"inline-")
                        .append(rnd.nextInt(50)).append("\",\"policyDocument\":\"");
                policy(sb, rnd, true);
                sb.append("\"}");
            }
            case "PutBucketPolicy" -> {
                sb.append("{\"bucketName\":\"data-").append(rnd.nextInt(300)).append("\",\"Host\":\"data.s3.")
                        .append(region).append(".amazonaws.com\",\"bucketPolicy\":");
                policy(sb, rnd, false);
                sb.append(",\"policy\":[\"\"]}");
            }
            case "RunInstances" -> runInstances(sb, rnd);
            default -> {
                sb.append("{\"documentName\":\"AWS-RunShellScript\",\"instanceIds\":[");
                for (int k = 0; k < 8; k++) {
                    sb.append(k == 0 ? "" : ",").append("\"i-0").append(Long.toHexString(rnd.nextLong() >>> 8)).append('"');
                }
                sb.append("],\"parameters\":{\"commands\":[");
                for (int k = 0; k < 20; k++) {
                    sb.append(k == 0 ? "" : ",").append("\"echo step ").append(k).append(" && /opt/app/bin/task --shard ")
                            .append(rnd.nextInt(1000)).append('"');
                }
                sb.append("]}}");
            }
        }
        sb.append(",\"responseElements\":null,\"requestID\":\"").append(new java.util.UUID(rnd.nextLong(), rnd.nextLong()))
                .append("\",\"eventID\":\"").append(new java.util.UUID(seed * 37 + i, rnd.nextLong()))
                .append("\",\"readOnly\":false,\"eventType\":\"AwsApiCall\",\"managementEvent\":true,\"recipientAccountId\":\"")
                .append(account).append("\",\"eventCategory\":\"Management\"}");
    }

    /** A policy of 8 to 23 statements, as a JSON string ({@code quoted}) or an object. */
    private static void policy(StringBuilder sb, Random rnd, boolean quoted) {
        String q = quoted ? "\\\"" : "\"";
        sb.append('{').append(q).append("Version").append(q).append(':').append(q).append("2012-10-17").append(q)
                .append(',').append(q).append("Statement").append(q).append(":[");
        int statements = 8 + rnd.nextInt(16);
        for (int s = 0; s < statements; s++) {
            sb.append(s == 0 ? "" : ",").append('{').append(q).append("Sid").append(q).append(':').append(q).append("S")
                    .append(s).append(q).append(',').append(q).append("Effect").append(q).append(':').append(q)
                    .append(rnd.nextInt(10) == 0 ? "Deny" : "Allow").append(q).append(',').append(q).append("Action")
                    .append(q).append(":[");
            int actions = 1 + rnd.nextInt(4);
            for (int a = 0; a < actions; a++) {
                sb.append(a == 0 ? "" : ",").append(q).append(ACTIONS[rnd.nextInt(ACTIONS.length)]).append(q);
            }
            sb.append("],").append(q).append("Resource").append(q).append(':').append(q).append("arn:aws:s3:::data-")
                    .append(rnd.nextInt(300)).append("/prefix-").append(rnd.nextInt(100)).append("/*").append(q).append('}');
        }
        sb.append("]}");
    }

    private static void runInstances(StringBuilder sb, Random rnd) {
        sb.append("{\"instancesSet\":{\"items\":[{\"imageId\":\"ami-0").append(Long.toHexString(rnd.nextLong() >>> 4))
                .append("\",\"minCount\":1,\"maxCount\":").append(1 + rnd.nextInt(4)).append("}]},\"instanceType\":\"m5.")
                .append(rnd.nextBoolean() ? "large" : "xlarge").append("\",\"blockDeviceMapping\":{\"items\":[{\"deviceName\":")
                .append("\"/dev/xvda\",\"ebs\":{\"volumeSize\":").append(20 + rnd.nextInt(200))
                .append(",\"deleteOnTermination\":true,\"volumeType\":\"gp3\",\"encrypted\":true}}]},\"tagSpecificationSet\":{\"items\":[");
        for (int t = 0; t < 3; t++) {
            sb.append(t == 0 ? "" : ",").append("{\"resourceType\":\"").append(t == 0 ? "instance" : t == 1 ? "volume" : "network-interface")
                    .append("\",\"tags\":[");
            for (int k = 0; k < 12; k++) {
                sb.append(k == 0 ? "" : ",").append("{\"key\":\"team-").append(k).append("\",\"value\":\"value-")
                        .append(rnd.nextInt(10000)).append("\"}");
            }
            sb.append("]}");
        }
        sb.append("]},\"userData\":\"");
        int chunks = 30 + rnd.nextInt(40);
        for (int c = 0; c < chunks; c++) {
            sb.append(Long.toString(rnd.nextLong() >>> 1, 36));
        }
        sb.append("\",\"monitoring\":{\"enabled\":false},\"disableApiTermination\":false,\"clientToken\":\"")
                .append(new java.util.UUID(rnd.nextLong(), rnd.nextLong())).append("\"}");
    }
}
