package io.trailhound.core.ingest;

import static io.trailhound.core.ingest.Records.*;
import static io.trailhound.core.testkit.CloudTrailFiles.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class IngestSummaryTest {
    private static IngestSummary read(InputSource... inputs) {
        return new Ingest(ReadLimits.defaults(), 1).run(List.of(inputs), List.of(), e -> { }, null, IngestProgress.NONE);
    }

    @Test
    void nothingReadableWhenOnlyBadInputWasMet() {
        assertThat(read(InputSource.bytes("garbage", utf8("#!garbage\u0001\u0002"))).nothingReadable()).isTrue();
        assertThat(read(InputSource.bytes("bad.jsonl", utf8("{bad\n[1]\n"))).nothingReadable()).isTrue();
        byte[] gz = gzip(utf8(s3(records(5))));
        assertThat(read(InputSource.bytes("cut.json.gz", java.util.Arrays.copyOf(gz, 40))).nothingReadable()).isTrue();
    }

    @Test
    void notWhenOneRecordWasReadOrTheInputWasEmpty() {
        assertThat(read(InputSource.bytes("mixed.jsonl", utf8("{bad\n" + record(1) + "\n"))).nothingReadable()).isFalse();
        assertThat(read(InputSource.bytes("empty.json", new byte[0])).nothingReadable()).isFalse();
        assertThat(read().nothingReadable()).isFalse();
    }
}
