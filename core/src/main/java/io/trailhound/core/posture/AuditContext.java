package io.trailhound.core.posture;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The moment an account is evaluated at, and the limits; helpers for ages as the checks state them. */
public record AuditContext(Instant asOf, Thresholds thresholds) {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    /** Time from {@code t} to the as-of moment (negative when {@code t} is later). */
    public Duration since(Instant t) {
        return Duration.between(t, asOf);
    }

    public long daysSince(Instant t) {
        return since(t).toDays();
    }

    public boolean olderThan(Instant t, Duration limit) {
        return t != null && since(t).compareTo(limit) > 0;
    }

    /** {@code 2026-01-10 (312 days)}: a date and its age, for details. */
    public String dated(Instant t) {
        return DAY.format(t) + " (" + daysSince(t) + " days)";
    }
}
