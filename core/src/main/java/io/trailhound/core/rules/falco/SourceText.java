package io.trailhound.core.rules.falco;

import io.trailhound.core.rules.load.Position;
/** A rule file's text and name, turning character indexes into 1-based lines and columns. */
record SourceText(String file, String text) {

    public Position position(int index) {
        int line = 1;
        int lineStart = 0;
        int end = Math.min(index, text.length());
        for (int i = 0; i < end; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new Position(file, line, end - lineStart + 1);
    }

    /** A character index from SnakeYAML's code-point index. */
    public int charIndex(int codePointIndex) {
        try {
            return text.offsetByCodePoints(0, codePointIndex);
        } catch (IndexOutOfBoundsException e) {
            return text.length();
        }
    }
}
