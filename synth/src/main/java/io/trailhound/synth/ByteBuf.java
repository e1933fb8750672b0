package io.trailhound.synth;

import java.io.OutputStream;
import java.util.Arrays;

/** A growable byte buffer the JSON generator writes one record into; reused for every record. */
final class ByteBuf extends OutputStream {
    byte[] bytes = new byte[16 * 1024];
    int size;

    @Override
    public void write(int b) {
        ensure(1);
        bytes[size++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, bytes, size, len);
        size += len;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }

    void reset() {
        size = 0;
    }
}
