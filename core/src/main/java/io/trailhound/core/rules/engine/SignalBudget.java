package io.trailhound.core.rules.engine;

import io.trailhound.core.alert.Alert;
import io.trailhound.core.rules.ir.RuleInfo;
import java.util.HashMap;
import java.util.Map;

/**
 * Elastic's {@code max_signals}: at most that many alerts per rule per execution, where an
 * execution covers one {@code interval} of event time. Rules that set neither are unlimited. The
 * count follows the alerts in the order they are offered: a new interval starts a new count. A
 * host that keeps the count elsewhere (the Flink job, in keyed state by rule) uses {@link Limit}.
 */
public final class SignalBudget {
    private final Map<String, long[]> used = new HashMap<>(); // rule id -> {window, count}

    /** A rule's {@code max_signals} per {@code interval} ({@code everyMillis}). */
    public record Limit(long max, long everyMillis) {
        /** The rule's limit, or null when it sets none (or none that reads as a number). */
        public static Limit of(RuleInfo r) {
            String max = r.extra().get("max_signals");
            if (max == null) {
                return null;
            }
            try {
                return new Limit(Long.parseLong(max.trim()), intervalMillis(r.extra().get("interval")));
            } catch (NumberFormatException e) {
                return null;
            }
        }

        /** A count before any alert: pass it to {@link #allow}, which keeps it. */
        public static long[] unused() {
            return new long[] {Long.MIN_VALUE, 0};
        }

        /** Counts one alert at {@code timeMillis} in {@code used} ({window, count}); true when within the limit. */
        public boolean allow(long timeMillis, long[] used) {
            long window = Math.floorDiv(timeMillis, everyMillis);
            if (used[0] != window) {
                used[0] = window;
                used[1] = 0;
            }
            return ++used[1] <= max;
        }
    }

    public boolean allow(Alert a) {
        RuleInfo r = a.rule();
        Limit limit = Limit.of(r);
        if (limit == null) {
            return true;
        }
        return limit.allow(a.event().timeMillis(), used.computeIfAbsent(r.id() + '\u001e' + r.name(), k -> Limit.unused()));
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
