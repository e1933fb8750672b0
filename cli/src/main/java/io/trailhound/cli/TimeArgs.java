package io.trailhound.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Times and durations on the command line: {@code 90d}, {@code 36h}, {@code 2026-11-01}, {@code 2026-11-01T10:00:00Z}. */
final class TimeArgs {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*([smhdw])");

    private TimeArgs() {
    }

    /** A duration such as {@code 90d}, {@code 36h}, {@code 2w}, {@code 30m}, {@code 45s}. */
    static Duration duration(String option, String text) {
        Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(option + " " + text + ": expected a number and a unit (s, m, h, d or w), e.g. 90d");
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofDays(7 * n);
        };
        if (d.isZero()) {
            throw new IllegalArgumentException(option + " " + text + ": must be more than zero");
        }
        return d;
    }

    /**
     * A point in time: an ISO 8601 instant ({@code 2026-11-01T10:00:00Z}; without an offset, UTC),
     * a date ({@code 2026-11-01}, its midnight UTC), or a duration ago ({@code 24h}, {@code 7d}).
     * Null stays null.
     */
    static Instant instant(String option, String text, Instant now) {
        if (text == null) {
            return null;
        }
        String t = text.strip();
        if (DURATION.matcher(t.toLowerCase(Locale.ROOT)).matches()) {
            return now.minus(duration(option, t));
        }
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            // try the other forms
        }
        try {
            return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            // try the other forms
        }
        try {
            return LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + " " + text
                    + ": expected an ISO time (2026-11-01T10:00:00Z), a date (2026-11-01) or a duration ago (24h, 7d)");
        }
    }
}
