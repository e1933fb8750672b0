package io.trailhound.core.rules.engine;

import io.trailhound.core.alert.Alert;
import io.trailhound.core.rules.ir.RuleInfo;
import java.util.HashMap;
import java.util.Map;

/**
 * Elastic's {@code max_signals}: at most that many alerts per rule per execution, where an
 * execution covers one {@code interval} of event time. Rules that set neither are unlimited.
 */
final class SignalBudget {
    private final Map<String, long[]> used = new HashMap<>(); // rule id -> {window start, count}

    public boolean allow(Alert a) {
        RuleInfo r = a.rule();
        String max = r.extra().get("max_signals");
        if (max == null) {
            return true;
        }
        long limit;
        try {
            limit = Long.parseLong(max.trim());
        } catch (NumberFormatException e) {
            return true;
        }
        long interval = intervalMillis(r.extra().get("interval"));
        long window = Math.floorDiv(a.event().timeMillis(), interval);
        long[] u = used.computeIfAbsent(r.id() + '\u001e' + r.name(), k -> new long[] {window, 0});
        if (u[0] != window) {
            u[0] = window;
            u[1] = 0;
        }
        return ++u[1] <= limit;
    }

    /** Elastic's interval syntax ({@code 5m}, {@code 1h}, {@code 30s}); Kibana's default 5m for anything else. */
    static long intervalMillis(String text) {
        long fallback = 5 * 60_000L;
        String t = text == null ? "" : text.trim();
        if (t.length() < 2) {
            return fallback;
        }
        long unit = switch (t.charAt(t.length() - 1)) {
            case 's' -> 1000L;
            case 'm' -> 60_000L;
            case 'h' -> 3_600_000L;
            case 'd' -> 86_400_000L;
            default -> -1;
        };
        try {
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            return unit < 0 || n <= 0 ? fallback : Math.multiplyExact(n, unit);
        } catch (NumberFormatException | ArithmeticException e) {
            return fallback;
        }
    }
}
