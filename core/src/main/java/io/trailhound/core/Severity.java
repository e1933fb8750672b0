package io.trailhound.core;

import java.util.Locale;

/**
 * How bad something is, one scale for rule alerts of every language and posture findings, so
 * {@code --min-priority} and {@code --fail-on} mean the same everywhere. Ordered: a later constant
 * is worse. Falco priorities, Elastic severities and Sigma levels map onto it; each alert also
 * keeps its rule's own word.
 */
public enum Severity {
    INFO, LOW, MEDIUM, HIGH, CRITICAL;

    /** The lower-case name used in JSON, CSV, HTML and on the command line. */
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
