package io.trailhound.core.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.util.Set;

/**
 * Finds where to resume reading after bad input, from the bytes alone: the next line (JSON Lines)
 * or the next record start (arrays). A record start is a {@code {} whose first key is a
 * CloudTrail record key and whose place fits a record: after a comma or at the start of an array
 * that is not a key's value other than {@code "Records"} (an array element), or after a complete
 * top-level value (a root value).
 * An object that is the value of a key ({@code "requestParameters": {"eventVersion": ...}}) is
 * never taken for a record, so a broken record does not yield a phantom event.
 */
final class Resync {
    /** Top-level keys of a CloudTrail record, and the first keys of an EventBridge envelope. */
    private static final Set<String> RECORD_KEYS = Set.of("eventVersion", "userIdentity", "eventTime", "eventSource",
            "eventName", "awsRegion", "sourceIPAddress", "userAgent", "additionalEventData", "apiVersion", "errorCode",
            "errorMessage", "eventCategory", "eventID", "eventType", "managementEvent", "readOnly",
            "recipientAccountId", "requestID", "requestParameters", "responseElements", "serviceEventDetails",
            "sessionCredentialFromConsole", "sharedEventID", "tlsDetails", "vpcEndpointId", "insightDetails",
            "version", "detail-type");
    private static final String WRAPPER_KEY = "Records";
    /** Whitespace looked through around a candidate (more is not how JSON is written). */
    private static final int MAX_BLANKS = 256;
    private static final int MAX_KEY = 40;
    /** How far the first lines of an input are looked through for a record when its first byte is not JSON. */
    private static final int FIRST_RECORD_LOOKAHEAD = 1 << 16;

    /** How to go on: parse top-level values, parse array elements one by one, or search from here. */
    enum Mode { ROOT, ELEMENTS, SEARCH }

    /** Where and how to go on reading; {@code wrapper} when the elements are those of a {@code "Records"} array. */
    record Resume(long at, long line, Mode mode, boolean wrapper) {
    }

    /** What a '{' starts, judged by its first key and what precedes it. */
    private enum Candidate { NONE, WRAPPER, ROOT_VALUE, ELEMENT, FIRST_OF_RECORDS, FIRST_OF_ARRAY }

    private final CapturingInputStream cap;
    private final long inputStart;

    Resync(CapturingInputStream cap, long inputStart) {
        this.cap = cap;
        this.inputStart = inputStart;
    }

    /**
     * The next place to read from at or after {@code from}. Outside an array: the start of the
     * next line, or a root value or {@code "Records"} array starting earlier on this line. Inside
     * one: the next record start, wherever it is; a record after a complete value is read as an
     * element of the current array ({@code inWrapper}), its comma lost. Null when nothing follows.
     */
    Resume next(long from, long line, boolean inArray, boolean inWrapper) throws IOException {
        for (long at = Math.max(from, cap.windowStart()); ; at++) {
            int c = cap.peek(at);
            if (c < 0) {
                return null;
            }
            if (c == '\n') {
                if (!inArray) {
                    return new Resume(at + 1, line + 1, Mode.ROOT, false);
                }
                line++;
            } else if (c == '{') {
                Resume r = candidate(at, line, inArray, inWrapper);
                if (r != null) {
                    return r;
                }
            }
        }
    }

    private Resume candidate(long at, long line, boolean inArray, boolean inWrapper) throws IOException {
        return switch (classify(at)) {
            case WRAPPER -> new Resume(at, line, Mode.ROOT, false);
            // A record after a complete value: inside an array, its comma was lost.
            case ROOT_VALUE -> inArray ? new Resume(at, line, Mode.ELEMENTS, inWrapper) : new Resume(at, line, Mode.ROOT, false);
            case FIRST_OF_RECORDS -> new Resume(at, line, Mode.ELEMENTS, true);
            case ELEMENT -> inArray ? new Resume(at, line, Mode.ELEMENTS, inWrapper) : null;
            case FIRST_OF_ARRAY -> inArray ? new Resume(at, line, Mode.ELEMENTS, false) : null;
            case NONE -> null;
        };
    }

    private Candidate classify(long brace) throws IOException {
        String key = keyAfter(brace);
        boolean recordKey = key != null && RECORD_KEYS.contains(key);
        if (!recordKey && !WRAPPER_KEY.equals(key)) {
            return Candidate.NONE;
        }
        Candidate topLevel = recordKey ? Candidate.ROOT_VALUE : Candidate.WRAPPER;
        long p = blankBefore(brace - 1);
        if (p == BEFORE_INPUT || p >= 0 && (cap.peekBack(p) == '}' || cap.peekBack(p) == ']')) {
            return topLevel;
        }
        if (cap.peek(brace + 1) == '"' && startsLine(brace)) {
            // A compact object opening a line is a JSON Lines record, whatever the line before holds
            // (cut short, say): pretty printers break the line after '{', and a compact record has no
            // line breaks.
            return topLevel;
        }
        if (!recordKey || p < 0) {
            return Candidate.NONE;
        }
        int c = cap.peekBack(p);
        if (c == ',') {
            return Candidate.ELEMENT; // whatever came before was damaged or not: a comma separates elements here
        }
        if (c == '[') {
            long q = blankBefore(p - 1);
            if (q >= 0 && cap.peekBack(q) == ':') {
                // the value of a key: a record only when the key is "Records"
                return isWrapperKeyBefore(q - 1) ? Candidate.FIRST_OF_RECORDS : Candidate.NONE;
            }
            return Candidate.FIRST_OF_ARRAY;
        }
        return Candidate.NONE; // after ':' the object is a key's value, never a record; anything else is damage
    }

    private static final long BEFORE_INPUT = -1;
    private static final long UNKNOWN = -2;

    /** The offset of the last non-blank byte at or before {@code p}; BEFORE_INPUT or UNKNOWN when there is none to see. */
    private long blankBefore(long p) {
        for (int n = 0; n < MAX_BLANKS; n++, p--) {
            if (p < inputStart) {
                return BEFORE_INPUT;
            }
            int c = cap.peekBack(p);
            if (c < 0) {
                return UNKNOWN;
            }
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                return p;
            }
        }
        return UNKNOWN;
    }

    /** True when only spaces and tabs separate {@code brace} from the line break before it. */
    private boolean startsLine(long brace) {
        for (long p = brace - 1; p > brace - MAX_BLANKS && p >= inputStart; p--) {
            int c = cap.peekBack(p);
            if (c == '\n') {
                return true;
            }
            if (c != ' ' && c != '\t' && c != '\r') {
                return false;
            }
        }
        return false;
    }

    private boolean isWrapperKeyBefore(long p) {
        long q = blankBefore(p);
        if (q < 0 || cap.peekBack(q) != '"') {
            return false;
        }
        for (int i = WRAPPER_KEY.length() - 1; i >= 0; i--) {
            if (cap.peekBack(--q) != WRAPPER_KEY.charAt(i)) {
                return false;
            }
        }
        return cap.peekBack(q - 1) == '"';
    }

    /** The first key of the object opening at {@code brace}, when it is a short plain one; else null. */
    private String keyAfter(long brace) throws IOException {
        long at = brace + 1;
        int c;
        for (int n = 0; (c = cap.peek(at)) == ' ' || c == '\t' || c == '\r' || c == '\n'; n++, at++) {
            if (n == MAX_BLANKS) {
                return null;
            }
        }
        if (c != '"') {
            return null;
        }
        StringBuilder key = new StringBuilder();
        for (at++; key.length() <= MAX_KEY; at++) {
            c = cap.peek(at);
            if (c == '"') {
                return key.toString();
            }
            if (c < 0x20 || c == '\\' || c >= 0x80) {
                return null;
            }
            key.append((char) c);
        }
        return null;
    }

    /**
     * For an input whose first byte is not JSON: true when one of its first lines holds a whole
     * JSON object (and nothing else), so the input is JSON Lines with bad lines first, not text
     * that mentions JSON. Looks at most {@link #FIRST_RECORD_LOOKAHEAD} bytes ahead, holding them
     * so that reading can start over at {@code from}.
     */
    boolean laterLineHoldsObject(long from, JsonFactory json) throws IOException {
        cap.hold(from);
        try {
            boolean lineStart = false;
            for (long at = from; at < from + FIRST_RECORD_LOOKAHEAD; at++) {
                int c = cap.peek(at);
                if (c < 0) {
                    return false;
                }
                if (c == '\n') {
                    lineStart = true;
                } else if (c == '{' && lineStart) {
                    if (wholeObjectLine(at, from + FIRST_RECORD_LOOKAHEAD, json)) {
                        return true;
                    }
                    lineStart = false;
                } else if (c != ' ' && c != '\t' && c != '\r') {
                    lineStart = false;
                }
            }
            return false;
        } finally {
            cap.releaseHold();
        }
    }

    private boolean wholeObjectLine(long brace, long limit, JsonFactory json) throws IOException {
        cap.peek(limit); // read ahead as far as the look-ahead goes (or to the end of input)
        byte[] rest = cap.available(brace, (int) (limit - brace));
        try (JsonParser p = json.createParser(rest)) {
            p.nextToken();
            p.skipChildren();
            int end = (int) p.currentLocation().getByteOffset();
            for (int i = end; i < rest.length; i++) {
                int c = rest[i];
                if (c == '\n') {
                    return true;
                }
                if (c != ' ' && c != '\t' && c != '\r') {
                    return false;
                }
            }
            return end <= rest.length && cap.peek(brace + rest.length) < 0; // the object ends the input
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    /** {offset, line} of the first non-blank byte at or after {@code from}, or {-1, line} at end of input. */
    long[] firstNonBlank(long from, long line) throws IOException {
        for (long at = Math.max(from, cap.windowStart()); ; at++) {
            int c = cap.peek(at);
            if (c < 0) {
                return new long[] {-1, line};
            }
            if (c == '\n') {
                line++;
            } else if (c != ' ' && c != '\t' && c != '\r') {
                return new long[] {at, line};
            }
        }
    }
}
