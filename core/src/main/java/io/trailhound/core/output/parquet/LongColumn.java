package io.trailhound.core.output.parquet;

import java.util.Arrays;

/** INT64 values (plain timestamps in epoch milliseconds too), PLAIN-encoded. */
final class LongColumn extends ColumnWriter {
    private long[] values = new long[1024];
    private long min;
    private long max;

    LongColumn(ParquetColumn c) {
        super(c);
    }

    void add(long v) {
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
        return 8L * values() + rows;
    }

    @Override
    int valueBytes(int i) {
        return 8;
    }

    @Override
    void encodeValues(int from, int to, ByteSink out) {
        for (int i = from; i < to; i++) {
            out.longLE(values[i]);
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

    private static byte[] bytes(long v) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (v >>> (8 * i));
        }
        return b;
    }
}
