package io.trailhound.cli;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;

/**
 * What every JSON document the CLI writes escapes beyond JSON's own rule (which escapes only
 * U+0000..U+001F): DEL, the C1 controls U+0080..U+009F, U+2028/U+2029 and the bidirectional
 * controls (U+202E and kin), written as {@code \\uXXXX} like ESC. They are legal in JSON strings,
 * but log fields are attacker-controlled and {@code cat alerts.ndjson} would let a terminal act on
 * them. The set is {@link TerminalText}'s, so JSON and table output agree on what is unsafe.
 */
final class JsonEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private final int[] ascii = standardAsciiEscapesForJSON();

    JsonEscapes() {
        for (char c = 0; c < 128; c++) {
            if (TerminalText.unsafe(c) && ascii[c] == ESCAPE_NONE) {
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
        return ch <= 0xffff && TerminalText.unsafe((char) ch) ? new SerializedString(String.format("\\u%04X", ch)) : null;
    }
}
