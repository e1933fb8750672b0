package io.trailhound.core.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** Small CloudTrail records and input shapes for reader tests. */
final class Records {
    private Records() {
    }

    static String record(int i) {
        return "{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":\"AssumedRole\",\"principalId\":\"AROAEXAMPLE:alice\","
                + "\"arn\":\"arn:aws:sts::111122223333:assumed-role/Admin/alice\",\"accountId\":\"111122223333\","
                + "\"accessKeyId\":\"ASIAEXAMPLE" + i + "\",\"sessionContext\":{\"sessionIssuer\":{\"type\":\"Role\","
                + "\"principalId\":\"AROAEXAMPLE\",\"arn\":\"arn:aws:iam::111122223333:role/Admin\",\"accountId\":\"111122223333\","
                + "\"userName\":\"Admin\"},\"attributes\":{\"creationDate\":\"2026-11-01T09:00:00Z\",\"mfaAuthenticated\":\"true\"},"
                + "\"sourceIdentity\":\"alice\"}},\"eventTime\":\"2026-11-01T09:0" + (i % 10) + ":00Z\","
                + "\"eventSource\":\"ec2.amazonaws.com\",\"eventName\":\"DescribeInstances\",\"awsRegion\":\"us-east-1\","
                + "\"sourceIPAddress\":\"198.51.100.7\",\"userAgent\":\"aws-cli/2.15.0\",\"requestParameters\":{\"maxResults\":" + i
                + ",\"filterSet\":{}},\"responseElements\":null,\"requestID\":\"req-" + i + "\",\"eventID\":\"" + uuid(i)
                + "\",\"readOnly\":true,\"eventType\":\"AwsApiCall\",\"managementEvent\":true,"
                + "\"recipientAccountId\":\"111122223333\",\"eventCategory\":\"Management\"}";
    }

    static String uuid(int i) {
        return String.format("%08x-0000-4000-8000-%012x", i, i);
    }

    static List<String> records(int n) {
        return records(0, n);
    }

    static List<String> records(int from, int to) {
        List<String> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(record(i));
        }
        return out;
    }

    static String s3File(List<String> records) {
        return "{\"Records\":[" + String.join(",", records) + "]}";
    }

    static String jsonLines(List<String> records) {
        return String.join("\n", records) + "\n";
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Concatenated gzip members, one per part (as {@code cat a.gz b.gz} makes). */
    static byte[] gzipMembers(String... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (String part : parts) {
            all.writeBytes(gzip(utf8(part)));
        }
        return all.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }

    static List<String> ids(int from, int to) {
        List<String> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(uuid(i));
        }
        return out;
    }

    static byte[] gzip(byte[] data) {
        try {
            ByteArrayOutputStream bos = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
                gz.write(data);
            }
            return bos.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
