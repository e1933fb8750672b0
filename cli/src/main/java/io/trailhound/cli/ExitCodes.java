package io.trailhound.cli;

/** Exit codes scripts can rely on. */
public final class ExitCodes {
    /** Ran to the end; nothing asked to fail the run. */
    public static final int OK = 0;
    /** Findings or alerts at or above the {@code --fail-on} level (commands that take it). */
    public static final int FINDINGS = 1;
    /** Usage error, or input that could not be read at all. */
    public static final int USAGE_OR_INPUT = 2;

    private ExitCodes() {
    }
}
