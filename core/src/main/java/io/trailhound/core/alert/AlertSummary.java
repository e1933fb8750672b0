package io.trailhound.core.alert;

import io.trailhound.core.Severity;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/** Counts of the alerts of a run, by rule and by severity, for the run summary and {@code --fail-on}. */
public final class AlertSummary implements AlertSink {
    private long total;
    private final Map<String, Long> byRule = new HashMap<>();
    private final Map<Severity, Long> bySeverity = new EnumMap<>(Severity.class);

    @Override
    public void alert(Alert a) {
        total++;
        byRule.merge(a.rule().name(), 1L, Long::sum);
        bySeverity.merge(a.rule().severity(), 1L, Long::sum);
    }

    public long total() {
        return total;
    }

    public Map<String, Long> byRule() {
        return byRule;
    }

    public Map<Severity, Long> bySeverity() {
        return bySeverity;
    }

    /** Whether some alert is at or above {@code min}. */
    public boolean any(Severity min) {
        for (Map.Entry<Severity, Long> e : bySeverity.entrySet()) {
            if (e.getKey().compareTo(min) >= 0 && e.getValue() > 0) {
                return true;
            }
        }
        return false;
    }
}
