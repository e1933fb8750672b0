package io.trailhound.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Utf8Test {
    @Test
    void rejectsWhatJacksonLetsThrough() {
        assertThat(Utf8.firstInvalid(bytes("{\"a\":\"", 0xC0, 0x80, "\"}"))).isEqualTo(6);
        assertThat(Utf8.firstInvalid(bytes("xx", 0xED, 0xA0, 0x80))).isEqualTo(2);
        assertThat(Utf8.firstInvalid(bytes("", 0xF4, 0x90, 0x80, 0x80))).isZero();
        assertThat(Utf8.firstInvalid(bytes("", 0xF5, 0x80, 0x80, 0x80))).isZero();
        assertThat(Utf8.firstInvalid(bytes("", 0xE0, 0x80, 0x80))).isZero();
        assertThat(Utf8.firstInvalid(bytes("", 0xF0, 0x80, 0x80, 0x80))).isZero();
        assertThat(Utf8.firstInvalid(bytes("abc", 0xE2, 0x82))).isEqualTo(3);
        assertThat(Utf8.describe(bytes("", 0xC0, 0x80), 0)).contains("overlong").contains("C0 80");
        assertThat(Utf8.describe(bytes("", 0xED, 0xA0, 0x80), 0)).contains("surrogate");
        assertThat(Utf8.describe(bytes("", 0xF4, 0x90, 0x80, 0x80), 0)).contains("past U+10FFFF");
    }

    @Test
    void acceptsValidTextOfEveryLength() {
        assertThat(Utf8.firstInvalid("".getBytes(StandardCharsets.UTF_8))).isEqualTo(-1);
        assertThat(Utf8.firstInvalid("plain ascii, longer than eight bytes".getBytes(StandardCharsets.UTF_8))).isEqualTo(-1);
        assertThat(Utf8.firstInvalid("é€𝄞\uD7FF\uE000\uFFFF\uDBFF\uDFFF".getBytes(StandardCharsets.UTF_8))).isEqualTo(-1);
    }

    @Test
    void agreesWithTheJdksStrictDecoderOnRandomBytes() {
        SplittableRandom r = new SplittableRandom(32);
        for (int i = 0; i < 200_000; i++) {
            byte[] b = new byte[r.nextInt(0, 24)];
            for (int k = 0; k < b.length; k++) {
                // mostly ASCII, with lead and continuation bytes in between
                b[k] = (byte) (r.nextInt(4) == 0 ? r.nextInt(0x80, 0x100) : r.nextInt(0x20, 0x80));
            }
            assertThat(Utf8.firstInvalid(b) < 0).as(java.util.HexFormat.of().formatHex(b)).isEqualTo(jdkAccepts(b));
        }
    }

    @Test
    void findsTheBadByteAtEveryPlaceOfLongAsciiRunsAndAfterValidCharacters() {
        for (int n = 1; n < 140; n++) {
            for (int at = 0; at < n; at++) {
                byte[] b = new byte[n];
                java.util.Arrays.fill(b, (byte) 'a');
                b[at] = (byte) 0xFF;
                assertThat(Utf8.firstInvalid(b)).as("0xFF at %d of %d", at, n).isEqualTo(at);
                if (at >= 2) {
                    // A valid two-byte character first: the check goes on past it, in the ASCII after it.
                    b[0] = (byte) 0xC3;
                    b[1] = (byte) 0xA9;
                    assertThat(Utf8.firstInvalid(b)).as("é, then 0xFF at %d of %d", at, n).isEqualTo(at);
                }
            }
        }
    }

    @Test
    void agreesWithTheJdksStrictDecoderOnLongMostlyAsciiBytes() {
        SplittableRandom r = new SplittableRandom(33);
        for (int i = 0; i < 50_000; i++) {
            byte[] b = new byte[r.nextInt(0, 200)];
            for (int k = 0; k < b.length; k++) {
                b[k] = (byte) (r.nextInt(60) == 0 ? r.nextInt(0x80, 0x100) : r.nextInt(0x20, 0x80));
            }
            assertThat(Utf8.firstInvalid(b) < 0).as(java.util.HexFormat.of().formatHex(b)).isEqualTo(jdkAccepts(b));
        }
    }

    private static boolean jdkAccepts(byte[] b) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static byte[] bytes(String prefix, Object... rest) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes(prefix.getBytes(StandardCharsets.UTF_8));
        for (Object o : rest) {
            if (o instanceof Integer i) {
                out.write(i);
            } else {
                out.writeBytes(o.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }
}
