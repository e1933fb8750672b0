package io.trailhound.core.posture;

import java.util.Locale;

/** How bad a finding is; ordered, so {@code --fail-on} can mean "this or worse". */
public enum Severity {
    LOW, MEDIUM, HIGH, CRITICAL;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Severity parse(String s) {
        try {
            return valueOf(s.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown severity '" + s + "' (low, medium, high or critical)");
        }
    }
}
