package io.trailhound.core.output.parquet;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A column chunk's split-block bloom filter, as the Parquet format specifies it
 * (BloomFilter.md): blocks of eight 32-bit words, a value's XXH64 picks a block by its upper half
 * and one bit per word by its lower half times eight salts. Readers (DuckDB among them) skip a
 * row group whose filter says an equality's constant is not in it: a point lookup of a column of
 * unique values (eventID), which min/max statistics cannot prune, reads one row group instead of all.
 */
final class BloomFilter {
    private static final int[] SALT = {0x47b6137b, 0x44974d91, 0x8824ad5b, 0xa2b7289d, 0x705495c7, 0x2df1424b, 0x9efc4947,
        0x5c6bfb31};
    /** False positives aimed at: one row group in a hundred read for nothing. */
    static final double FPP = 0.01;
    static final int MAX_BYTES = 1 << 20;

    private final int[] words;
    private final int blocks;

    /** A filter sized for {@code distinct} values at {@link #FPP}: a power of two of bytes, 32 to {@link #MAX_BYTES}. */
    BloomFilter(int distinct) {
        double bits = -8.0 * Math.max(1, distinct) / Math.log(1 - Math.pow(FPP, 1.0 / 8));
        int bytes = 32;
        while (bytes < bits / 8 && bytes < MAX_BYTES) {
            bytes <<= 1;
        }
        words = new int[bytes / 4];
        blocks = bytes / 32;
    }

    void add(byte[] b, int off, int len) {
        insert(XxHash64.hash(b, off, len));
    }

    void insert(long hash) {
        int block = (int) (((hash >>> 32) * blocks) >>> 32);
        int key = (int) hash;
        for (int i = 0; i < 8; i++) {
            words[block * 8 + i] |= 1 << ((key * SALT[i]) >>> 27);
        }
    }

    boolean mightContain(long hash) {
        int block = (int) (((hash >>> 32) * blocks) >>> 32);
        int key = (int) hash;
        for (int i = 0; i < 8; i++) {
            if ((words[block * 8 + i] & (1 << ((key * SALT[i]) >>> 27))) == 0) {
                return false;
            }
        }
        return true;
    }

    int bytes() {
        return words.length * 4;
    }

    /** The BloomFilterHeader (Thrift compact) and the bitset; returns the bytes written. */
    int writeTo(OutputStream out, ByteSink scratch) throws IOException {
        scratch.reset();
        ThriftCompact t = new ThriftCompact(scratch);
        t.begin();
        t.i32(1, bytes()); // numBytes
        t.struct(2); // algorithm: BLOCK
        t.struct(1);
        t.end();
        t.end();
        t.struct(3); // hash: XXHASH
        t.struct(1);
        t.end();
        t.end();
        t.struct(4); // compression: UNCOMPRESSED
        t.struct(1);
        t.end();
        t.end();
        t.end();
        for (int w : words) {
            scratch.intLE(w);
        }
        int n = scratch.size();
        scratch.writeTo(out);
        return n;
    }
}
