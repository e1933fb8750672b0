package io.trailhound.core.rules.esql;

/**
 * A valid ES|QL query using a command, function or form this engine does not run: the rule loads
 * disabled with this reason, at {@link #offset()} in the query, never as a silent no-op.
 */
final class Unsupported extends RuntimeException {
    private final int offset;

    Unsupported(String message, int offset) {
        super(message);
        this.offset = offset;
    }

    int offset() {
        return offset;
    }
}
