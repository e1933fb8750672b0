package io.trailhound.core.posture;

import java.io.IOException;

/** A posture input that is not what it claims to be; the message names the file and the line. */
public final class InputFormatException extends IOException {
    public InputFormatException(String source, long line, String message) {
        super(source + (line > 0 ? ":" + line : "") + ": " + message);
    }

    public InputFormatException(String source, long line, String message, Throwable cause) {
        super(source + (line > 0 ? ":" + line : "") + ": " + message, cause);
    }
}
