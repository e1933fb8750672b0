package io.trailhound.core.rules.elastic;

/** A query that is not KQL, with the 0-based offset in the query text where parsing stopped. */
final class KqlSyntaxException extends RuntimeException {
    private final int offset;

    public KqlSyntaxException(String message, int offset) {
        super(message + " at offset " + offset);
        this.offset = offset;
    }

    /** A query that parses but cannot compile, with no one place to blame (offset -1). */
    public KqlSyntaxException(String message) {
        super(message);
        this.offset = -1;
    }

    /** The offset in the query, or -1 when the problem is not at one place. */
    public int offset() {
        return offset;
    }
}
