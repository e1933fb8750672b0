package io.trailhound.core.output.parquet;

import java.util.Arrays;

/** BOOLEAN values, PLAIN-encoded: one bit each, least significant bit first. */
final class BooleanColumn extends ColumnWriter {
    private boolean[] values = new boolean[1024];
    private boolean anyFalse;
    private boolean anyTrue;

    BooleanColumn(ParquetColumn c) {
        super(c);
    }

    void add(boolean v) {
        int n = values();
        if (n == values.length) {
            values = Arrays.copyOf(values, n * 2);
        }
        values[n] = v;
        anyTrue |= v;
        anyFalse |= !v;
        present();
    }

    @Override
    long bufferedBytes() {
        return values() + rows;
    }

    @Override
    int valueBytes(int i) {
        return 1; // an over-estimate (1 bit): pages of booleans are small anyway
    }

    @Override
    void encodeValues(int from, int to, ByteSink out) {
        int acc = 0;
        int bits = 0;
        for (int i = from; i < to; i++) {
            if (values[i]) {
                acc |= 1 << bits;
            }
            if (++bits == 8) {
                out.write(acc);
                acc = 0;
                bits = 0;
            }
        }
        if (bits > 0) {
            out.write(acc);
        }
    }

    @Override
    byte[] min() {
        return values() == 0 ? null : new byte[] {(byte) (anyFalse ? 0 : 1)};
    }

    @Override
    byte[] max() {
        return values() == 0 ? null : new byte[] {(byte) (anyTrue ? 1 : 0)};
    }

    @Override
    void clear() {
        super.clear();
        anyTrue = false;
        anyFalse = false;
    }
}
