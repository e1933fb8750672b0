package io.trailhound.core.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.event.IsoInstants;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand reader of STS expirations gives what java.time's formatter gives, or leaves the text to it. */
class StsExpirationTest {
    /** The formatter IssuanceReader falls back to, as the reference. */
    private static final DateTimeFormatter REFERENCE = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .appendPattern("MMM d, yyyy[,] h:mm:ss a")
            .toFormatter(Locale.US);
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

    private static long reference(String s) {
        try {
            long t = IsoInstants.millisInRange(LocalDateTime.parse(s.trim(), REFERENCE).toInstant(ZoneOffset.UTC));
            return t == Long.MIN_VALUE ? Long.MAX_VALUE : t;
        } catch (DateTimeParseException e) {
            return Long.MAX_VALUE;
        }
    }

    @Test
    void readsStsFormsAsTheFormatterDoes() {
        assertThat(StsExpiration.read("Nov 2, 2026, 8:25:27 PM"))
                .isEqualTo(java.time.Instant.parse("2026-11-02T20:25:27Z").toEpochMilli());
        assertThat(StsExpiration.read("Jul 10, 2023 12:09:47 am"))
                .isEqualTo(java.time.Instant.parse("2023-07-10T00:09:47Z").toEpochMilli());
        assertThat(StsExpiration.read("dec 31, 9999, 11:59:59 PM"))
                .isEqualTo(java.time.Instant.parse("9999-12-31T23:59:59Z").toEpochMilli());
        assertThat(StsExpiration.read("Jan 1, 1969, 1:00:00 AM")).isEqualTo(Long.MIN_VALUE); // before 1970: unknown expiry
        // every valid day, hour and both halves of the day, in both layouts
        int read = 0;
        for (int m = 0; m < 12; m++) {
            for (int d = 1; d <= 31; d++) {
                for (int h = 1; h <= 12; h++) {
                    for (String ap : new String[] {"AM", "PM"}) {
                        for (String comma : new String[] {",", ""}) {
                            String s = MONTHS[m] + " " + d + ", 2024" + comma + " " + h + ":07:59 " + ap;
                            long fast = StsExpiration.read(s);
                            if (fast != StsExpiration.NOT_READ) {
                                read++;
                                assertThat(fast).as(s).isEqualTo(reference(s));
                            }
                            assertThat(IssuanceReader.expiration(s)).as(s).isEqualTo(reference(s));
                        }
                    }
                }
            }
        }
        assertThat(read).isEqualTo(366 * 12 * 2 * 2); // 2024's days are all read by hand; Feb 30 and Apr 31 are left to the formatter
    }

    @Test
    void leavesEverythingElseToTheFormatterWithTheSameResult() {
        List<String> odd = new ArrayList<>(List.of("Feb 30, 2023, 1:00:00 PM", "Feb 29, 2023, 1:00:00 PM", "Sept 2, 2026, 8:25:27 PM",
                " Nov 2, 2026, 8:25:27 PM", "Nov 2, 2026, 8:25:27 PM ", "Nov 2, 2026, 0:25:27 PM", "Nov 2, 2026, 13:25:27 PM",
                "Nov 2, 2026, 08:25:27 PM", "Nov 02, 2026, 8:25:27 PM", "Nov 2, 2026,, 8:25:27 PM", "Nov 2, 2026, 8:60:27 PM",
                "Nov 2, 2026, 8:25:7 PM", "Nov 2, 02026, 8:25:27 PM", "Nov 2, 26, 8:25:27 PM", "Nov 2 2026, 8:25:27 PM",
                "Nov 2, 2026, 8:25:27 XM", "Nov 2, 2026, 8:25:27 P", "Nov 2, 2026, 8:25:27 PMZ", "Nov  2, 2026, 8:25:27 PM",
                "Nov 0, 2026, 8:25:27 PM", "Nov 2, 0000, 8:25:27 PM", "Xyz 2, 2026, 8:25:27 PM", "Nov 2, 2026, 8:25:27\u00a0PM",
                "Nov 2, 2026, 8:25:27 pM", "NOV 2, 2026, 8:25:27 PM", "Nov 2, 2026 8:25:27PM", "Nov 2, 2026, 8 :25:27 PM"));
        // and damage: each character of a valid form replaced at random
        Random r = new Random(25);
        String base = "Oct 31, 2025, 11:59:59 PM";
        for (int i = 0; i < 5_000; i++) {
            char[] c = base.toCharArray();
            int k = 1 + r.nextInt(3);
            for (int j = 0; j < k; j++) {
                c[r.nextInt(c.length)] = " ,:0123456789APMapmX\t".charAt(r.nextInt(21));
            }
            odd.add(new String(c));
        }
        for (String s : odd) {
            long fast = StsExpiration.read(s);
            if (fast != StsExpiration.NOT_READ) {
                assertThat(fast == Long.MIN_VALUE ? Long.MAX_VALUE : fast).as(s).isEqualTo(reference(s));
            }
            assertThat(IssuanceReader.expiration(s)).as(s).isEqualTo(s.isBlank() ? Long.MAX_VALUE
                    : IsoInstants.parseMillis(s) != Long.MIN_VALUE ? IsoInstants.parseMillis(s) : reference(s));
        }
    }
}
