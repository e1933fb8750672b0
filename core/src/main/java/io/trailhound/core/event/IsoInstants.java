package io.trailhound.core.event;

import java.time.Instant;

/**
 * Parses CloudTrail's {@code eventTime} ({@code 2026-11-01T09:15:00Z}) without the general
 * java.time parser: this runs once per event on the hot path. The other ISO 8601 forms that
 * {@link java.time.OffsetDateTime#parse} and {@link java.time.LocalDateTime#parse} accept (a
 * fraction of a second, no seconds, an offset, a lower-case {@code t} or {@code z}) are read here
 * too, with their results; so are the forms SIEM and Athena exports rewrite it to
 * ({@code 2026-11-01 09:15:00.123}), read as UTC because CloudTrail times are always UTC. Nothing
 * is thrown for text that is not an instant (an STS expiration such as {@code Nov 1, 2026, 9:15:00 AM},
 * a redacted field): an exception per such record cost more than the parse.
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
    /** Offsets java.time accepts: at most 18 hours either way. */
    private static final int MAX_OFFSET_SECONDS = 18 * 3600;

    private IsoInstants() {
    }

    /**
     * Epoch milliseconds of an ISO 8601 instant, or {@link Long#MIN_VALUE} when it does not parse
     * or lies outside {@link #MIN_MILLIS}..{@link #MAX_MILLIS}. Reads
     * {@code yyyy-MM-dd(T|t| )HH:mm[:ss[.fraction]][Z|z|(+|-)HH[:mm[:ss]]]}, without an offset as
     * UTC; a fraction of up to nine digits, truncated to the millisecond. Years other than four
     * digits lie outside the accepted range whatever their form.
     */
    public static long parseMillis(String s) {
        if (s == null) {
            return Long.MIN_VALUE;
        }
        int n = s.length();
        if (n < 16 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(13) != ':') {
            return Long.MIN_VALUE;
        }
        char sep = s.charAt(10);
        if (sep != 'T' && sep != 't' && sep != ' ') {
            return Long.MIN_VALUE;
        }
        int year = digits(s, 0, 4), month = digits(s, 5, 2), day = digits(s, 8, 2);
        int hour = digits(s, 11, 2), minute = digits(s, 14, 2), second = 0, millis = 0;
        int i = 16;
        if (i < n && s.charAt(i) == ':') {
            second = i + 3 <= n ? digits(s, i + 1, 2) : -1;
            i += 3;
            if (i < n && s.charAt(i) == '.') {
                int from = ++i;
                while (i < n && i - from < 10 && isDigit(s.charAt(i))) {
                    if (i - from < 3) {
                        millis = millis * 10 + (s.charAt(i) - '0');
                    }
                    i++;
                }
                int count = i - from;
                if (count > 9) {
                    return Long.MIN_VALUE;
                }
                for (int k = count; k < 3; k++) {
                    millis *= 10;
                }
            }
        }
        int offset = i >= n ? 0 : offsetSeconds(s, i);
        if (offset == Integer.MIN_VALUE || year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return Long.MIN_VALUE;
        }
        long epochSecond = ((epochDay(year, month, day) * 24 + hour) * 60 + minute) * 60 + second - offset;
        if (epochSecond < MIN_MILLIS / 1000 || epochSecond > MAX_MILLIS / 1000) {
            return Long.MIN_VALUE;
        }
        return epochSecond * 1000 + millis;
    }

    /**
     * Epoch milliseconds of a UTC date and time given by its fields, or {@link Long#MIN_VALUE} when
     * a field is out of its range (the day past its month's end included) or the instant lies
     * outside {@link #MIN_MILLIS}..{@link #MAX_MILLIS}: for callers that read other layouts of a
     * time by hand (STS expirations) and want the same calendar and bounds.
     */
    public static long utcMillis(int year, int month, int day, int hour, int minute, int second) {
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return Long.MIN_VALUE;
        }
        long epochSecond = ((epochDay(year, month, day) * 24 + hour) * 60 + minute) * 60 + second;
        if (epochSecond < MIN_MILLIS / 1000 || epochSecond > MAX_MILLIS / 1000) {
            return Long.MIN_VALUE;
        }
        return epochSecond * 1000;
    }

    /**
     * The offset from {@code from} to the end, in seconds east of UTC: {@code Z} or {@code z}, or a
     * sign and two-digit hours, then optionally {@code :mm} and {@code :ss}, as java.time's lenient
     * offset parsing reads them; {@link Integer#MIN_VALUE} when it is not one, or lies past 18 hours.
     */
    private static int offsetSeconds(String s, int from) {
        int n = s.length();
        char c = s.charAt(from);
        if (c == 'Z' || c == 'z') {
            return from + 1 == n ? 0 : Integer.MIN_VALUE;
        }
        if ((c != '+' && c != '-') || from + 3 > n) {
            return Integer.MIN_VALUE;
        }
        int hours = digits(s, from + 1, 2), minutes = 0, seconds = 0;
        int i = from + 3;
        if (i < n) {
            minutes = i + 3 <= n && s.charAt(i) == ':' ? digits(s, i + 1, 2) : -1;
            i += 3;
        }
        if (i < n) {
            seconds = i + 3 == n && s.charAt(i) == ':' ? digits(s, i + 1, 2) : -1;
            i += 3;
        }
        if (i != n || hours < 0 || hours > 18 || minutes < 0 || minutes > 59 || seconds < 0 || seconds > 59) {
            return Integer.MIN_VALUE;
        }
        int total = hours * 3600 + minutes * 60 + seconds;
        if (total > MAX_OFFSET_SECONDS) {
            return Integer.MIN_VALUE;
        }
        return c == '-' ? -total : total;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
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

    /** The number written by {@code count} ASCII digits at {@code from}; -1 when one is not a digit. */
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
