package io.trailhound.core.rules.elastic.kql;

/** A query that is not KQL, with the 0-based offset in the query text where parsing stopped. */
public final class KqlSyntaxException extends RuntimeException {
    private final int offset;

    public KqlSyntaxException(String message, int offset) {
        super(message + " at offset " + offset);
        this.offset = offset;
    }

    public int offset() {
        return offset;
    }
}
