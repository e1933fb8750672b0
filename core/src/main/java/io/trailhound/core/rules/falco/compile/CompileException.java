package io.trailhound.core.rules.falco.compile;

/**
 * A condition or output that parses but does not compile (unknown field, operator not allowed on
 * the field's type, bad regex, unknown macro), with the offset in the text it came from and, when
 * the problem is inside a macro, that macro's name.
 */
public final class CompileException extends Exception {
    private final int offset;
    private final String macro;

    public CompileException(String message, int offset) {
        this(message, offset, null);
    }

    public CompileException(String message, int offset, String macro) {
        super(message);
        this.offset = offset;
        this.macro = macro;
    }

    public int offset() {
        return offset;
    }

    /** The macro whose text {@link #offset()} is in, or null for the rule's own text. */
    public String macro() {
        return macro;
    }
}
