package io.trailhound.core.rules.falco;

/** A condition that does not parse, with the character offset where parsing stopped. */
final class ConditionSyntaxException extends Exception {
    private final int offset;

    public ConditionSyntaxException(String message, int offset) {
        super(message);
        this.offset = offset;
    }

    public int offset() {
        return offset;
    }
}
