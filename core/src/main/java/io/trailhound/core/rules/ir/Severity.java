package io.trailhound.core.rules.ir;

import java.util.Locale;

/**
 * One severity scale for rules of every language, so {@code --min-priority} and {@code --fail-on}
 * mean the same across them. Falco priorities, Elastic severities and Sigma levels map onto it;
 * each alert also keeps its rule's own word ({@link RuleInfo#priority()}).
 */
public enum Severity {
    INFO, LOW, MEDIUM, HIGH, CRITICAL;

    /** The lower-case name used in JSON and on the command line. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses any rule language's word for a level: Falco's eight priorities, Elastic's four
     * severities, Sigma's five levels, and our own names. Returns null for anything else.
     */
    public static Severity parse(String word) {
        if (word == null) {
            return null;
        }
        return switch (word.trim().toLowerCase(Locale.ROOT)) {
            case "emergency", "alert", "critical" -> CRITICAL;
            case "error", "high" -> HIGH;
            case "warning", "warn", "medium" -> MEDIUM;
            case "notice", "low" -> LOW;
            case "informational", "info", "debug" -> INFO;
            default -> null;
        };
    }
}
