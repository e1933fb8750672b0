package io.trailhound.core.rules.load;

/**
 * Why a rule (or a whole file) cannot load, with where: the one error every front end's stages
 * throw, from a reader's item of the wrong shape to a condition or query that does not parse or
 * compile. The front end catches it, turns it into a {@link io.trailhound.core.rules.LoadProblem}
 * ({@link Problems}) and goes on with the next
 * rule. Unchecked, so that recursive parsers and compilers pass it up without ceremony.
 *
 * <p>Where is what the thrower knows: a {@link #position()} in the file (a reader), or an
 * {@link #offset()} in the text it was given (a condition, a query, an output), which the front
 * end maps back into the file; or neither. {@link #within()} names the definition whose text the
 * offset is in when that is not the rule's own (a Falco macro).
 */
public final class RuleSyntaxException extends RuntimeException {
    private final Position position;
    private final int offset;
    private final String code;
    private final String within;
    private final boolean limit;

    /** Not at one place. */
    public RuleSyntaxException(String message) {
        this(message, null, -1, null, null, false, null);
    }

    /** At a character offset of the text being parsed or compiled. */
    public RuleSyntaxException(String message, int offset) {
        this(message, null, offset, null, null, false, null);
    }

    /** At a place in the rule file. */
    public RuleSyntaxException(String message, Position position) {
        this(message, position, -1, null, null, false, null);
    }

    /** At a place in the rule file, with the problem code to report it under. */
    public RuleSyntaxException(String message, Position position, String code) {
        this(message, position, -1, code, null, false, null);
    }

    /** As {@link #RuleSyntaxException(String, Position, String)}, caused by a library's error. */
    public RuleSyntaxException(String message, Position position, String code, Throwable cause) {
        this(message, position, -1, code, null, false, cause);
    }

    private RuleSyntaxException(String message, Position position, int offset, String code, String within,
                                boolean limit, Throwable cause) {
        super(message, cause);
        this.position = position;
        this.offset = offset;
        this.code = code;
        this.within = within;
        this.limit = limit;
    }

    /** At a line of the rule file (0: unknown), with the problem code to report it under. */
    public static RuleSyntaxException atLine(int line, String code, String message) {
        return new RuleSyntaxException(message, Position.line(line), code);
    }

    /** As {@link #atLine(int, String, String)}, caused by a library's error. */
    public static RuleSyntaxException atLine(int line, String code, String message, Throwable cause) {
        return new RuleSyntaxException(message, Position.line(line), code, cause);
    }

    /** A query language's error (KQL, EQL): the message says the offset, as Kibana's do. */
    public static RuleSyntaxException inQuery(String message, int offset) {
        return new RuleSyntaxException(message + " at offset " + offset, offset);
    }

    /**
     * The rule is too large or too deep once its parts are expanded: no one place is to blame, so
     * the front end reports it where the rule's own text starts the expansion ({@link #movedTo}).
     */
    public static RuleSyntaxException limit(String message, int offset) {
        return new RuleSyntaxException(message, null, offset, null, null, true, null);
    }

    /** The same error, in the text of definition {@code name} rather than the rule's own. */
    public RuleSyntaxException within(String name) {
        return new RuleSyntaxException(getMessage(), position, offset, code, name, limit, getCause());
    }

    /** A limit error moved out to {@code offset} of definition {@code name} (null: the rule's own text). */
    public RuleSyntaxException movedTo(int offset, String name) {
        return new RuleSyntaxException(getMessage(), position, offset, code, name, limit, getCause());
    }

    /** Where in the file, or null when the thrower knew only an offset, or nothing. */
    public Position position() {
        return position;
    }

    /** The character offset in the text parsed, or -1 when the error is not at one place of it. */
    public int offset() {
        return offset;
    }

    /** The problem code to report it under, or null for the front end's usual one. */
    public String code() {
        return code;
    }

    /** The definition whose text {@link #offset()} is in, or null for the rule's own text. */
    public String within() {
        return within;
    }

    /** Whether a limit of the whole expansion was broken ({@link #limit}). */
    public boolean isLimit() {
        return limit;
    }
}
