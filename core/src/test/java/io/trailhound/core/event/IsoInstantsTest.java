package io.trailhound.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IsoInstantsTest {
    @Test
    void fastPathAgreesWithJavaTimeOverManyInstants() {
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            Instant t = Instant.ofEpochSecond(r.nextLong(0, 4_102_444_800L)); // 1970..2100
            assertThat(IsoInstants.parseMillis(t.toString())).as(t.toString()).isEqualTo(t.toEpochMilli());
        }
    }

    @Test
    void otherIsoFormsAndExportForms() {
        long expected = Instant.parse("2026-11-01T09:15:00.123Z").toEpochMilli();
        assertThat(IsoInstants.parseMillis("2026-11-01T09:15:00.123Z")).isEqualTo(expected);
        assertThat(IsoInstants.parseMillis("2026-11-01T10:15:00.123+01:00")).isEqualTo(expected);
        assertThat(IsoInstants.parseMillis("2026-11-01 09:15:00.123")).isEqualTo(expected);
        assertThat(IsoInstants.parseMillis("2026-11-01 09:15:00.123000000")).isEqualTo(expected);
    }

    @Test
    void rejectsWhatIsNotAnInstant() {
        assertThat(IsoInstants.parseMillis("2026-13-01T09:15:00Z")).isEqualTo(Long.MIN_VALUE);
        assertThat(IsoInstants.parseMillis("2026-02-30T09:15:00Z")).isEqualTo(Long.MIN_VALUE);
        assertThat(IsoInstants.parseMillis("redacted")).isEqualTo(Long.MIN_VALUE);
        assertThat(IsoInstants.parseMillis(null)).isEqualTo(Long.MIN_VALUE);
        assertThat(IsoInstants.parseMillis("2026-11-01T09:1x:00Z")).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void acceptsYears1970To9999Only() {
        // +999999999 once overflowed epoch milliseconds (ArithmeticException); +300000 wrapped in the store.
        for (String s : new String[] {"+999999999-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z", "+300000-01-01T00:00:00Z",
                "+10000-01-01T00:00:00Z", "0000-01-01T00:00:00Z", "1969-12-31T23:59:59.999Z", "1969-12-31 23:59:59",
                "9999-12-31T23:00:00-05:00", "+999999999-12-31T23:59:59"}) {
            assertThat(IsoInstants.parseMillis(s)).as(s).isEqualTo(Long.MIN_VALUE);
        }
        assertThat(IsoInstants.parseMillis("1970-01-01T00:00:00Z")).isZero();
        assertThat(IsoInstants.parseMillis("9999-12-31T23:59:59.999Z")).isEqualTo(IsoInstants.MAX_MILLIS);
        assertThat(IsoInstants.MAX_MILLIS).isEqualTo(Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli());
    }

    /**
     * The parser reads every form java.time's OffsetDateTime and LocalDateTime read, with the same
     * result, without throwing: odd offsets, fractions, case, separators, impossible dates and
     * damaged text, each against java.time (what parseMillis called before, one exception per miss).
     */
    @Test
    void oddTimestampsGiveWhatJavaTimeGivesWithoutExceptions() {
        List<String> odd = new ArrayList<>(List.of("2026-11-01T09:15:00z", "2026-11-01t09:15:00Z", "2026-11-01T09:15Z",
                "2026-11-01T09:15", "2026-11-01 09:15", "2026-11-01T09:15:00.", "2026-11-01T09:15:00.Z", "2026-11-01T09:15:00.1Z",
                "2026-11-01T09:15:00.12Z", "2026-11-01T09:15:00.123456789Z", "2026-11-01T09:15:00.1234567891Z",
                "2026-11-01T09:15:00+01", "2026-11-01T09:15:00+0100", "2026-11-01T09:15:00+01:00:30", "2026-11-01T09:15:00+1:00",
                "2026-11-01T09:15:00+18:00", "2026-11-01T09:15:00-18:00", "2026-11-01T09:15:00+18:01", "2026-11-01T09:15:00+19",
                "2026-11-01T09:15:00+01:60", "2026-11-01T09:15:00+01:00:60", "2026-11-01T09:15:00-00:00", "2026-11-01T09:15:00+01:",
                "2026-11-01T09:15:00+01:0", "2026-11-01T09:15:00+01:00:", "2026-11-01T09:15:00+", "2026-11-01T09:15:00ZZ",
                "2026-11-01T24:00:00Z", "2026-11-01T23:60:00Z", "2026-11-01T23:59:60Z", "2024-02-29T00:00:00Z",
                "2023-02-29T00:00:00Z", "2000-02-29T00:00:00Z", "1900-02-29T00:00:00Z", "2026-00-10T00:00:00Z",
                "2026-11-00T00:00:00Z", "2026-04-31T00:00:00Z", "1969-12-31T23:30:00-01:00", "1969-12-31T23:59:59.999Z",
                "9999-12-31T23:59:59.999+01:00", "9999-12-31T23:59:59.999-01:00", "0000-01-01T00:00:00Z", "+2026-11-01T09:15:00Z",
                "02026-11-01T09:15:00Z", "2026-11-01X09:15:00Z", "2026-11-01T09:15:00 Z", " 2026-11-01T09:15:00Z",
                "2026-11-01T09:15:00Z ", "2026-11-01T9:15:00Z", "2026-11-01T09:1500Z", "2026-1-01T09:15:00Z", "2026-11-01T09:15:0Z",
                "2026-11-01T09:15:00,123Z", "2026-11-01T-9:15:00Z", "2026-11-01 09:15:00.123 +01:00", "Nov 1, 2026, 9:15:00 AM",
                "2026-11-01", "", "2026-11-01T09:15:00\u0000", "２０２６-11-01T09:15:00Z", "2026-11-01T09:15:00.１Z"));
        // Random damage to valid forms: one character replaced, dropped or doubled.
        String[] bases = {"2026-11-01T09:15:00Z", "2026-11-01 09:15:00.123", "2026-03-31T23:59:59.5+05:30", "1970-01-01T00:00:00-00:30:15"};
        String alphabet = "0123456789-:.+ZzTt x9";
        SplittableRandom r = new SplittableRandom(25);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder(bases[r.nextInt(bases.length)]);
            int at = r.nextInt(b.length());
            switch (r.nextInt(3)) {
                case 0 -> b.setCharAt(at, alphabet.charAt(r.nextInt(alphabet.length())));
                case 1 -> b.deleteCharAt(at);
                default -> b.insert(at, b.charAt(at));
            }
            odd.add(b.toString());
        }
        int parsed = 0;
        for (String s : odd) {
            long expected = javaTime(s);
            assertThat(IsoInstants.parseMillis(s)).as(s).isEqualTo(expected);
            parsed += expected == Long.MIN_VALUE ? 0 : 1;
        }
        assertThat(parsed).as("forms that parse are among the odd ones").isGreaterThan(1000);
    }

    /** The java.time reading parseMillis once made of anything past its fast path (exceptions and all). */
    private static long javaTime(String s) {
        String iso = s.length() > 10 && s.charAt(10) == ' ' ? s.substring(0, 10) + 'T' + s.substring(11) : s;
        try {
            return IsoInstants.millisInRange(OffsetDateTime.parse(iso).toInstant());
        } catch (DateTimeParseException e) {
            try {
                return IsoInstants.millisInRange(LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException e2) {
                return Long.MIN_VALUE;
            }
        }
    }
}
