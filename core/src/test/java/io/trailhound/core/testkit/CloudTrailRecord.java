package io.trailhound.core.testkit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.event.CloudTrailEventDecoder;
import io.trailhound.core.event.SourcePosition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * One CloudTrail record for a test, e.g.
 * {@code CloudTrailRecord.event("StopLogging").source("cloudtrail.amazonaws.com").at("2026-11-01T09:05:00Z")
 * .assumedRole("Admin", "alice", "ASIA...", "2026-11-01T09:00:00Z").request("name", "org-trail").json()}.
 *
 * <p>By default it has the envelope every record has (eventVersion 1.08, eventTime
 * {@value #TIME}, awsRegion us-east-1, sourceIPAddress {@value #IP}, eventType AwsApiCall,
 * recipientAccountId {@value #ACCOUNT}); the test sets what it is about. Members come out in the
 * order CloudTrail writes them, whatever order they were set in. Without {@link #id} the eventID is
 * a UUID of the record's content: deterministic, and the same for two equal records (as for a
 * record delivered twice), so a test that needs two equal events gives them ids.
 *
 * <p>A builder is immutable: each setter returns a new one, so a test can keep one as a template
 * and vary it ({@code base.id(uuid(1))}, {@code base.id(uuid(2))}). Setters apply when the record
 * is made ({@link #node}, {@link #json}, {@link #decoded}) in the order they were called; the
 * identity shortcuts and {@link #issues} read the record's final {@link #account} and
 * {@link #at time}, so the order of those calls does not matter.
 */
public final class CloudTrailRecord {
    /** Writes a Map's members in key order, so a record (and the eventID made from it) is the same every run. */
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    public static final String ACCOUNT = "111122223333";
    public static final String TIME = "2026-11-01T09:00:00Z";
    public static final String IP = "198.51.100.1";
    /** Top-level members in CloudTrail's order ("CloudTrail record contents"); others follow in the order set. */
    private static final List<String> ORDER = List.of("eventVersion", "userIdentity", "eventTime", "eventSource",
            "eventName", "awsRegion", "sourceIPAddress", "userAgent", "errorCode", "errorMessage", "requestParameters",
            "responseElements", "additionalEventData", "requestID", "eventID", "readOnly", "resources", "eventType",
            "apiVersion", "managementEvent", "recipientAccountId", "sharedEventID", "vpcEndpointId", "eventCategory",
            "tlsDetails", "sessionCredentialFromConsole");
    /** How STS responses write a credential's expiration, e.g. "Nov 1, 2026, 10:00:00 AM". */
    private static final DateTimeFormatter EXPIRATION = DateTimeFormatter.ofPattern("MMM d, yyyy, h:mm:ss a", Locale.US)
            .withZone(ZoneOffset.UTC);

    private final List<Consumer<ObjectNode>> edits;
    private final String time;
    private final String account;

    private CloudTrailRecord(List<Consumer<ObjectNode>> edits, String time, String account) {
        this.edits = edits;
        this.time = time;
        this.account = account;
    }

    /** A call of {@code eventName}; set its eventSource with {@link #source}. */
    public static CloudTrailRecord event(String eventName) {
        return new CloudTrailRecord(List.of(), TIME, ACCOUNT).set("/eventName", eventName);
    }

    /**
     * An AssumeRole into {@code role} of {@code roleAccount} that issues {@code issuedKey} for
     * {@code seconds}, as STS records it; the caller is set with {@link #by} or a shortcut.
     */
    public static CloudTrailRecord assumeRole(String roleAccount, String role, String session, String issuedKey, long seconds) {
        return event("AssumeRole").source("sts.amazonaws.com")
                .request("roleArn", Identities.roleArn(roleAccount, role)).request("roleSessionName", session)
                .request("durationSeconds", seconds)
                .issues(issuedKey, seconds)
                .response("assumedRoleUser", JSON.createObjectNode().put("assumedRoleId", Identities.assumedRoleId(role, session))
                        .put("arn", Identities.sessionArn(roleAccount, role, session)));
    }

    public CloudTrailRecord source(String eventSource) {
        return set("/eventSource", eventSource);
    }

    /** eventTime, written as given (a test of bad times gives a bad one). */
    public CloudTrailRecord at(String eventTime) {
        return new CloudTrailRecord(edits, eventTime, account);
    }

    /** recipientAccountId, and the account of the identity shortcuts. */
    public CloudTrailRecord account(String recipientAccountId) {
        return new CloudTrailRecord(edits, time, recipientAccountId);
    }

    public CloudTrailRecord id(String eventID) {
        return set("/eventID", eventID);
    }

    public CloudTrailRecord ip(String sourceIPAddress) {
        return set("/sourceIPAddress", sourceIPAddress);
    }

    public CloudTrailRecord userAgent(String userAgent) {
        return set("/userAgent", userAgent);
    }

    /** eventType, e.g. AwsConsoleSignIn (AwsApiCall by default). */
    public CloudTrailRecord type(String eventType) {
        return set("/eventType", eventType);
    }

    /** The caller: any userIdentity object (copied; see {@link Identities}). */
    public CloudTrailRecord by(ObjectNode userIdentity) {
        ObjectNode copy = userIdentity.deepCopy();
        return with(r -> r.set("userIdentity", copy.deepCopy()));
    }

    /** The caller is an IAM user of the record's account signing with {@code key} (none when null). */
    public CloudTrailRecord iamUser(String name, String key) {
        return with(r -> r.set("userIdentity", Identities.iamUser(r.get("recipientAccountId").asText(), name, key)));
    }

    /** The caller is a session of a role of the record's account. */
    public CloudTrailRecord assumedRole(String role, String session, String key, String created) {
        return with(r -> r.set("userIdentity",
                Identities.assumedRole(r.get("recipientAccountId").asText(), role, session, key, created)));
    }

    /** The caller is the root user of the record's account. */
    public CloudTrailRecord root() {
        return with(r -> r.set("userIdentity", Identities.root(r.get("recipientAccountId").asText())));
    }

    /** A member of requestParameters. */
    public CloudTrailRecord request(String name, Object value) {
        return set(JsonPointer.compile("/requestParameters").appendProperty(name), value);
    }

    /** A member of responseElements. */
    public CloudTrailRecord response(String name, Object value) {
        return set(JsonPointer.compile("/responseElements").appendProperty(name), value);
    }

    /** A failed call: errorCode, and errorMessage unless null. */
    public CloudTrailRecord error(String code, String message) {
        CloudTrailRecord failed = set("/errorCode", code);
        return message == null ? failed : failed.set("/errorMessage", message);
    }

    /** responseElements.credentials of an STS call issuing {@code accessKeyId}, expiring {@code seconds} after eventTime. */
    public CloudTrailRecord issues(String accessKeyId, long seconds) {
        return with(r -> objectAt(r, JsonPointer.compile("/responseElements/credentials")).put("accessKeyId", accessKeyId)
                .put("sessionToken", "x")
                .put("expiration", expiration(Instant.parse(r.get("eventTime").asText()).plusSeconds(seconds))));
    }

    /**
     * Any member by JSON pointer, e.g. {@code set("/additionalEventData/MFAUsed", "No")}: objects on
     * the way are made; the value is a String, number, Boolean, JsonNode, Map, List or null (JSON null).
     */
    public CloudTrailRecord set(String pointer, Object value) {
        return set(JsonPointer.compile(pointer), value);
    }

    private CloudTrailRecord set(JsonPointer pointer, Object value) {
        JsonNode node = toNode(value);
        return with(r -> objectAt(r, pointer.head()).set(pointer.last().getMatchingProperty(), node.deepCopy()));
    }

    private CloudTrailRecord with(Consumer<ObjectNode> edit) {
        List<Consumer<ObjectNode>> more = new ArrayList<>(edits);
        more.add(edit);
        return new CloudTrailRecord(List.copyOf(more), time, account);
    }

    /** The record as a tree (a new one each call). */
    public ObjectNode node() {
        ObjectNode r = JSON.createObjectNode().put("eventVersion", "1.08").put("eventTime", time).put("awsRegion", "us-east-1")
                .put("sourceIPAddress", IP).put("eventType", "AwsApiCall").put("recipientAccountId", account);
        edits.forEach(e -> e.accept(r));
        if (!r.has("eventID")) {
            r.put("eventID", UUID.nameUUIDFromBytes(bytes(inCloudTrailOrder(r))).toString());
        }
        return inCloudTrailOrder(r);
    }

    /** The record as one line of JSON. */
    public String json() {
        return new String(bytes(node()), StandardCharsets.UTF_8);
    }

    /** The record decoded by the scan's decoder. */
    public CloudTrailEvent decoded() {
        return decode(bytes(node()));
    }

    /** A record written out by a test (a literal whose bytes matter), decoded by the scan's decoder. */
    public static CloudTrailEvent decode(String json) {
        return decode(json.getBytes(StandardCharsets.UTF_8));
    }

    /** A record tree (one a test changed after building it) decoded by the scan's decoder. */
    public static CloudTrailEvent decode(JsonNode record) {
        return decode(bytes(record));
    }

    /** A version-4-shaped eventID numbered {@code n}, e.g. 00000002-0000-4000-8000-000000000002. */
    public static String uuid(long n) {
        return String.format("%08x-0000-4000-8000-%012x", n, n);
    }

    /** An STS credential expiration as CloudTrail writes it. */
    public static String expiration(Instant at) {
        return EXPIRATION.format(at);
    }

    private static CloudTrailEvent decode(byte[] raw) {
        try {
            JsonParser p = new JsonFactory().createParser(raw);
            p.nextToken();
            return CloudTrailEventDecoder.attach(new CloudTrailEventDecoder().decode(p, null), raw,
                    new SourcePosition("test", 0, 1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(JsonNode record) {
        try {
            return JSON.writeValueAsBytes(record);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode inCloudTrailOrder(ObjectNode r) {
        ObjectNode ordered = JSON.createObjectNode();
        for (String name : ORDER) {
            if (r.has(name)) {
                ordered.set(name, r.get(name));
            }
        }
        for (Map.Entry<String, JsonNode> member : r.properties()) {
            if (!ordered.has(member.getKey())) {
                ordered.set(member.getKey(), member.getValue());
            }
        }
        return ordered;
    }

    /** The object at {@code pointer}, made (replacing a null or a scalar) where missing. */
    private static ObjectNode objectAt(ObjectNode root, JsonPointer pointer) {
        ObjectNode at = root;
        for (JsonPointer p = pointer; p != null && !p.matches(); p = p.tail()) {
            String name = p.getMatchingProperty();
            at = at.get(name) instanceof ObjectNode child ? child : at.putObject(name);
        }
        return at;
    }

    private static JsonNode toNode(Object value) {
        JsonNodeFactory f = JSON.getNodeFactory();
        if (value == null) {
            return f.nullNode();
        } else if (value instanceof JsonNode n) {
            return n.deepCopy();
        } else if (value instanceof String s) {
            return f.textNode(s);
        } else if (value instanceof Boolean b) {
            return f.booleanNode(b);
        } else if (value instanceof Integer i) {
            return f.numberNode(i);
        } else if (value instanceof Long l) {
            return f.numberNode(l);
        } else if (value instanceof Double d) {
            return f.numberNode(d);
        } else if (value instanceof BigInteger b) {
            return f.numberNode(b); // as written, however long (a test of number limits)
        }
        return JSON.valueToTree(value); // a Map or List
    }
}
