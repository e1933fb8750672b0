package io.trailhound.core.ingest;

import static io.trailhound.core.ingest.Records.*;
import static io.trailhound.core.testkit.CloudTrailFiles.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.event.CloudTrailEvent;
import java.util.Arrays;
import java.util.List;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Damaged gzip: every complete record before the damage is read, a member whose check fails never
 * has its records read as good, and members after the damage are read. Each case runs with and
 * without the read-ahead thread, which must not change what is read.
 */
class GzipDamageTest {

    /** Members of ten records each: A = 0..9, B = 10..19, C = 20..29. */
    private static final String A = jsonLines(records(0, 10));
    private static final String B = jsonLines(records(10, 20));
    private static final String C = jsonLines(records(20, 30));

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void dataErrorKeepsEveryCompleteRecordInflatedBeforeIt(boolean readAhead) {
        // 2,000 records; the deflate block after the first 908 is damaged (the case: 908 intact records first).
        byte[] first = utf8(jsonLines(records(0, 908)));
        byte[] gz = gzipWithBadBlockAfter(first, utf8(jsonLines(records(908, 2000))));
        Collected c = Collected.read("flip.json.gz", gz, ReadLimits.defaults(), readAhead);
        assertThat(c.eventIds()).isEqualTo(ids(0, 908));
        assertThat(c.reasons()).containsExactly(QuarantineReason.CORRUPT_GZIP);
        assertThat(c.bad.get(0).detail()).contains("corrupt gzip data (invalid block type)")
                .contains("records before the damage were read");
        assertThat(c.bad.get(0).position().byteOffset()).isEqualTo(first.length);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void memberFailingItsCrcHasItsRecordsQuarantinedNotRead(boolean readAhead) {
        byte[] a = gzip(utf8(A)), b = gzip(utf8(B)), cc = gzip(utf8(C));
        b[b.length - 8] ^= 1; // the stored CRC-32: every byte of the data is intact, but unverifiable
        Collected c = Collected.read("crc.json.gz", concat(a, b, cc), ReadLimits.defaults(), readAhead);
        assertThat(c.eventIds()).isEqualTo(concatIds(ids(0, 10), ids(20, 30)));
        assertThat(c.reasons()).hasSize(11).containsOnly(QuarantineReason.CORRUPT_GZIP);
        List<BadRecord> held = c.bad.stream().filter(x -> x.content() != null).toList();
        assertThat(held).hasSize(10);
        assertThat(held).extracting(x -> new String(x.content())).isEqualTo(records(10, 20));
        assertThat(held.get(0).position().byteOffset()).isEqualTo(A.length());
        assertThat(held.get(0).detail()).contains("CRC-32 mismatch").contains("may be altered");
        BadRecord note = c.bad.stream().filter(x -> x.content() == null).findFirst().orElseThrow();
        assertThat(note.detail()).contains("gzip member at compressed byte " + a.length)
                .contains("its 10 records held back are quarantined")
                .contains("reading goes on at the next gzip member, at compressed byte " + (a.length + b.length));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void bitFlipInsideTheDataThatOnlyTheCrcCatchesYieldsNoEvent(boolean readAhead) {
        byte[] a = gzip(utf8(A)), cc = gzip(utf8(C));
        byte[] b = crcOnlyFlip(gzip(utf8(B)), utf8(B));
        Collected c = Collected.read("flip.json.gz", concat(a, b, cc), ReadLimits.defaults(), readAhead);
        assertThat(c.eventIds()).isEqualTo(concatIds(ids(0, 10), ids(20, 30)));
        for (CloudTrailEvent e : c.events) {
            assertThat(e.rawJson()).isEqualTo(record(Integer.parseInt(e.eventID().substring(0, 8), 16)));
        }
        assertThat(c.bad).anySatisfy(x -> assertThat(x.detail()).contains("CRC-32 mismatch").contains("held back are quarantined"));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void memberLargerThanTheHoldLimitSaysHowManyWentOnUnchecked(boolean readAhead) {
        byte[] b = gzip(utf8(B));
        b[b.length - 8] ^= 1;
        ReadLimits limits = ReadLimits.defaults().withMemberHoldBytes(3 * record(10).length());
        Collected c = Collected.read("crc.json.gz", concat(gzip(utf8(A)), b), limits, readAhead);
        // Held: at most three records at a time; the rest of B went on before its trailer was read.
        assertThat(c.eventIds()).startsWith(ids(0, 10).toArray(String[]::new)).hasSizeBetween(15, 18);
        assertThat(c.bad).anySatisfy(x -> assertThat(x.detail()).containsPattern("[0-9]+ records went on unchecked")
                .contains("hold-back limit"));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void truncatedMemberBetweenGoodOnesLosesNothingElse(boolean readAhead) {
        byte[] b = gzip(utf8(B));
        byte[] cut = Arrays.copyOf(b, b.length / 2);
        Collected c = Collected.read("cut.json.gz", concat(gzip(utf8(A)), cut, gzip(utf8(C))), ReadLimits.defaults(), readAhead);
        List<String> got = c.eventIds();
        assertThat(got).startsWith(ids(0, 10).toArray(String[]::new)).endsWith(ids(20, 30).toArray(String[]::new));
        for (CloudTrailEvent e : c.events) {
            assertThat(e.rawJson()).isEqualTo(record(Integer.parseInt(e.eventID().substring(0, 8), 16)));
        }
        assertThat(c.reasons()).contains(QuarantineReason.CORRUPT_GZIP);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void plainJsonLinesAfterTheLastMemberAreRead(boolean readAhead) {
        Collected c = Collected.read("tail.json.gz", concat(gzip(utf8(A)), utf8("\n" + B)), ReadLimits.defaults(), readAhead);
        assertThat(c.eventIds()).isEqualTo(ids(0, 20));
        assertThat(c.bad).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void garbageBetweenMembersIsReportedAndTheNextMemberRead(boolean readAhead) {
        byte[] garbage = {1, 2, 3, (byte) 0xfe, 'x', 'y', 0, 0x1f, 0x1f};
        Collected c = Collected.read("g.json.gz", concat(gzip(utf8(A)), garbage, gzip(utf8(C)), garbage),
                ReadLimits.defaults(), readAhead);
        assertThat(c.eventIds()).isEqualTo(concatIds(ids(0, 10), ids(20, 30)));
        assertThat(c.reasons()).containsExactly(QuarantineReason.CORRUPT_GZIP, QuarantineReason.CORRUPT_GZIP);
        assertThat(c.bad.get(0).detail()).contains(garbage.length + " bytes are neither gzip nor JSON")
                .contains("reading goes on at the next gzip member");
        assertThat(c.bad.get(1).detail()).contains("no gzip member follows");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void zeroPaddingOrBlankSpaceAfterTheLastMemberIsIgnored(boolean readAhead) {
        for (byte[] pad : List.of(new byte[512], utf8("\n"), utf8(" \r\n\t\n"))) {
            Collected c = Collected.read("pad.json.gz", concat(gzip(utf8(A)), pad), ReadLimits.defaults(), readAhead);
            assertThat(c.eventIds()).isEqualTo(ids(0, 10));
            assertThat(c.bad).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5})
    void shortTailsAfterTheLastMemberAreJudgedByEveryByte(int n) {
        byte[] zeros = new byte[n];
        assertThat(Collected.read("z.json.gz", concat(gzip(utf8(A)), zeros)).bad).isEmpty();
        byte[] garbage = zeros.clone();
        garbage[n - 1] = 'x';
        Collected c = Collected.read("g.json.gz", concat(gzip(utf8(A)), garbage));
        assertThat(c.eventIds()).isEqualTo(ids(0, 10));
        assertThat(c.reasons()).containsExactly(QuarantineReason.CORRUPT_GZIP);
        assertThat(c.bad.get(0).detail()).contains(n + " bytes are neither gzip nor JSON");
    }

    private static List<String> concatIds(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    /**
     * A gzip member of {@code first} then {@code second} whose deflate block right after
     * {@code first} has an invalid block type: inflating fails exactly there, after giving every
     * byte of {@code first} (a sync flush ends its blocks on a byte boundary).
     */
    private static byte[] gzipWithBadBlockAfter(byte[] first, byte[] second) {
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        byte[] buf = new byte[first.length + second.length + 1024];
        d.setInput(first);
        int n = 0;
        do {
            n += d.deflate(buf, n, buf.length - n, Deflater.SYNC_FLUSH);
        } while (!d.needsInput() || n == buf.length);
        int badBlock = n;
        d.setInput(second);
        d.finish();
        while (!d.finished()) {
            n += d.deflate(buf, n, buf.length - n);
        }
        d.end();
        buf[badBlock] |= 0x06; // block type 11, which deflate reserves
        CRC32 crc = new CRC32();
        crc.update(first);
        crc.update(second);
        ByteBuffer trailer = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
                .putInt((int) crc.getValue()).putInt(first.length + second.length);
        return concat(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3}, Arrays.copyOf(buf, n), trailer.array());
    }

    /** The member with one bit of its deflate data flipped such that inflating ends normally but the CRC-32 fails. */
    private static byte[] crcOnlyFlip(byte[] member, byte[] plain) {
        byte[] out = new byte[plain.length * 2 + 1024];
        for (int pos = member.length / 2; pos < member.length - 8; pos++) {
            byte[] d = member.clone();
            d[pos] ^= 4;
            Inflater inf = new Inflater(true);
            try {
                inf.setInput(d, 10, d.length - 10);
                int n = 0;
                while (!inf.finished() && !inf.needsInput() && n < out.length) {
                    n += inf.inflate(out, n, out.length - n);
                }
                if (inf.finished() && inf.getRemaining() == 8 && n == plain.length
                        && !Arrays.equals(Arrays.copyOf(out, n), plain)) {
                    return d;
                }
            } catch (DataFormatException e) {
                // not this one
            } finally {
                inf.end();
            }
        }
        throw new AssertionError("no CRC-only flip found");
    }
}
