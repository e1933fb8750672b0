package io.trailhound.core.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.base.ParserBase;

/**
 * Where the decoder saw the record's {@code requestParameters}, {@code responseElements} and
 * {@code additionalEventData}, the members rules read most: each as one {@code long}, the value's
 * bytes {@code [from, to)} in the raw record ({@code from << 32 | to}), or {@link #ABSENT},
 * {@link #NULL} or {@link #OTHER} (a string, number or boolean, found by scanning the record). The
 * decoder steps over every top-level member anyway, so noting where three of them lie costs two
 * reads of a parser field each; a rule reading one then parses those bytes alone, without
 * tokenizing the rest of the record again. As in the tree, a member given twice has its last value.
 */
final class MemberSpans {
    /** The member is not in the record. */
    static final long ABSENT = 0;
    /** The member is JSON {@code null}. */
    static final long NULL = -1;
    /** The member is a scalar, or where it lies is not known: scan the record for it. */
    static final long OTHER = -2;

    private MemberSpans() {
    }

    /** Which tracked member {@code name} is: 0, 1, 2, or -1 for one not tracked. */
    static int index(String name) {
        return switch (name) {
            case "requestParameters" -> 0;
            case "responseElements" -> 1;
            case "additionalEventData" -> 2;
            default -> -1;
        };
    }

    /** The offset of the parser's current token, or -1 when the parser does not tell it without allocating. */
    static long tokenOffset(JsonParser p) {
        return p instanceof ParserBase b ? b.getTokenCharacterOffset() : -1;
    }

    /**
     * The span of a member whose value started with token {@code t} at parser offset {@code from},
     * the parser now on that value's last token; {@code base} is the record's first byte.
     */
    static long of(JsonParser p, JsonToken t, long base, long from) {
        if (t == JsonToken.VALUE_NULL) {
            return NULL;
        }
        if (base < 0 || from < base || t != JsonToken.START_OBJECT && t != JsonToken.START_ARRAY) {
            return OTHER;
        }
        long to = tokenOffset(p) + 1;
        return to <= from ? OTHER : (from - base) << 32 | (to - base);
    }

    static int from(long span) {
        return (int) (span >>> 32);
    }

    static int to(long span) {
        return (int) span;
    }

    /** Whether every span lies in {@code raw}, which starts with the record's '{': else they cannot be trusted. */
    static boolean fit(byte[] raw, long... spans) {
        if (raw == null || raw.length == 0 || raw[0] != '{') {
            return false;
        }
        for (long s : spans) {
            if (s > 0 && (to(s) > raw.length || from(s) <= 0)) {
                return false;
            }
        }
        return true;
    }
}
