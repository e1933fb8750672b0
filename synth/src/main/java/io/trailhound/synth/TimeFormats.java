package io.trailhound.synth;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The time formats CloudTrail and IAM write. {@link #iso} keeps the last second it formatted, since
 * thousands of records share a second at high rates.
 */
final class TimeFormats {
    /** {@code responseElements.credentials.expiration}: "Nov 1, 2026, 9:15:00 AM" (UTC). */
    private static final DateTimeFormatter EXPIRATION =
            DateTimeFormatter.ofPattern("MMM d, yyyy, h:mm:ss a", Locale.US).withZone(ZoneOffset.UTC);
    /** {@code CreateAccessKey} createDate: "Nov 1, 2026 9:15:00 AM". */
    private static final DateTimeFormatter CREATE_DATE =
            DateTimeFormatter.ofPattern("MMM d, yyyy h:mm:ss a", Locale.US).withZone(ZoneOffset.UTC);
    /** Credential report and CLI JSON output: "2026-01-10T09:00:00+00:00". */
    private static final DateTimeFormatter OFFSET =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'+00:00'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ISO_SECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private long cachedSecond = Long.MIN_VALUE;
    private String cachedIso;

    /** eventTime / creationDate form: "2026-11-01T09:15:03Z". */
    String iso(long epochMillis) {
        long second = Math.floorDiv(epochMillis, 1000L);
        if (second != cachedSecond) {
            cachedSecond = second;
            cachedIso = ISO_SECONDS.format(Instant.ofEpochSecond(second));
        }
        return cachedIso;
    }

    static String isoSeconds(long epochMillis) {
        return ISO_SECONDS.format(Instant.ofEpochMilli(epochMillis));
    }

    static String expiration(long epochMillis) {
        return EXPIRATION.format(Instant.ofEpochMilli(epochMillis));
    }

    static String createDate(long epochMillis) {
        return CREATE_DATE.format(Instant.ofEpochMilli(epochMillis));
    }

    static String offset(long epochMillis) {
        return OFFSET.format(Instant.ofEpochMilli(epochMillis));
    }
}
