package io.trailhound.core.rules.falco;

import io.trailhound.core.event.CloudTrailEvent;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Falco's time fields for a plugin event, whose timestamp is the record's {@code eventTime}.
 * Falco renders {@code evt.time} in the local time zone; we render every time in UTC so a scan
 * gives the same text on every machine.
 */
final class EventTimes {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.nnnnnnnnn")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME_S = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.nnnnnnnnn")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATETIME_S = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.nnnnnnnnn'+0000'")
            .withZone(ZoneOffset.UTC);

    private EventTimes() {
    }

    private static Instant instant(CloudTrailEvent e) {
        return e.eventTimeMillis() == Long.MIN_VALUE ? null : e.eventTime();
    }

    static Object time(CloudTrailEvent e) {
        return format(e, TIME);
    }

    static Object timeSeconds(CloudTrailEvent e) {
        return format(e, TIME_S);
    }

    static Object datetime(CloudTrailEvent e) {
        return format(e, DATETIME);
    }

    static Object datetimeSeconds(CloudTrailEvent e) {
        return format(e, DATETIME_S);
    }

    static Object iso8601(CloudTrailEvent e) {
        return format(e, ISO);
    }

    static Object rawNanos(CloudTrailEvent e) {
        return e.eventTimeMillis() == Long.MIN_VALUE ? null : Long.toString(e.eventTimeMillis() * 1_000_000L);
    }

    static Object rawSeconds(CloudTrailEvent e) {
        return e.eventTimeMillis() == Long.MIN_VALUE ? null : Long.toString(Math.floorDiv(e.eventTimeMillis(), 1000));
    }

    static Object rawNanosOfSecond(CloudTrailEvent e) {
        return e.eventTimeMillis() == Long.MIN_VALUE ? null
                : Long.toString(Math.floorMod(e.eventTimeMillis(), 1000) * 1_000_000L);
    }

    private static Object format(CloudTrailEvent e, DateTimeFormatter f) {
        Instant i = instant(e);
        return i == null ? null : f.format(i);
    }
}
