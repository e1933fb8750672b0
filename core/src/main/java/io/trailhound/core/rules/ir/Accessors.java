package io.trailhound.core.rules.ir;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.event.UserIdentity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Accessors every front end shares: CloudTrail's own fields by JSON path. Paths to fields the
 * decoder already holds (eventName, errorCode, userIdentity.arn, …) read those, so the common rule
 * never parses the rest of the record; any other path walks the record's tree, parsed once per
 * event on first use.
 */
public final class Accessors {
    private static final Map<String, Function<CloudTrailEvent, String>> HOT = new HashMap<>();

    static {
        HOT.put("eventVersion", CloudTrailEvent::eventVersion);
        HOT.put("eventTime", CloudTrailEvent::eventTimeText);
        HOT.put("eventID", CloudTrailEvent::eventID);
        HOT.put("eventSource", CloudTrailEvent::eventSource);
        HOT.put("eventName", CloudTrailEvent::eventName);
        HOT.put("awsRegion", CloudTrailEvent::awsRegion);
        HOT.put("sourceIPAddress", CloudTrailEvent::sourceIPAddress);
        HOT.put("userAgent", CloudTrailEvent::userAgent);
        HOT.put("errorCode", CloudTrailEvent::errorCode);
        HOT.put("errorMessage", CloudTrailEvent::errorMessage);
        HOT.put("readOnly", e -> e.readOnly() == null ? null : e.readOnly().toString());
        HOT.put("eventType", CloudTrailEvent::eventType);
        HOT.put("managementEvent", e -> e.managementEvent() == null ? null : e.managementEvent().toString());
        HOT.put("eventCategory", CloudTrailEvent::eventCategory);
        HOT.put("recipientAccountId", CloudTrailEvent::recipientAccountId);
        HOT.put("sharedEventID", CloudTrailEvent::sharedEventID);
        HOT.put("requestID", CloudTrailEvent::requestID);
        HOT.put("userIdentity.type", e -> e.userIdentity().type());
        HOT.put("userIdentity.principalId", e -> e.userIdentity().principalId());
        HOT.put("userIdentity.arn", e -> e.userIdentity().arn());
        HOT.put("userIdentity.accountId", e -> e.userIdentity().accountId());
        HOT.put("userIdentity.userName", e -> e.userIdentity().userName());
        HOT.put("userIdentity.invokedBy", e -> e.userIdentity().invokedBy());
        HOT.put("userIdentity.sessionContext.sourceIdentity", e -> e.userIdentity().sourceIdentity());
        HOT.put("userIdentity.sessionContext.sessionIssuer.type", e -> issuer(e, UserIdentity.SessionIssuer::type));
        HOT.put("userIdentity.sessionContext.sessionIssuer.arn", e -> issuer(e, UserIdentity.SessionIssuer::arn));
        HOT.put("userIdentity.sessionContext.sessionIssuer.userName",
                e -> issuer(e, UserIdentity.SessionIssuer::userName));
        HOT.put("userIdentity.sessionContext.sessionIssuer.accountId",
                e -> issuer(e, UserIdentity.SessionIssuer::accountId));
        HOT.put("userIdentity.sessionContext.sessionIssuer.principalId",
                e -> issuer(e, UserIdentity.SessionIssuer::principalId));
    }

    private Accessors() {
    }

    private static String issuer(CloudTrailEvent e, Function<UserIdentity.SessionIssuer, String> f) {
        UserIdentity.SessionIssuer s = e.userIdentity().sessionIssuer();
        return s == null ? null : f.apply(s);
    }

    public static Accessor eventName() {
        return path("eventName", ObjectValues.ABSENT);
    }

    public static Accessor eventSource() {
        return path("eventSource", ObjectValues.ABSENT);
    }

    /** What a path that ends at a JSON object or array of objects yields. */
    public enum ObjectValues {
        /** Nothing: the field counts as absent (a scalar test on an object never matches). */
        ABSENT,
        /** The object's compact JSON text (Falco's object fields; Sigma's {@code contains} on an object). */
        JSON_TEXT
    }

    /**
     * The value(s) at a dotted CloudTrail path such as {@code requestParameters.bucketName}.
     * Arrays on the way fan out (each element is followed), so a path may yield several values;
     * scalars yield their text ({@code true}, {@code 42}); JSON null is absent.
     */
    public static Accessor path(String dotted, ObjectValues objects) {
        Function<CloudTrailEvent, String> hot = HOT.get(dotted);
        if (hot != null) {
            return new HotField(dotted, hot);
        }
        return new JsonPath(dotted, dotted.split("\\."), objects);
    }

    /** An accessor that applies {@code f} to each value (Falco's {@code tolower()}, …); null from f drops the value. */
    public static Accessor map(Accessor inner, String name, UnaryOperator<String> f) {
        return new Accessor() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public int cost() {
                return Math.min(2, inner.cost() + 1);
            }

            @Override
            public Object extract(CloudTrailEvent event) {
                Object v = inner.extract(event);
                if (v == null) {
                    return null;
                }
                if (v instanceof String s) {
                    return f.apply(s);
                }
                List<String> out = new ArrayList<>();
                for (String s : Accessor.valuesOf(v)) {
                    String t = f.apply(s);
                    if (t != null) {
                        out.add(t);
                    }
                }
                return out.isEmpty() ? null : out;
            }
        };
    }

    /** A field the decoder holds: read without touching the record's tree. */
    private record HotField(String name, Function<CloudTrailEvent, String> read) implements Accessor {
        @Override
        public Object extract(CloudTrailEvent event) {
            return read.apply(event);
        }

        @Override
        public String canonical() {
            return name;
        }

        @Override
        public int cost() {
            return 0;
        }
    }

    /** Any other path, through the record's tree. */
    private record JsonPath(String name, String[] segments, ObjectValues objects) implements Accessor {
        @Override
        public Object extract(CloudTrailEvent event) {
            // Depth-first walk with fan-out; most paths meet no array, so avoid allocating for them.
            // The first step reads one top-level member, which spares parsing the whole record.
            JsonNode node = event.member(segments[0]);
            int i = 1;
            for (; i < segments.length; i++) {
                if (node == null) {
                    return null;
                }
                if (node.isArray()) {
                    break;
                }
                node = node.get(segments[i]);
            }
            if (i == segments.length) {
                return node == null ? null : leaf(node);
            }
            List<String> out = new ArrayList<>();
            collect(node, i, out);
            return out.isEmpty() ? null : out.size() == 1 ? out.get(0) : out;
        }

        private void collect(JsonNode node, int i, List<String> out) {
            if (node == null || node.isNull() || node.isMissingNode()) {
                return;
            }
            if (node.isArray() && !(i == segments.length && objects == ObjectValues.JSON_TEXT
                    && !allScalars(node))) {
                for (JsonNode el : node) {
                    collect(el, i, out);
                }
                return;
            }
            if (i == segments.length) {
                Object v = leaf(node);
                if (v instanceof String s) {
                    out.add(s);
                }
                return;
            }
            collect(node.get(segments[i]), i + 1, out);
        }

        private static boolean allScalars(JsonNode array) {
            for (JsonNode el : array) {
                if (el.isContainerNode()) {
                    return false;
                }
            }
            return true;
        }

        private Object leaf(JsonNode node) {
            if (node.isNull() || node.isMissingNode()) {
                return null;
            }
            if (node.isValueNode()) {
                return node.asText();
            }
            if (node.isArray() && allScalars(node)) {
                List<String> out = new ArrayList<>(node.size());
                for (JsonNode el : node) {
                    if (!el.isNull()) {
                        out.add(el.asText());
                    }
                }
                return out.isEmpty() ? null : out;
            }
            if (objects == ObjectValues.JSON_TEXT) {
                return node.toString();
            }
            if (node.isArray()) {
                List<String> out = new ArrayList<>();
                collect(node, segments.length, out);
                return out.isEmpty() ? null : out;
            }
            return null;
        }
    }
}
