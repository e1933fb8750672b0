package io.trailhound.core.rules.sigma;

/**
 * Why one rule (or file) cannot load, with the line it is about and a stable code for
 * {@link io.trailhound.core.rules.LoadProblem}. Thrown inside the front end only; the front end
 * turns it into a problem and goes on with the next rule.
 */
final class SigmaLoadException extends RuntimeException {
    private final int line;
    private final String code;

    SigmaLoadException(int line, String code, String message) {
        super(message);
        this.line = line;
        this.code = code;
    }

    SigmaLoadException(int line, String code, String message, Throwable cause) {
        super(message, cause);
        this.line = line;
        this.code = code;
    }

    int line() {
        return line;
    }

    String code() {
        return code;
    }
}
