package io.trailhound.core;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;

/**
 * The characters that act on a terminal instead of showing (controls, DEL, C1, line separators,
 * bidirectional controls), in one place for every output that a person may {@code cat}: terminal
 * tables and messages, JSON and NDJSON, the quarantine file. Log fields are attacker-controlled.
 */
public final class UnsafeText {
    private UnsafeText() {
    }

    /** Controls, DEL, C1 (U+0080..U+009F), U+2028/U+2029 and the bidi controls (U+202A..U+202E, U+2066..U+2069, U+200E/F, U+061C). */
    public static boolean unsafe(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f)
                || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0x200e || c == 0x200f
                || c == 0x061c || c == 0x2028 || c == 0x2029;
    }

    /**
     * Escapes for a Jackson generator: beyond JSON's own rule (U+0000..U+001F), every
     * {@linkplain #unsafe unsafe} character is written as {@code \\uXXXX}. Legal JSON either way;
     * this keeps {@code cat alerts.ndjson} inert.
     */
    public static CharacterEscapes jsonEscapes() {
        return new JsonEscapes();
    }

    private static final class JsonEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] ascii = standardAsciiEscapesForJSON();

        JsonEscapes() {
            for (char c = 0; c < 128; c++) {
                if (unsafe(c) && ascii[c] == ESCAPE_NONE) {
                    ascii[c] = ESCAPE_STANDARD;
                }
            }
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        /** Called for each non-ASCII character of a string: null (written as is) for all but the few unsafe ones. */
        @Override
        public SerializableString getEscapeSequence(int ch) {
            return ch <= 0xffff && unsafe((char) ch) ? new SerializedString(String.format("\\u%04X", ch)) : null;
        }
    }
}
