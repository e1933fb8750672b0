package io.trailhound.core.rules.elastic.eql;

/** A query that is not EQL (or uses EQL this front end does not support), with the offset where it went wrong. */
public final class EqlSyntaxException extends RuntimeException {
    private final int offset;

    public EqlSyntaxException(String message, int offset) {
        super(message + " at offset " + offset);
        this.offset = offset;
    }

    public int offset() {
        return offset;
    }
}
