package io.trailhound.core.inputfile;

import java.io.IOException;

/**
 * An input file that is not what it claims to be. The message starts with where:
 * {@code FILE:LINE:COLUMN:}, {@code FILE:LINE:} or {@code FILE:} when no line applies (a column the
 * header lacks is at line 1; a key the document lacks has no line).
 */
public final class InputFormatException extends IOException {
    public InputFormatException(String source, long line, String message) {
        this(source, line, 0, message, null);
    }

    public InputFormatException(String source, long line, String message, Throwable cause) {
        this(source, line, 0, message, cause);
    }

    public InputFormatException(String source, long line, long column, String message, Throwable cause) {
        super(source + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "") + ": " + message, cause);
    }
}
