package io.trailhound.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailhound.core.UnsafeText;
import io.trailhound.core.event.SourcePosition;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quarantine file holds attacker-written records; reading it with cat must be safe. */
class QuarantineTest {
    /** ESC [ 31m, C1 CSI, NEL, DEL, right-to-left override, line and paragraph separators. */
    private static final String EVIL = "\u001b[31m\u009b31m\u0085\u007f\u202e\u2028\u2029";

    @TempDir
    Path tmp;

    @Test
    void entriesEscapeWhatWouldActOnATerminalAndReadBackUnchanged() throws Exception {
        Path file = tmp.resolve("q.ndjson");
        String record = "{\"eventName\":\"" + EVIL + "\u00e9\"}";
        try (Quarantine q = new Quarantine(file)) {
            q.add(BadRecord.of(QuarantineReason.INVALID_JSON, new SourcePosition("in" + EVIL + ".json", 0, 1),
                    "detail " + EVIL, record.getBytes(StandardCharsets.UTF_8), 1 << 20));
        }
        String written = Files.readString(file, StandardCharsets.UTF_8);
        for (char c : written.replace("\n", "").toCharArray()) {
            assertThat(UnsafeText.unsafe(c)).as("U+%04X written raw", (int) c).isFalse();
        }
        JsonNode entry = new ObjectMapper().readTree(written);
        assertThat(entry.path("record").asText()).isEqualTo(record);
        assertThat(entry.path("detail").asText()).isEqualTo("detail " + EVIL);
        assertThat(entry.path("source").asText()).isEqualTo("in" + EVIL + ".json");
    }
}
