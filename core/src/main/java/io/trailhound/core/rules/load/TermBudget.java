package io.trailhound.core.rules.load;

/**
 * Counts the tests a rule's condition compiles to, against {@link RuleLimits#MAX_TERMS} (or
 * another limit). A compiler takes from it as it builds, so an expansion that would be
 * exponential stops early.
 */
public final class TermBudget {
    private final long limit;
    private long left;

    /** A budget for one rule. */
    public TermBudget() {
        this(RuleLimits.MAX_TERMS);
    }

    public TermBudget(long limit) {
        this.limit = limit;
        this.left = limit;
    }

    public long limit() {
        return limit;
    }

    /** Takes {@code n} tests; false once the rule needs more than the limit. */
    public boolean take(long n) {
        left -= n;
        return left >= 0;
    }

    /** The message for a rule that ran out, naming what expanded. */
    public static String exceeded(String what) {
        return "condition expands to more than " + RuleLimits.MAX_TERMS + " tests" + (what.isEmpty() ? "" : " " + what);
    }
}
