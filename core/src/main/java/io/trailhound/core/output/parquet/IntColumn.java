package io.trailhound.core.output.parquet;

import java.util.Arrays;

/** INT32 values, PLAIN-encoded. */
final class IntColumn extends ColumnWriter {
    private int[] values = new int[1024];
    private int min;
    private int max;

    IntColumn(ParquetColumn c) {
        super(c);
    }

    void add(int v) {
        int n = values();
        if (n == values.length) {
            values = Arrays.copyOf(values, n * 2);
        }
        values[n] = v;
        if (n == 0 || v < min) {
            min = v;
        }
        if (n == 0 || v > max) {
            max = v;
        }
        present();
    }

    @Override
    long bufferedBytes() {
        return 4L * values() + rows;
    }

    @Override
    int valueBytes(int i) {
        return 4;
    }

    @Override
    void encodeValues(int from, int to, ByteSink out) {
        for (int i = from; i < to; i++) {
            out.intLE(values[i]);
        }
    }

    @Override
    byte[] min() {
        return values() == 0 ? null : bytes(min);
    }

    @Override
    byte[] max() {
        return values() == 0 ? null : bytes(max);
    }

    private static byte[] bytes(int v) {
        return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
    }
}
