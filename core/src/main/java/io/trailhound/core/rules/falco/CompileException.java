package io.trailhound.core.rules.falco;

/**
 * A condition or output that parses but does not compile (unknown field, operator not allowed on
 * the field's type, bad regex, unknown macro), with the offset in the text it came from and, when
 * the problem is inside a macro, that macro's name.
 */
final class CompileException extends Exception {
    private final int offset;
    private final String macro;
    private final boolean limit;

    public CompileException(String message, int offset) {
        this(message, offset, null);
    }

    public CompileException(String message, int offset, String macro) {
        this(message, offset, macro, false);
    }

    private CompileException(String message, int offset, String macro, boolean limit) {
        super(message);
        this.offset = offset;
        this.macro = macro;
        this.limit = limit;
    }

    /**
     * The condition is too large or too deep once macros are expanded: reported at the rule's own
     * macro reference (see {@link #at}), since no one place inside the macros is to blame.
     */
    static CompileException limit(String message, int offset) {
        return new CompileException(message, offset, null, true);
    }

    /** A limit error moved out to the reference at {@code offset} of {@code macro} (null: the rule's text). */
    CompileException at(int offset, String macro) {
        return new CompileException(getMessage(), offset, macro, true);
    }

    boolean isLimit() {
        return limit;
    }

    public int offset() {
        return offset;
    }

    /** The macro whose text {@link #offset()} is in, or null for the rule's own text. */
    public String macro() {
        return macro;
    }
}
