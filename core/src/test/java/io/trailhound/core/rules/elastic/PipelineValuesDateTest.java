package io.trailhound.core.rules.elastic;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** esDate's digit-by-digit path writes exactly what the general java.time formatter writes. */
class PipelineValuesDateTest {
    private static final DateTimeFormatter GENERAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    /** The formula esDate had before its fast path, kept here as the reference. */
    private static String reference(String text) {
        try {
            return GENERAL.format(Instant.parse(text));
        } catch (DateTimeParseException e) {
            try {
                return GENERAL.format(OffsetDateTime.parse(text).toInstant());
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    @Test
    void textsGiveTheGeneralFormattersAnswer() {
        for (String t : List.of("2019-10-02T22:12:29Z", "2024-02-29T23:59:59Z", "2023-02-29T00:00:00Z", "1970-01-01T00:00:00Z",
                "1969-12-31T23:59:59Z", "2026-13-01T00:00:00Z", "2026-11-01T24:00:00Z", "2026-11-01T09:15:60Z",
                "2026-11-01t09:15:00Z", "2026-11-01T09:15:00.123Z", "2026-11-01T09:15:00+02:00", "9999-12-31T23:59:59Z",
                "0999-01-01T00:00:00Z", "2026-11-0lT09:15:00Z", "2026-11-01T09:15:00z", "not a date at all!!", "")) {
            assertThat(PipelineValues.esDate(t)).as(t).isEqualTo(reference(t));
        }
    }

    @Test
    void instantsGiveTheGeneralFormattersAnswer() {
        Random r = new Random(31);
        long lo = Instant.parse("0001-01-01T00:00:00Z").toEpochMilli();
        long hi = Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();
        for (int i = 0; i < 20_000; i++) {
            Instant t = Instant.ofEpochMilli(lo + (long) (r.nextDouble() * (hi - lo)));
            assertThat(PipelineValues.esDate(t)).as(t.toString()).isEqualTo(GENERAL.format(t));
        }
        for (Instant t : List.of(Instant.EPOCH, Instant.ofEpochMilli(-1), Instant.parse("2024-02-29T12:00:00.5Z"),
                Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("-0001-06-01T00:00:00Z"),
                Instant.parse("0000-12-31T23:59:59.999Z"), Instant.parse("0001-01-01T00:00:00Z"))) {
            assertThat(PipelineValues.esDate(t)).as(t.toString()).isEqualTo(GENERAL.format(t));
        }
    }
}
