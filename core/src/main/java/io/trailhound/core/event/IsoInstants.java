package io.trailhound.core.event;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Parses CloudTrail's {@code eventTime} ({@code 2026-11-01T09:15:00Z}) without the general
 * java.time parser: this runs once per event on the hot path. Other ISO 8601 forms fall back to
 * {@link OffsetDateTime}; so do the forms SIEM and Athena exports rewrite it to
 * ({@code 2026-11-01 09:15:00.123}), read as UTC because CloudTrail times are always UTC.
 *
 * <p>Only instants from 1970-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z are accepted: CloudTrail
 * began in 2013, ISO 8601 writes four-digit years, and a year like +300000 or +999999999 is
 * damage, which would overflow epoch milliseconds or wrap around in a store's timestamp type.
 */
public final class IsoInstants {
    /** 1970-01-01T00:00:00Z, the first instant accepted. */
    public static final long MIN_MILLIS = 0;
    /** 9999-12-31T23:59:59.999Z, the last instant accepted. */
    public static final long MAX_MILLIS = 253_402_300_799_999L;

    private IsoInstants() {
    }

    /**
     * Epoch milliseconds of an ISO 8601 instant, or {@link Long#MIN_VALUE} when it does not parse
     * or lies outside {@link #MIN_MILLIS}..{@link #MAX_MILLIS}.
     */
    public static long parseMillis(String s) {
        if (s == null) {
            return Long.MIN_VALUE;
        }
        int n = s.length();
        if (n == 20 && s.charAt(19) == 'Z' && s.charAt(4) == '-' && s.charAt(7) == '-'
                && (s.charAt(10) == 'T' || s.charAt(10) == 't') && s.charAt(13) == ':' && s.charAt(16) == ':') {
            int year = digits(s, 0, 4), month = digits(s, 5, 2), day = digits(s, 8, 2);
            int hour = digits(s, 11, 2), minute = digits(s, 14, 2), second = digits(s, 17, 2);
            if (year >= 1970 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
                    && hour >= 0 && hour < 24 && minute >= 0 && minute < 60 && second >= 0 && second < 60) {
                long days = epochDay(year, month, day);
                return ((days * 24 + hour) * 60 + minute) * 60_000L + second * 1000L;
            }
            return Long.MIN_VALUE;
        }
        String iso = n > 10 && s.charAt(10) == ' ' ? s.substring(0, 10) + 'T' + s.substring(11) : s;
        try {
            return millisInRange(OffsetDateTime.parse(iso).toInstant());
        } catch (DateTimeParseException e) {
            try {
                return millisInRange(LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException e2) {
                return Long.MIN_VALUE;
            }
        }
    }

    /**
     * Epoch milliseconds of {@code t}, or {@link Long#MIN_VALUE} outside the accepted range (checked
     * before converting: {@link Instant#toEpochMilli} overflows past year 292278994).
     */
    public static long millisInRange(Instant t) {
        if (t.getEpochSecond() < MIN_MILLIS / 1000 || t.getEpochSecond() > MAX_MILLIS / 1000) {
            return Long.MIN_VALUE;
        }
        return t.toEpochMilli();
    }

    private static int digits(String s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static int daysInMonth(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days since 1970-01-01 (proleptic Gregorian), the algorithm java.time.LocalDate uses. */
    private static long epochDay(int year, int month, int day) {
        long y = year;
        long total = 365 * y;
        total += (y + 3) / 4 - (y + 99) / 100 + (y + 399) / 400;
        total += (367 * month - 362) / 12;
        total += day - 1;
        if (month > 2) {
            total--;
            if (!(year % 4 == 0 && (year % 100 != 0 || year % 400 == 0))) {
                total--;
            }
        }
        return total - 719528;
    }
}
