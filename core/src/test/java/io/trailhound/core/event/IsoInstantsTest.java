package io.trailhound.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
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
}
