package io.trailhound.core.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * One CloudTrail record. The fields every stage reads are decoded once, typed, while the record
 * streams past; everything else (requestParameters, responseElements, additionalEventData, ...)
 * stays as the record's raw bytes and is parsed into a tree the first time a {@link FieldPath}
 * asks for it, then cached, so a record is never parsed twice.
 */
public final class CloudTrailEvent {
    // Accepts all that a reader's limits may let through: a record that was read always parses again.
    private static final ObjectMapper TREE_READER = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
            .streamReadConstraints(RecordBounds.REPARSE).build());

    String eventVersion;
    long eventTimeMillis = Long.MIN_VALUE;
    String eventTimeText;
    String eventID;
    String eventSource;
    String eventName;
    String awsRegion;
    String sourceIPAddress;
    String userAgent;
    String errorCode;
    String errorMessage;
    Boolean readOnly;
    String eventType;
    Boolean managementEvent;
    String eventCategory;
    String recipientAccountId;
    String sharedEventID;
    String requestID;
    boolean sessionCredentialFromConsole;
    UserIdentity userIdentity;
    StsFields sts;
    /** Raw JSON of the whole record as read (UTF-8). */
    byte[] raw;
    /** True when the record came wrapped in an EventBridge envelope whose {@code detail} is the event. */
    boolean enveloped;
    SourcePosition position;

    /** Where the decoder saw three members ({@link MemberSpans}); trusted only when {@code spansKnown}. */
    long requestSpan;
    long responseSpan;
    long additionalSpan;
    boolean spansKnown;

    private JsonNode tree;
    /** Top-level members parsed on their own ({@link #member}), before or instead of the whole tree. */
    private String[] memberNames;
    private JsonNode[] memberValues;
    private int members;
    /** Of those, the ones found by scanning the record (not from a span). */
    private int scans;
    /** The raw bytes a char per byte, made on first use ({@link #latin1}); whether they hold a backslash-u (0: not looked yet). */
    private String latin1;
    private byte unicodeEscapes;
    /** Values found in a member's bytes without parsing it ({@link #memberAt}); past a few, the member is parsed. */
    private byte memberLookups;

    CloudTrailEvent() {
    }

    public String eventVersion() { return eventVersion; }
    /** eventTime in epoch milliseconds. */
    public long eventTimeMillis() { return eventTimeMillis; }
    public Instant eventTime() { return Instant.ofEpochMilli(eventTimeMillis); }
    /** eventTime exactly as the record wrote it. */
    public String eventTimeText() { return eventTimeText; }
    public String eventID() { return eventID; }
    public String eventSource() { return eventSource; }
    public String eventName() { return eventName; }
    public String awsRegion() { return awsRegion; }
    public String sourceIPAddress() { return sourceIPAddress; }
    public String userAgent() { return userAgent; }
    public String errorCode() { return errorCode; }
    public String errorMessage() { return errorMessage; }
    public Boolean readOnly() { return readOnly; }
    public String eventType() { return eventType; }
    public Boolean managementEvent() { return managementEvent; }
    public String eventCategory() { return eventCategory; }
    public String recipientAccountId() { return recipientAccountId; }
    public String sharedEventID() { return sharedEventID; }
    public String requestID() { return requestID; }
    public boolean sessionCredentialFromConsole() { return sessionCredentialFromConsole; }
    /** Never null: a record without userIdentity (some service events) gets an empty one. */
    public UserIdentity userIdentity() { return userIdentity; }
    public SourcePosition position() { return position; }
    /** The STS request and response fields attribution needs, for calls to sts.amazonaws.com; null otherwise. */
    public StsFields sts() { return sts; }

    /** The record's raw JSON bytes (UTF-8), as read, or null on an {@link #identityCopy(UserIdentity)}. Do not modify. */
    public byte[] rawBytes() { return raw; }

    public String rawJson() {
        return raw == null ? null : new String(raw, StandardCharsets.UTF_8);
    }

    /**
     * The whole record as a tree, parsed from the raw bytes on first use and cached. For a record
     * that arrived in an EventBridge envelope this is the {@code detail} object.
     */
    public JsonNode tree() {
        JsonNode t = tree;
        if (t == null) {
            try {
                t = TREE_READER.readTree(raw);
            } catch (IOException e) {
                // The decoder already read these bytes as valid JSON, so this cannot happen.
                throw new UncheckedIOException("record re-parse failed at " + position, e);
            }
            if (enveloped && t.has("detail")) {
                t = t.get("detail");
            }
            tree = t;
        }
        return t;
    }

    /**
     * One top-level member of the record ({@code requestParameters}, {@code responseElements},
     * ...), or null when absent. Until the whole tree is needed, a member is parsed on its own:
     * {@code requestParameters}, {@code responseElements} and {@code additionalEventData} from
     * the bytes where the decoder saw them ({@link MemberSpans}), others by tokenizing the record
     * once more; only that member's subtree is built, a fraction of what building the whole tree
     * costs. After a few members found by tokenizing, the whole tree is parsed instead. Rules read
     * one or two members of most records they look into. As in the tree, a member given twice has
     * its last value.
     */
    public JsonNode member(String name) {
        JsonNode t = tree;
        if (t != null) {
            return member(name, t);
        }
        for (int i = 0; i < members; i++) {
            if (memberNames[i].equals(name)) {
                return memberValues[i];
            }
        }
        long span = span(name);
        JsonNode v;
        if (span == MemberSpans.ABSENT) {
            v = null;
        } else if (span == MemberSpans.NULL) {
            v = com.fasterxml.jackson.databind.node.NullNode.getInstance();
        } else if (span > 0) {
            v = parseSpan(span);
        } else if (raw != null && surelyNotInRecord(name)) {
            v = null; // e.g. `resources` on most records: no tokenizing of the record to learn that
        } else if (scans >= MAX_SEPARATE_MEMBERS || raw == null) {
            return member(name, tree());
        } else {
            v = parseMember(name);
            scans++;
        }
        if (memberNames == null) {
            memberNames = new String[MAX_SEPARATE_MEMBERS + 3];
            memberValues = new JsonNode[MAX_SEPARATE_MEMBERS + 3];
        } else if (members == memberNames.length) {
            // Members answered absent from the bytes alone are not counted in scans: any number may come.
            memberNames = java.util.Arrays.copyOf(memberNames, members * 2);
            memberValues = java.util.Arrays.copyOf(memberValues, members * 2);
        }
        memberNames[members] = name;
        memberValues[members++] = v;
        return v;
    }

    /**
     * The value at {@code path} (object keys) below top-level member {@code path[0]}, or null when
     * some key is missing or a value on the way is not an object: what walking {@link #member}'s
     * tree gives. Until the member is parsed, its bytes ({@link MemberSpans}) are tokenized instead
     * and only the value found is built: a Falco output reading {@code bucketName} from kilobytes of
     * PutBucketPolicy parameters then builds no tree of the policy. After {@value #MAX_MEMBER_LOOKUPS}
     * such lookups in one event the member is parsed once and walked. As in the tree, a key given
     * twice has its last value.
     */
    public JsonNode memberAt(String... path) {
        String member = path[0];
        if (path.length > 1 && tree == null && raw != null && memberLookups < MAX_MEMBER_LOOKUPS && !cached(member)) {
            long span = span(member);
            if (span > 0) {
                memberLookups++;
                int from = MemberSpans.from(span);
                int to = MemberSpans.to(span);
                int start = path.length == 2 ? onlyKeyValue(path[1], from, to) : SEARCH;
                if (start == ABSENT_KEY) {
                    return null;
                }
                boolean direct = start != SEARCH;
                try (com.fasterxml.jackson.core.JsonParser p = MEMBER_FACTORY.createParser(raw, direct ? start : from,
                        to - (direct ? start : from))) {
                    p.nextToken();
                    return direct ? TREE_READER.readTree(p) : valueAt(p, path, 1, keysOnce(path, from, to));
                } catch (IOException e) {
                    // The decoder read these bytes as this member's value, so this cannot happen.
                    throw new UncheckedIOException("record re-parse failed at " + position, e);
                }
            }
        }
        JsonNode n = member(member);
        for (int i = 1; i < path.length; i++) {
            if (n == null || !n.isObject()) {
                return null;
            }
            n = n.get(path[i]);
        }
        return n;
    }

    private static final int MAX_MEMBER_LOOKUPS = 3;
    /** {@link #onlyKeyValue}: the member has no such key; its bytes do not tell (tokenize them). */
    private static final int ABSENT_KEY = -1;
    private static final int SEARCH = -2;

    /**
     * Where the value of top-level key {@code key} of the member at {@code [from, to)} starts, found
     * from the bytes alone when they spell {@code "key"} once (no backslash-u in the record): that
     * place is the key when it lies outside strings, one object deep, before a colon; else the
     * member has no such key ({@link #ABSENT_KEY}). {@link #SEARCH} when the bytes do not tell.
     */
    private int onlyKeyValue(String key, int from, int to) {
        if (mayHaveUnicodeEscape() || !plainKey(key)) {
            return SEARCH;
        }
        String l = latin1();
        int at = quotedAt(l, key, from, to);
        if (at < 0) {
            return ABSENT_KEY;
        }
        if (quotedAt(l, key, at + 1, to) >= 0) {
            return SEARCH;
        }
        // Outside strings and one level deep at the opening quote? The member's own brace makes the level 1.
        int depth = 0;
        boolean inString = false;
        for (int i = from; i < at - 1; i++) {
            byte b = raw[i];
            if (inString) {
                if (b == '\\') {
                    i++;
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == '{' || b == '[') {
                depth++;
            } else if (b == '}' || b == ']') {
                depth--;
            }
        }
        if (inString || depth != 1 || raw[from] != '{') {
            return ABSENT_KEY;
        }
        int i = skipSpace(at + key.length() + 1, to);
        if (i >= to || raw[i] != ':') {
            return ABSENT_KEY;
        }
        i = skipSpace(i + 1, to);
        // A number read on its own must end in a space: the parser would take the '}' or ',' after it for an error.
        return i < to && (raw[i] == '-' || raw[i] >= '0' && raw[i] <= '9') ? SEARCH : i;
    }

    private int skipSpace(int i, int to) {
        while (i < to && (raw[i] == ' ' || raw[i] == '\t' || raw[i] == '\n' || raw[i] == '\r')) {
            i++;
        }
        return i;
    }

    /**
     * The value at {@code path[i..]} below the value the parser is on; null when absent. With
     * {@code first}, the first value found is returned at once (no key on the path is given twice);
     * else the parser reads the value through, and a key given again replaces what was found.
     */
    private static JsonNode valueAt(com.fasterxml.jackson.core.JsonParser p, String[] path, int i, boolean first)
            throws IOException {
        if (p.currentToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
            p.skipChildren();
            return null;
        }
        JsonNode found = null;
        while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
            boolean match = p.currentName().equals(path[i]);
            p.nextToken();
            if (!match) {
                p.skipChildren();
            } else {
                found = i == path.length - 1 ? TREE_READER.readTree(p) : valueAt(p, path, i + 1, first);
                if (first) {
                    return found;
                }
            }
        }
        return found;
    }

    /**
     * The raw record a char per byte (ISO-8859-1), made once per event for the rules that search
     * it: {@link String#indexOf} runs the JVM's vectorized search, where a loop over the bytes
     * costs about what parsing does. Null on an event without raw bytes.
     */
    public String latin1() {
        String l = latin1;
        if (l == null && raw != null) {
            l = new String(raw, StandardCharsets.ISO_8859_1);
            latin1 = l;
        }
        return l;
    }

    /** Whether the raw record holds a backslash-u (a JSON escape that can spell any character); true without raw bytes. */
    public boolean mayHaveUnicodeEscape() {
        if (unicodeEscapes == 0) {
            String l = latin1();
            unicodeEscapes = (byte) (l == null || l.contains("\\u") ? 2 : 1);
        }
        return unicodeEscapes == 2;
    }

    /**
     * False only when the object of top-level member {@code member} surely has no key {@code key}
     * (ASCII letters, digits, {@code _ - .}): neither the tree nor the member is parsed yet, the
     * decoder noted the member's bytes, and {@code "key"} is not in them while the record has no
     * backslash-u, the one escape that could spell such a key otherwise. A Falco output reading
     * {@code ct.request.availabilityzone} from 5 kB of RunInstances parameters then parses nothing.
     */
    public boolean mayHaveKey(String member, String key) {
        if (tree != null || cached(member) || !plainKey(key)) {
            return true;
        }
        long span = span(member);
        if (span <= 0) {
            return true; // absent, null or unknown: member() answers those
        }
        if (mayHaveUnicodeEscape()) {
            return true;
        }
        return quotedIn(latin1(), key, MemberSpans.from(span), MemberSpans.to(span));
    }

    /**
     * True only when no key of any object in the record can be {@code name} (a plain key, see
     * {@link #plainKey}): its quoted spelling is nowhere in the raw bytes, and the record has no
     * backslash-u, the one escape that could spell it otherwise.
     */
    private boolean surelyNotInRecord(String name) {
        if (!plainKey(name) || mayHaveUnicodeEscape()) {
            return false;
        }
        String l = latin1();
        return !quotedIn(l, name, 0, l.length());
    }

    /** Whether {@code "key"} (with its quotes) lies within {@code [from, to)} of {@code l}. */
    private static boolean quotedIn(String l, String key, int from, int to) {
        return quotedAt(l, key, from, to) >= 0;
    }

    /** Where the first {@code "key"} (with its quotes) within {@code [from, to)} of {@code l} has its key, or -1. */
    private static int quotedAt(String l, String key, int from, int to) {
        for (int at = l.indexOf(key, from); at >= 0 && at + key.length() < to; at = l.indexOf(key, at + 1)) {
            if (at > 0 && l.charAt(at - 1) == '"' && l.charAt(at + key.length()) == '"') {
                return at;
            }
        }
        return -1;
    }

    /**
     * Whether each of {@code path[1..]} is a plain key spelled at most once as {@code "key"} in
     * {@code [from, to)}, with no backslash-u in the record: then no object on the path gives a key
     * twice, and the first value found is the value.
     */
    private boolean keysOnce(String[] path, int from, int to) {
        if (mayHaveUnicodeEscape()) {
            return false;
        }
        String l = latin1();
        for (int i = 1; i < path.length; i++) {
            if (!plainKey(path[i])) {
                return false;
            }
            int at = quotedAt(l, path[i], from, to);
            if (at >= 0 && quotedAt(l, path[i], at + 1, to) >= 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Where the bytes of top-level member {@code member} lie in {@link #latin1()}, as {@code from << 32
     * | to}, when a search there for a text a value of the member holds can be trusted: the decoder
     * noted them, and the record has no backslash-u (the one escape that can spell any character
     * otherwise); -1 when not. The engine looks there for texts a test needs before it parses the
     * member ({@code MemberGates}).
     */
    public long searchableSpan(String member) {
        long span = MemberSpans.index(member) < 0 ? MemberSpans.OTHER : span(member);
        return span <= 0 || mayHaveUnicodeEscape() ? -1 : span;
    }

    /**
     * True only when the decoder saw top-level member {@code member} absent or JSON null
     * ({@link MemberSpans}): a text rendered from it is then surely null, and no search of the
     * bytes is needed to tell (the Kubernetes ES|QL rule's GROK over the null
     * {@code responseElements} of every listing call). False when it is there or not known.
     */
    public boolean memberAbsentOrNull(String member) {
        if (MemberSpans.index(member) < 0) {
            return false;
        }
        long span = span(member);
        return span == MemberSpans.ABSENT || span == MemberSpans.NULL;
    }

    private boolean cached(String name) {
        for (int i = 0; i < members; i++) {
            if (memberNames[i].equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** A key whose only other spelling in JSON is with backslash-u escapes. */
    private static boolean plainKey(String key) {
        if (key.isEmpty()) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.')) {
                return false;
            }
        }
        return true;
    }

    /** Where the decoder saw member {@code name}, or {@link MemberSpans#OTHER} when the record must be scanned for it. */
    private long span(String name) {
        if (!spansKnown) {
            return MemberSpans.OTHER;
        }
        return switch (MemberSpans.index(name)) {
            case 0 -> requestSpan;
            case 1 -> responseSpan;
            case 2 -> additionalSpan;
            default -> MemberSpans.OTHER;
        };
    }

    private JsonNode parseSpan(long span) {
        int from = MemberSpans.from(span);
        try (com.fasterxml.jackson.core.JsonParser p = MEMBER_FACTORY.createParser(raw, from, MemberSpans.to(span) - from)) {
            return TREE_READER.readTree(p);
        } catch (IOException e) {
            // The decoder read these bytes as this member's value, so this cannot happen.
            throw new UncheckedIOException("record re-parse failed at " + position, e);
        }
    }

    private static final int MAX_SEPARATE_MEMBERS = 2;
    private static final com.fasterxml.jackson.core.JsonFactory MEMBER_FACTORY = TREE_READER.getFactory();

    private static JsonNode member(String name, JsonNode t) {
        JsonNode v = t.get(name);
        return v == null || v.isMissingNode() ? null : v;
    }

    private JsonNode parseMember(String name) {
        try (com.fasterxml.jackson.core.JsonParser p = MEMBER_FACTORY.createParser(raw)) {
            if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                return null;
            }
            if (enveloped && !enterMember(p, "detail")) {
                return null;
            }
            JsonNode found = null;
            while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                String n = p.currentName();
                p.nextToken();
                if (n.equals(name)) {
                    found = TREE_READER.readTree(p);
                } else {
                    p.skipChildren();
                }
            }
            return found;
        } catch (IOException e) {
            // The decoder already read these bytes as valid JSON, so this cannot happen.
            throw new UncheckedIOException("record re-parse failed at " + position, e);
        }
    }

    /** Moves the parser into the object value of {@code name} at the current level; false when there is none. */
    private static boolean enterMember(com.fasterxml.jackson.core.JsonParser p, String name) throws IOException {
        while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
            String n = p.currentName();
            if (p.nextToken() == com.fasterxml.jackson.core.JsonToken.START_OBJECT && n.equals(name)) {
                return true;
            }
            p.skipChildren();
        }
        return false;
    }

    /**
     * A copy with what names and identifies the event (eventID, time, source and name, region,
     * recipient account, errorCode, the whole userIdentity, the console flag, its position) and
     * nothing else: no raw bytes, user agent, messages or parameters. For holding many events in
     * little memory (attribution waiting for an out-of-order issuance). {@code identity} replaces
     * the userIdentity: the caller may pass one instance shared by every event of a session. Its
     * tree is empty: paths resolve to null.
     */
    public CloudTrailEvent identityCopy(UserIdentity identity) {
        CloudTrailEvent c = new CloudTrailEvent();
        c.eventTimeMillis = eventTimeMillis;
        c.eventTimeText = eventTimeText;
        c.eventID = eventID;
        c.eventSource = eventSource;
        c.eventName = eventName;
        c.awsRegion = awsRegion;
        c.errorCode = errorCode;
        c.recipientAccountId = recipientAccountId;
        c.sessionCredentialFromConsole = sessionCredentialFromConsole;
        c.userIdentity = identity;
        c.position = position;
        c.raw = null;
        c.tree = com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        return c;
    }

    /** The value at {@code path}, or null when absent. Shorthand for {@code path.resolve(this)}. */
    public JsonNode at(FieldPath path) {
        return path.resolve(this);
    }

    @Override
    public String toString() {
        return eventName + " " + eventSource + " " + eventTimeText + " " + eventID;
    }
}
