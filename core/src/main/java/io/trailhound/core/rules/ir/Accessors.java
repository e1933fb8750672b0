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
 * The accessor kit: every {@link Accessor} a front end makes comes from here, and this is the one
 * place that decides what reading a field costs ({@link Accessor#cost()}), so that cheapest-first
 * ordering treats a field alike whatever a language calls it ({@code ct.name}, {@code event.action}
 * and Sigma's {@code eventName} read the same decoded value at the same cost, with the same
 * {@link Accessor#canonical()} name the engine indexes by).
 * <ul>
 *   <li>{@link #path}: CloudTrail's own fields by JSON path. Paths to fields the decoder already
 *       holds (eventName, errorCode, userIdentity.arn, …) read those, so the common rule never
 *       parses the rest of the record; any other path walks the record's tree, parsed once per
 *       event on first use.</li>
 *   <li>{@link #renamed}: a shared accessor under a language's own name, same reading, cost and
 *       canonical name.</li>
 *   <li>{@link #constant}, {@link #absent}, {@link #derived} and {@link #parsed}: a language's own
 *       fields, by what their reading function needs; {@link #map} and {@link #transform} build on
 *       another accessor.</li>
 * </ul>
 */
public final class Accessors {
    /** A field the decoder holds, or a constant: nothing to compute. */
    private static final int HELD = 0;
    /** A little work on fields the decoder holds (a lower-cased name, a time formatted). */
    private static final int DERIVED = 1;
    /** Dearer: may parse the rest of the record, or look something up. */
    private static final int PARSED = 2;

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
     * scalars yield their text ({@code true}, {@code 42}); JSON null is absent. A field the decoder
     * holds costs nothing and is its own canonical name.
     */
    public static Accessor path(String dotted, ObjectValues objects) {
        Function<CloudTrailEvent, String> hot = HOT.get(dotted);
        if (hot != null) {
            return new Field(dotted, hot, dotted, HELD, List.of("path", dotted));
        }
        return new JsonPath(dotted, dotted.split("\\."), objects);
    }

    /** Whether the decoder holds the CloudTrail field at {@code dotted}: reading it parses nothing. */
    public static boolean held(String dotted) {
        return HOT.containsKey(dotted);
    }

    /** What {@code inner} reads, at its cost and with its canonical name, under a language's own {@code name}. */
    public static Accessor renamed(String name, Accessor inner) {
        if (inner instanceof Field f) {
            return new Field(name, f.read(), f.canonical(), f.cost(), f.shareKey());
        }
        return new Field(name, inner::extract, inner.canonical(), inner.cost(), inner.shareKey());
    }

    /** A field whose value never changes ({@code event.kind}: {@code event}). */
    public static Accessor constant(String name, String value) {
        return new Field(name, e -> value, null, HELD, value == null ? ABSENT_KEY : List.of("constant", value));
    }

    /** A field no event has (one the run cannot give, or no pipeline sets). */
    public static Accessor absent(String name) {
        return new Field(name, e -> null, null, HELD, ABSENT_KEY);
    }

    /** Whether {@code a} is (or forwards to) one of {@link #absent}'s: no event has a value there. */
    public static boolean alwaysAbsent(Accessor a) {
        return ABSENT_KEY.equals(a.shareKey());
    }

    /**
     * A field computed from what the decoder holds: {@code read} must not touch the record's tree
     * ({@link CloudTrailEvent#tree()}, {@link CloudTrailEvent#member}). It returns null, a String
     * or a List of String, as {@link Accessor#extract} does.
     */
    public static Accessor derived(String name, Function<CloudTrailEvent, Object> read) {
        return new Field(name, read, null, DERIVED, null);
    }

    /** A field that may parse the rest of the record, or look something up, to compute its value. */
    public static Accessor parsed(String name, Function<CloudTrailEvent, Object> read) {
        return new Field(name, read, null, PARSED, null);
    }

    /**
     * A field read from top-level member {@code member} of the record, each value a string's text or
     * the compact JSON of a value inside the member, unchanged ({@link Accessor#member}); costs as
     * {@link #parsed}.
     */
    public static Accessor fromMember(String name, String member, Function<CloudTrailEvent, Object> read) {
        return new MemberField(name, member, "", read);
    }

    /**
     * As {@link #fromMember(String, String, Function)}, for values that render the member's texts
     * with {@code separators} between them ({@link Accessor#memberSeparators}).
     */
    public static Accessor fromMember(String name, String member, String separators, Function<CloudTrailEvent, Object> read) {
        return new MemberField(name, member, separators, read);
    }

    private record MemberField(String name, String member, String memberSeparators, Function<CloudTrailEvent, Object> read)
            implements Accessor {
        @Override
        public Object extract(CloudTrailEvent event) {
            return read.apply(event);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * An accessor that applies {@code f} to each value (Falco's {@code tolower()}, …); null from
     * {@code f} drops the value.
     */
    public static Accessor map(Accessor inner, String name, UnaryOperator<String> f) {
        Accessor mapped = transform(inner, name, v -> {
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
        });
        Accessor.View from = inner.view();
        if (from == null) {
            return mapped;
        }
        UnaryOperator<String> before = from.of();
        return new Viewed(mapped, new Accessor.View(from.canonical(), v -> {
            String x = before.apply(v);
            return x == null ? null : f.apply(x);
        }));
    }

    /**
     * An accessor with the {@link Accessor#view} of what it was mapped from. It has no canonical
     * name of its own: its value is not the canonical field's.
     */
    private record Viewed(Accessor inner, Accessor.View view) implements ForwardingAccessor {
        @Override
        public String canonical() {
            return null;
        }

        @Override
        public String toString() {
            return inner.toString();
        }
    }

    /**
     * An accessor that computes its value from all of {@code inner}'s (Falco's {@code len()}); an
     * absent value stays absent. It costs a little more than {@code inner}.
     */
    public static Accessor transform(Accessor inner, String name, UnaryOperator<Object> f) {
        return new Field(name, e -> {
            Object v = inner.extract(e);
            return v == null ? null : f.apply(v);
        }, null, Math.min(PARSED, inner.cost() + 1), null);
    }

    /** The key of every always-absent field: they all read nothing. */
    private static final List<String> ABSENT_KEY = List.of("absent");

    /**
     * The kit's one accessor shape besides {@link JsonPath}: a name, how to read, what it is
     * canonically, its cost, and the {@link Accessor#shareKey} of its reading (null: the instance).
     */
    private record Field(String name, Function<CloudTrailEvent, ?> read, String canonical, int cost, Object key)
            implements Accessor {
        @Override
        public Object extract(CloudTrailEvent event) {
            return read.apply(event);
        }

        @Override
        public Object shareKey() {
            return key == null ? this : key;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** Any other path, through the record's tree. */
    private record JsonPath(String name, String[] segments, ObjectValues objects) implements Accessor {
        @Override
        public String toString() {
            return name;
        }

        @Override
        public Object shareKey() {
            return List.of("path", name, objects);
        }

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
