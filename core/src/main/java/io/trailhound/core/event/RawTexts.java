package io.trailhound.core.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * String fields of a record that the decoder does not build while the record streams past: it
 * notes where each value's opening quote lies in the raw record (an int, relative to the record's
 * '{'), and the field's accessor builds the string from those bytes on first use. Building a
 * string through the parser cost a fifth of decoding (its char buffer, then a copy back to
 * Latin-1 bytes); most values are plain ASCII without escapes, read here straight from the bytes,
 * and a value no stage asks for (requestID, principalId, eventType, ...) is never built at all.
 * A value with a backslash goes through the JSON parser, which knows every escape.
 *
 * <p>The slots below index {@link CloudTrailEvent#textAt}; 0 there means the value was not seen as
 * a string (absent, null, or decoded at once).
 */
final class RawTexts {
    static final int EVENT_VERSION = 0;
    static final int EVENT_ID = 1;
    static final int EVENT_NAME = 2;
    static final int AWS_REGION = 3;
    static final int SOURCE_IP = 4;
    static final int USER_AGENT = 5;
    static final int ERROR_CODE = 6;
    static final int ERROR_MESSAGE = 7;
    static final int EVENT_TYPE = 8;
    static final int EVENT_CATEGORY = 9;
    static final int RECIPIENT_ACCOUNT = 10;
    static final int SHARED_EVENT_ID = 11;
    static final int REQUEST_ID = 12;
    // userIdentity: UI_TYPE to SI_USER_NAME, in one run (a second userIdentity clears them)
    static final int UI_TYPE = 13;
    static final int UI_PRINCIPAL_ID = 14;
    static final int UI_ARN = 15;
    static final int UI_ACCOUNT_ID = 16;
    static final int UI_ACCESS_KEY_ID = 17;
    static final int UI_USER_NAME = 18;
    static final int UI_INVOKED_BY = 19;
    static final int UI_IDENTITY_PROVIDER = 20;
    static final int UI_CREDENTIAL_ID = 21;
    static final int UI_SESSION_CREATION_DATE = 22;
    static final int UI_EC2_ROLE_DELIVERY = 23;
    static final int UI_SIGN_IN_SESSION_ARN = 24;
    static final int UI_WEB_ID_PROVIDER = 25;
    // userIdentity.sessionContext.sessionIssuer
    static final int SI_TYPE = 26;
    static final int SI_PRINCIPAL_ID = 27;
    static final int SI_ARN = 28;
    static final int SI_ACCOUNT_ID = 29;
    static final int SI_USER_NAME = 30;
    static final int EVENT_TIME = 31;
    static final int COUNT = 32;

    private static final JsonFactory JSON = new JsonFactory();

    private RawTexts() {
    }

    /** The JSON string whose opening quote is at {@code quoteAt} in {@code raw}, unescaped. */
    static String read(byte[] raw, int quoteAt, SourcePosition position) {
        if (raw == null || quoteAt <= 0 || quoteAt >= raw.length || raw[quoteAt] != '"') {
            // The decoder saw a string there in these very bytes: a mismatch is a bug, never input.
            throw new IllegalStateException("no JSON string at byte " + quoteAt + " of the record read at " + position);
        }
        int from = quoteAt + 1;
        int i = plainRun(raw, from);
        boolean ascii = true;
        for (; i < raw.length; i++) {
            byte b = raw[i];
            if (b == '"') {
                return new String(raw, from, i - from, ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
            }
            if (b == '\\') {
                return escaped(raw, quoteAt, position);
            }
            ascii &= b >= 0;
        }
        throw new IllegalStateException("unterminated JSON string at byte " + quoteAt + " of the record read at " + position);
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long QUOTES = 0x2222222222222222L;
    private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;

    /**
     * The first byte from {@code i} on that is a quote, a backslash or not ASCII (or where fewer than
     * eight bytes remain), eight bytes a step: a value's bytes are mostly plain, and a loop testing
     * each byte three ways cost a twentieth of a scan with the rule packs. A zero byte of
     * {@code w ^ pattern} marks a match; the lowest flagged byte is exact (a borrow flags only
     * bytes above a true match).
     */
    private static int plainRun(byte[] raw, int i) {
        for (; i + 8 <= raw.length; i += 8) {
            long w = (long) LONGS.get(raw, i);
            long q = w ^ QUOTES;
            long b = w ^ BACKSLASHES;
            long flagged = ((q - ONES) & ~q | (b - ONES) & ~b | w) & HIGH_BITS;
            if (flagged != 0) {
                return i + (Long.numberOfTrailingZeros(flagged) >>> 3);
            }
        }
        return i;
    }

    /**
     * Whether the JSON string whose opening quote is at {@code quoteAt} in {@code raw} is {@code s},
     * compared byte for byte where both are plain ASCII, without building a string (a cache check
     * on every event compares a dozen fields that no later stage may read).
     */
    static boolean equalsAt(byte[] raw, int quoteAt, String s, SourcePosition position) {
        int n = s.length();
        int from = quoteAt + 1;
        if (raw != null && quoteAt > 0 && raw[quoteAt] == '"' && from + n < raw.length) {
            int i = 0;
            for (; i < n; i++) {
                char c = s.charAt(i);
                byte b = raw[from + i];
                if (c >= 0x80 || b < 0 || b == '\\') {
                    break; // not plain ASCII on either side: build the string and compare that
                }
                if (b != c || b == '"') {
                    return false;
                }
            }
            if (i == n) {
                return raw[from + n] == '"';
            }
        }
        return s.equals(read(raw, quoteAt, position));
    }

    /**
     * {@link IsoInstants#parseMillis} of the JSON string whose opening quote is at {@code quoteAt}:
     * read through a view of the bytes when they are plain ASCII (every CloudTrail eventTime), so
     * no string is built for a field that only its millisecond value is read of.
     */
    static long millisAt(byte[] raw, int quoteAt, SourcePosition position) {
        CharSequence plain = plainView(raw, quoteAt);
        return IsoInstants.parseMillis(plain != null ? plain : read(raw, quoteAt, position));
    }

    /**
     * The JSON string whose opening quote is at {@code quoteAt}, as a view of its bytes when they
     * are plain ASCII without escapes (no string built); null when they are not.
     */
    static CharSequence plainView(byte[] raw, int quoteAt) {
        if (raw == null || quoteAt <= 0 || quoteAt >= raw.length || raw[quoteAt] != '"') {
            return null;
        }
        int from = quoteAt + 1;
        int end = plainRun(raw, from);
        while (end < raw.length && raw[end] != '"' && raw[end] != '\\' && raw[end] >= 0) {
            end++; // the last bytes, fewer than eight
        }
        return end < raw.length && raw[end] == '"' ? new AsciiView(raw, from, end - from) : null;
    }

    /** Plain ASCII bytes seen as characters. */
    private record AsciiView(byte[] bytes, int from, int length) implements CharSequence {
        @Override
        public char charAt(int index) {
            if (index < 0 || index >= length) {
                throw new IndexOutOfBoundsException(index);
            }
            return (char) bytes[from + index];
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new AsciiView(bytes, from + start, end - start);
        }

        @Override
        public String toString() {
            return new String(bytes, from, length, StandardCharsets.ISO_8859_1);
        }
    }

    private static String escaped(byte[] raw, int quoteAt, SourcePosition position) {
        try (JsonParser p = JSON.createParser(raw, quoteAt, raw.length - quoteAt)) {
            if (p.nextToken() != JsonToken.VALUE_STRING) {
                throw new IllegalStateException("no JSON string at byte " + quoteAt + " of the record read at " + position);
            }
            return p.getText();
        } catch (IOException e) {
            throw new UncheckedIOException("record re-parse failed at " + position, e);
        }
    }
}
