package io.trailhound.core.ingest;

import static io.trailhound.core.ingest.Records.*;
import static io.trailhound.core.testkit.CloudTrailFiles.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class DecompressorTest {
    private final Decompressor d = new Decompressor(ReadLimits.defaults());

    private byte[] readAll(byte[] input) throws IOException {
        try (InputStream in = d.open(new ByteArrayInputStream(input))) {
            return in.readAllBytes();
        }
    }

    @Test
    void plainInputPassesThroughIncludingTheSniffedBytes() throws IOException {
        assertThat(readAll(utf8("{\"a\":1}"))).isEqualTo(utf8("{\"a\":1}"));
        assertThat(readAll(utf8("x"))).isEqualTo(utf8("x"));
        assertThat(readAll(new byte[0])).isEmpty();
    }

    @Test
    void manyInputsInARowReuseOneInflater() throws IOException {
        for (int i = 0; i < 50; i++) {
            String text = jsonLines(records(i + 1));
            assertThat(readAll(gzip(utf8(text)))).isEqualTo(utf8(text));
        }
    }

    @Test
    void concatenatedMembersAndHeaderFieldsAreRead() throws IOException {
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.write(gzip(utf8("first\n")));
        both.write(gzip(utf8("second\n")));
        assertThat(new String(readAll(both.toByteArray()))).isEqualTo("first\nsecond\n");
        // a member with FNAME and FCOMMENT set, as gzip(1) writes them
        byte[] plain = gzip(utf8("named"));
        ByteArrayOutputStream named = new ByteArrayOutputStream();
        named.write(new byte[] {0x1f, (byte) 0x8b, 8, 8 | 16, 0, 0, 0, 0, 0, 3});
        named.write(utf8("log.json\0a comment\0"));
        named.write(plain, 10, plain.length - 10);
        assertThat(new String(readAll(named.toByteArray()))).isEqualTo("named");
    }

    @Test
    void damagedStreamsAreTyped() {
        byte[] gz = gzip(utf8(jsonLines(records(100))));
        byte[] badCrc = gz.clone();
        badCrc[gz.length - 8] ^= 1;
        assertThatThrownBy(() -> readAll(badCrc)).isInstanceOf(Decompressor.CorruptGzipException.class).hasMessageContaining("CRC");
        assertThatThrownBy(() -> readAll(Arrays.copyOf(gz, gz.length - 4)))
                .isInstanceOf(Decompressor.CorruptGzipException.class).hasMessageContaining("truncated");
        byte[] flipped = gz.clone();
        flipped[20] ^= (byte) 0xff;
        assertThatThrownBy(() -> readAll(flipped)).isInstanceOf(Decompressor.CorruptGzipException.class);
    }

    @Test
    void agreesWithTheJdkOnLargeInput() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String r : records(5000)) {
            sb.append(r).append('\n');
        }
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(bos, 4096)) {
            g.write(utf8(sb.toString()));
        }
        assertThat(readAll(bos.toByteArray())).isEqualTo(utf8(sb.toString()));
    }
}
