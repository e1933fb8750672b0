package io.trailhound.core.rules.load;

/**
 * Bounds every rule front end applies, so that a small hostile rule file (a pack downloaded from
 * the internet is input too) fails with a positioned error instead of overflowing the stack,
 * exhausting memory or never finishing. Each is far above what real rules need.
 */
public final class RuleLimits {
    private RuleLimits() {
    }

    /**
     * Deepest nesting of a rule file's own structure (YAML collections, TOML arrays and tables):
     * readers recurse once per level, and rules nest five or six.
     */
    public static final int MAX_DOCUMENT_DEPTH = 100;

    /**
     * Deepest nesting of parentheses (and other groups) in a condition's text, in Falco, Sigma,
     * KQL and EQL. The parsers recurse four or five frames per level, and they run once, so
     * interpreted, with big frames: measured, 200 levels parse, compile and evaluate on a 512 KB
     * stack in every front end, while 1,000 (Falco's own limit) overflowed Falco's and EQL's
     * parsers on the default 1 MB. Real rules nest a few levels.
     */
    public static final int MAX_NESTING = 200;

    /**
     * Deepest tree a condition may compile to, counting and / or / not levels and Falco macro
     * references: what one text at {@link #MAX_NESTING} can give (each parenthesis level is at
     * most an or, an and and a not), so macros cannot build deeper trees than a text could, and
     * evaluation (which recurses once per level) stays shallow.
     */
    public static final int MAX_TREE_DEPTH = 3 * MAX_NESTING;

    /**
     * Most tests (predicate nodes) one rule's condition may compile to, counting what macros,
     * Falco list items, KQL free text and field wildcards expand to: stops exponential expansion (a macro that is two
     * copies of the previous one, 40 deep) while it grows, before it takes the memory.
     */
    public static final int MAX_TERMS = 200_000;

    /**
     * Most tests all the rules of one Falco load may compile to together: macros and lists are
     * shared, so a large macro referred to by thousands of rules is expanded thousands of times.
     */
    public static final int MAX_TERMS_PER_LOAD = 2_000_000;

    /** Most items a Falco list may have once the lists named inside it are inlined (a rule may use two such). */
    public static final int MAX_LIST_ITEMS = 100_000;

    /** Longest a Falco condition may grow to once lists are substituted into its text. */
    public static final int MAX_CONDITION_CHARS = 4 * 1024 * 1024;

    /** Most alternatives one Sigma value may stand for after {@code expand} placeholders. */
    public static final int MAX_VALUE_EXPANSION = 100_000;
}
