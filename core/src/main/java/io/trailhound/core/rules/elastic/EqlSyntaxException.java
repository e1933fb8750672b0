package io.trailhound.core.rules.elastic;

/** A query that is not EQL (or uses EQL this front end does not support), with the offset where it went wrong. */
final class EqlSyntaxException extends RuntimeException {
    private final int offset;

    public EqlSyntaxException(String message, int offset) {
        super(message + " at offset " + offset);
        this.offset = offset;
    }

    /** A query that parses but asks for something this front end cannot compile; no position. */
    public EqlSyntaxException(String message) {
        super(message);
        this.offset = -1;
    }

    /** The offset in the query, or -1 when the problem is not at one place. */
    public int offset() {
        return offset;
    }
}
