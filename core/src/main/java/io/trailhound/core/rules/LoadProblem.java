package io.trailhound.core.rules;

/**
 * An error, warning or notice from loading rules, with where it is: file, 1-based line and column
 * (0 when unknown), and the rule (null when the problem is not inside one).
 *
 * @param code a stable machine-readable code, e.g. {@code LOAD_UNKNOWN_KEY} (Falco's own codes
 *             where Falco has one)
 */
public record LoadProblem(Level level, String file, int line, int column, String rule, String code,
                          String message) {
    public enum Level {
        /** The rule (or file) could not be loaded. */
        ERROR,
        /** Loaded, but something is probably not what the author meant. */
        WARNING,
        /** For information: e.g. a rule for another log source, skipped. */
        NOTICE
    }

    /** {@code file:line:column: level: [rule] message}, the form editors and CI logs link. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(file);
        if (line > 0) {
            sb.append(':').append(line);
            if (column > 0) {
                sb.append(':').append(column);
            }
        }
        sb.append(": ").append(level.name().toLowerCase(java.util.Locale.ROOT)).append(": ");
        if (rule != null) {
            sb.append("rule '").append(rule).append("': ");
        }
        return sb.append(message).append(" (").append(code).append(')').toString();
    }
}
