package io.trailhound.core.output.parquet;

/**
 * Parquet's RLE / bit-packed hybrid encoding of small unsigned ints (definition levels, dictionary
 * indices): a run of 8 or more equal values is one RLE run; everything else goes in bit-packed
 * groups of 8 values, least significant bit first. Only the last group may be padded.
 */
final class RleHybrid {
    private RleHybrid() {
    }

    /** Appends {@code values[from, to)} encoded with {@code bitWidth} bits each (1..32). */
    static void encode(int[] values, int from, int to, int bitWidth, ByteSink out) {
        int i = from;
        while (i < to) {
            int run = runLength(values, i, to);
            if (run >= 8) {
                out.varint((long) run << 1);
                int v = values[i];
                for (int b = 0; b < (bitWidth + 7) / 8; b++) {
                    out.write(v >>> (8 * b));
                }
                i += run;
                continue;
            }
            // Bit-packed groups until the next group would start a long run (or the values end).
            int end = i;
            do {
                end += 8;
            } while (end < to && runLength(values, end, to) < 8);
            int groups = (Math.min(end, to) - i + 7) / 8;
            out.varint((long) groups << 1 | 1);
            pack(values, i, Math.min(end, to), groups * 8, bitWidth, out);
            i = Math.min(end, to);
        }
    }

    private static int runLength(int[] values, int at, int to) {
        int v = values[at];
        int j = at + 1;
        while (j < to && values[j] == v) {
            j++;
        }
        return j - at;
    }

    /** {@code count} values (those past {@code to} are 0 padding), bitWidth bits each, LSB first. */
    private static void pack(int[] values, int from, int to, int count, int bitWidth, ByteSink out) {
        long acc = 0;
        int bits = 0;
        for (int k = 0; k < count; k++) {
            long v = from + k < to ? values[from + k] & 0xFFFFFFFFL : 0;
            acc |= v << bits;
            bits += bitWidth;
            while (bits >= 8) {
                out.write((int) acc);
                acc >>>= 8;
                bits -= 8;
            }
        }
        if (bits > 0) {
            out.write((int) acc);
        }
    }

    /** Bits needed for values 0..maxValue (at least 1). */
    static int bitWidth(int maxValue) {
        return Math.max(1, 32 - Integer.numberOfLeadingZeros(maxValue));
    }
}
