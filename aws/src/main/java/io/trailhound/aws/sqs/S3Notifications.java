package io.trailhound.aws.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The objects an SQS message announces, in each shape S3 and CloudTrail send them:
 * <ul>
 * <li>S3 event notification {@code {"Records":[{"eventSource":"aws:s3","eventName":"ObjectCreated:Put",
 *     "eventTime":..., "s3":{"bucket":{"name":...},"object":{"key":..., "size":..., "eTag":...}}}]}},
 *     keys URL-encoded (a space is '+');</li>
 * <li>the same, or any below, wrapped in an SNS notification {@code {"Type":"Notification","Message":"<json>"}};</li>
 * <li>EventBridge {@code {"source":"aws.s3","detail-type":"Object Created","time":...,
 *     "detail":{"bucket":{"name":...},"object":{"key":...,"size":...,"etag":...}}}} (keys not encoded);</li>
 * <li>CloudTrail's own delivery notification {@code {"s3Bucket":...,"s3ObjectKey":[...]}} (no ETag: the
 *     host asks S3 for it).</li>
 * </ul>
 * S3's {@code s3:TestEvent} announces nothing. Anything else is a bad message, with the reason.
 */
public final class S3Notifications {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The body is attacker-reachable (anyone allowed to send to the queue): bounded nesting of SNS wrappers. */
    private static final int MAX_WRAPPING = 3;

    /** One object announced; {@code etag} null and {@code size} -1 when the notification does not say. */
    public record Announced(String bucket, String key, String etag, long size, Instant time) {
    }

    /** A message that announces no object in any shape known. */
    public static final class BadMessage extends Exception {
        public BadMessage(String reason) {
            super(reason);
        }
    }

    private S3Notifications() {
    }

    public static List<Announced> parse(String body) throws BadMessage {
        JsonNode doc;
        try {
            doc = JSON.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BadMessage("not JSON: " + e.getOriginalMessage());
        }
        return parse(doc, 0);
    }

    private static List<Announced> parse(JsonNode doc, int depth) throws BadMessage {
        if (doc == null || !doc.isObject()) {
            throw new BadMessage("not a JSON object");
        }
        if ("Notification".equals(doc.path("Type").asText()) && doc.path("Message").isTextual()) {
            if (depth >= MAX_WRAPPING) {
                throw new BadMessage("SNS notifications wrapped more than " + MAX_WRAPPING + " deep");
            }
            try {
                return parse(JSON.readTree(doc.get("Message").asText()), depth + 1);
            } catch (IOException e) {
                throw new BadMessage("SNS notification whose Message is not JSON: " + e.getMessage());
            }
        }
        if ("s3:TestEvent".equals(doc.path("Event").asText())) {
            return List.of();
        }
        if (doc.has("Records")) {
            return s3Event(doc.get("Records"));
        }
        if ("aws.s3".equals(doc.path("source").asText()) && doc.has("detail")) {
            return eventBridge(doc);
        }
        if (doc.path("s3Bucket").isTextual() && doc.path("s3ObjectKey").isArray()) {
            List<Announced> out = new ArrayList<>();
            for (JsonNode k : doc.get("s3ObjectKey")) {
                out.add(new Announced(doc.get("s3Bucket").asText(), text(k, "s3ObjectKey"), null, -1, null));
            }
            return out;
        }
        throw new BadMessage("not an S3 event notification, an EventBridge Object Created event, nor a CloudTrail "
                + "delivery notification");
    }

    private static List<Announced> s3Event(JsonNode records) throws BadMessage {
        if (!records.isArray()) {
            throw new BadMessage("\"Records\" is not an array");
        }
        List<Announced> out = new ArrayList<>();
        for (JsonNode r : records) {
            String name = r.path("eventName").asText("");
            if (!name.startsWith("ObjectCreated:")) {
                continue; // deletions, restores, lifecycle: nothing new to read
            }
            JsonNode s3 = r.path("s3");
            String key = text(s3.path("object").path("key"), "s3.object.key");
            out.add(new Announced(text(s3.path("bucket").path("name"), "s3.bucket.name"),
                    URLDecoder.decode(key, StandardCharsets.UTF_8), etag(s3.path("object").path("eTag")),
                    s3.path("object").path("size").asLong(-1), time(r.path("eventTime"))));
        }
        return out;
    }

    private static List<Announced> eventBridge(JsonNode doc) throws BadMessage {
        if (!"Object Created".equals(doc.path("detail-type").asText())) {
            return List.of();
        }
        JsonNode d = doc.get("detail");
        return List.of(new Announced(text(d.path("bucket").path("name"), "detail.bucket.name"),
                text(d.path("object").path("key"), "detail.object.key"), etag(d.path("object").path("etag")),
                d.path("object").path("size").asLong(-1), time(doc.path("time"))));
    }

    private static String text(JsonNode n, String what) throws BadMessage {
        if (!n.isTextual() || n.asText().isEmpty()) {
            throw new BadMessage(what + " is missing or not a string");
        }
        return n.asText();
    }

    private static String etag(JsonNode n) {
        return n.isTextual() && !n.asText().isEmpty() ? n.asText().replace("\"", "") : null;
    }

    private static Instant time(JsonNode n) {
        try {
            return n.isTextual() ? Instant.parse(n.asText()) : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
