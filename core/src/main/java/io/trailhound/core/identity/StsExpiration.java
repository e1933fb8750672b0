package io.trailhound.core.identity;

import io.trailhound.core.event.IsoInstants;

/**
 * Reads the form STS writes expirations in, {@code Nov 2, 2026, 8:25:27 PM} (also without the
 * comma after the year), by hand: every issuance carries one, and the java.time formatter took a
 * tenth of recording issuances. Only the plain form is read here (English month abbreviation,
 * one or two digits of day and hour, four of year, two of minute and second, AM or PM, in any
 * case, single spaces, nothing around it); anything else answers {@link #NOT_READ} so the caller
 * falls back to the formatter, which then decides as before.
 */
final class StsExpiration {
    /** Returned for text this reader leaves to the general formatter. */
    static final long NOT_READ = Long.MIN_VALUE + 1;

    private static final String MONTHS = "janfebmaraprmayjunjulaugsepoctnovdec";

    private StsExpiration() {
    }

    /** Epoch millis (UTC), {@link Long#MIN_VALUE} outside the years accepted, or {@link #NOT_READ}. */
    static long read(String s) {
        int n = s.length();
        if (n < 22 || n > 25 || s.charAt(3) != ' ') {
            return NOT_READ;
        }
        int month = month(s);
        int i = 4;
        int day = digit(s, i++);
        if (month < 0 || day < 0) {
            return NOT_READ;
        }
        if (s.charAt(i) != ',') {
            int d2 = digit(s, i++);
            if (d2 < 0 || s.charAt(i) != ',') {
                return NOT_READ;
            }
            day = day * 10 + d2;
        }
        // ", yyyy[,] h:mm:ss AM"
        if (i + 2 + 4 >= n || s.charAt(i + 1) != ' ') {
            return NOT_READ;
        }
        i += 2;
        int year = number(s, i, 4);
        i += 4;
        if (i < n && s.charAt(i) == ',') {
            i++;
        }
        if (year < 0 || i >= n || s.charAt(i++) != ' ' || i >= n) {
            return NOT_READ;
        }
        int hour = digit(s, i++);
        if (hour < 0 || i >= n) {
            return NOT_READ;
        }
        if (s.charAt(i) != ':') {
            int h2 = digit(s, i++);
            if (h2 < 0) {
                return NOT_READ;
            }
            hour = hour * 10 + h2;
        }
        // ":mm:ss AM" to the end
        if (n - i != 9 || s.charAt(i) != ':' || s.charAt(i + 3) != ':' || s.charAt(i + 6) != ' ') {
            return NOT_READ;
        }
        int minute = number(s, i + 1, 2), second = number(s, i + 4, 2);
        char ap = Character.toLowerCase(s.charAt(i + 7)), m = Character.toLowerCase(s.charAt(i + 8));
        if (minute < 0 || minute > 59 || second < 0 || second > 59 || hour < 1 || hour > 12 || m != 'm'
                || (ap != 'a' && ap != 'p')) {
            return NOT_READ;
        }
        int hour24 = hour % 12 + (ap == 'p' ? 12 : 0);
        if (day < 1 || day > 28 && IsoInstants.utcMillis(year, month, day, 0, 0, 0) == Long.MIN_VALUE) {
            return NOT_READ; // a day past its month's end: the formatter's rules decide
        }
        return IsoInstants.utcMillis(year, month, day, hour24, minute, second);
    }

    /** The month (1-12) of the three letters that begin {@code s}, in any case; -1 when none. */
    private static int month(String s) {
        for (int m = 0; m < 12; m++) {
            if (s.regionMatches(true, 0, MONTHS, m * 3, 3)) {
                return m + 1;
            }
        }
        return -1;
    }

    private static int digit(String s, int i) {
        char c = s.charAt(i);
        return c >= '0' && c <= '9' ? c - '0' : -1;
    }

    private static int number(String s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            int d = digit(s, i);
            if (d < 0) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }
}
