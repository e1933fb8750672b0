package io.trailhound.core.alert;

import io.trailhound.core.UnsafeText;
import java.util.Arrays;

/**
 * One JSON line built in a reusable character buffer, escaped exactly as {@link AlertJson#MAPPER}
 * escapes (JSON's own escapes, {@code \b \t \n \f \r} short, other controls and every
 * {@linkplain UnsafeText#unsafe unsafe} character as upper-case {@code \\uXXXX}), so a line written
 * here has the characters the mapper would write. No object per token: a host reuses one line for
 * every alert. Remembers whether any character is outside ASCII, so a caller can hand an ASCII
 * line to a byte stream as it is.
 */
final class JsonLine {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    /** Per ASCII character: 0 as is, -1 as {@code \\u00XX}, else the character after a backslash. */
    private static final int[] ASCII_ESCAPES = new int[128];

    static {
        for (char c = 0; c < 128; c++) {
            ASCII_ESCAPES[c] = UnsafeText.unsafe(c) ? -1 : 0;
        }
        ASCII_ESCAPES['"'] = '"';
        ASCII_ESCAPES['\\'] = '\\';
        ASCII_ESCAPES['\b'] = 'b';
        ASCII_ESCAPES['\t'] = 't';
        ASCII_ESCAPES['\f'] = 'f';
        ASCII_ESCAPES['\n'] = 'n';
        ASCII_ESCAPES['\r'] = 'r';
    }

    private char[] buf = new char[1024];
    private int len;
    private boolean nonAscii;

    void clear() {
        len = 0;
        nonAscii = false;
    }

    int length() {
        return len;
    }

    /** Whether every character so far is ASCII (then the line's bytes are the same in UTF-8 and every ASCII-based charset). */
    boolean ascii() {
        return !nonAscii;
    }

    /** Text that is JSON already (keys, punctuation, a part escaped earlier by {@link #escaped}). */
    JsonLine raw(String s) {
        int n = s.length();
        ensure(n);
        s.getChars(0, n, buf, len);
        len += n;
        return this;
    }

    JsonLine raw(char c) {
        ensure(1);
        buf[len++] = c;
        return this;
    }

    /** A part built earlier with {@link #escaped}; {@code ascii} as it was then. */
    JsonLine raw(char[] part, boolean ascii) {
        ensure(part.length);
        System.arraycopy(part, 0, buf, len, part.length);
        len += part.length;
        nonAscii |= !ascii;
        return this;
    }

    /** A string value, quoted and escaped, or {@code null}. */
    JsonLine string(String s) {
        if (s == null) {
            return raw("null");
        }
        raw('"');
        escape(s);
        return raw('"');
    }

    /** {@code "key":} for a key of any text (keys are escaped as values are). */
    JsonLine key(String k) {
        string(k);
        return raw(':');
    }

    JsonLine number(long v) {
        if (v >= 0 && v < 10) {
            return raw((char) ('0' + v));
        }
        return raw(Long.toString(v));
    }

    /** The characters of {@code s} as inside a JSON string, without the quotes. */
    JsonLine escape(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 128) {
                int code = ASCII_ESCAPES[c];
                if (code == 0) {
                    buf[len++] = c;
                } else if (code > 0) {
                    ensure(2 + n - i);
                    buf[len++] = '\\';
                    buf[len++] = (char) code;
                } else {
                    unicodeEscape(c, n - i);
                }
            } else if (UnsafeText.unsafe(c)) {
                unicodeEscape(c, n - i);
            } else {
                nonAscii = true;
                buf[len++] = c;
            }
        }
        return this;
    }

    private void unicodeEscape(char c, int left) {
        ensure(6 + left);
        buf[len++] = '\\';
        buf[len++] = 'u';
        buf[len++] = HEX[(c >> 12) & 0xf];
        buf[len++] = HEX[(c >> 8) & 0xf];
        buf[len++] = HEX[(c >> 4) & 0xf];
        buf[len++] = HEX[c & 0xf];
    }

    /** The characters from {@code from} to the end, as a part to {@link #raw(char[], boolean)} later. */
    char[] since(int from) {
        return Arrays.copyOfRange(buf, from, len);
    }

    /** Drops what was written from {@code at} on (a part built here only to be kept). */
    void truncate(int at) {
        len = at;
    }

    @Override
    public String toString() {
        return new String(buf, 0, len);
    }

    /**
     * Copies an {@link #ascii} line, whose characters are its bytes, into {@code dst} at {@code at}
     * (which must have room for {@link #length} bytes).
     */
    void copyAscii(byte[] dst, int at) {
        if (nonAscii) {
            throw new IllegalStateException("not an ASCII line");
        }
        for (int i = 0; i < len; i++) {
            dst[at + i] = (byte) buf[i];
        }
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(len + more, buf.length * 2));
        }
    }
}
