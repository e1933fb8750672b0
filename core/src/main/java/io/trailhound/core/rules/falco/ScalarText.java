package io.trailhound.core.rules.falco;

import io.trailhound.core.rules.load.Position;
import org.snakeyaml.engine.v2.common.ScalarStyle;

/**
 * A YAML scalar's value and where it sits in the file, so an offset inside the value (where a
 * condition failed to parse) maps back to a line and column even after YAML folded its lines.
 */
record ScalarText(String value, SourceText source, int startIndex, ScalarStyle style) {

    /** The file position of character {@code offset} of the value (clamped to the value). */
    public Position at(int offset) {
        if (!value.isEmpty() && offset >= value.length()) {
            // Just past the end (an unexpected end of condition): one column after the last character.
            Position last = at(value.length() - 1);
            return new Position(last.file(), last.line(), last.column() + 1);
        }
        int s = contentStart();
        String src = source.text();
        int limit = src.length();
        int off = Math.max(0, Math.min(offset, value.length()));
        // Walk value and source together; source characters the value lacks (line breaks, indentation,
        // quotes, escapes) are skipped. Greedy, so exact for ordinary conditions and close otherwise.
        for (int v = 0; v <= off && v < value.length(); v++) {
            char want = value.charAt(v);
            int probe = s;
            while (probe < limit && src.charAt(probe) != want) {
                probe++;
            }
            if (probe >= limit) {
                break;
            }
            s = v == off ? probe : probe + 1;
        }
        return source.position(Math.min(s, Math.max(0, limit - 1)));
    }

    private int contentStart() {
        String src = source.text();
        int s = startIndex;
        if (style == ScalarStyle.DOUBLE_QUOTED || style == ScalarStyle.SINGLE_QUOTED) {
            return s + 1;
        }
        if (style == ScalarStyle.LITERAL || style == ScalarStyle.FOLDED) {
            int nl = src.indexOf('\n', s);
            s = nl < 0 ? s : nl + 1;
            while (s < src.length() && (src.charAt(s) == ' ' || src.charAt(s) == '\t')) {
                s++;
            }
        }
        return s;
    }
}
