package io.trailhound.core.output.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ByteSinkUtf8Test {
    @Test
    void encodesAsStringGetBytesDoesAfterAnAsciiStartAndAcrossGrowth() {
        String[] values = {"", "plain-ascii", "ascii then é", "€ first", "mixed a€b𝄞c", "lone \uD800 high", "lone \uDC00 low",
            "ends high \uD83D", "x".repeat(5000) + "é" + "y".repeat(70_000)};
        ByteSink sink = new ByteSink(4); // small: every value makes it grow
        int at = 0;
        for (String v : values) {
            byte[] want = v.getBytes(StandardCharsets.UTF_8);
            int n = sink.utf8(v);
            assertThat(n).as(v).isEqualTo(want.length);
            assertThat(Arrays.copyOfRange(sink.array(), at, at + n)).as(v).isEqualTo(want);
            at += n;
        }
        assertThat(sink.size()).isEqualTo(at);
    }
}
