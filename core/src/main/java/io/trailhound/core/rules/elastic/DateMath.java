package io.trailhound.core.rules.elastic;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The time expressions Elastic rules write: durations ({@code 5m}, {@code 15m}, {@code 1h},
 * {@code 10d}) and look-backs in date math relative to now ({@code now-6m}, {@code now-10d}).
 * Units as Elasticsearch reads them: s, m, h, d, w; months and years are not fixed lengths and
 * are refused.
 */
final class DateMath {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d|w)");
    private static final Pattern LOOK_BACK = Pattern.compile("now-(\\d+\\s*(?:ms|s|m|h|d|w))");

    private DateMath() {
    }

    /** {@code 15m} → 15 minutes; null when not a duration. */
    public static Duration duration(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            return null;
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofDays(7 * n);
        };
    }

    /** {@code now-10d} → 10 days; null when not of that form. */
    public static Duration lookBack(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = LOOK_BACK.matcher(text.trim());
        return m.matches() ? duration(m.group(1)) : null;
    }
}
