package io.trailhound.core.output.parquet;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * A growable byte array with the little-endian, varint and UTF-8 writes the Parquet encodings
 * need. Reused between pages and row groups ({@link #reset}), so a column keeps one buffer.
 */
final class ByteSink {
    private byte[] buf;
    private int size;

    ByteSink(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    int size() {
        return size;
    }

    byte[] array() {
        return buf;
    }

    void reset() {
        size = 0;
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            long want = Math.max((long) buf.length * 2, (long) size + more);
            if (want > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("a Parquet buffer cannot grow past 2 GB: cut row groups smaller");
            }
            buf = Arrays.copyOf(buf, (int) want);
        }
    }

    void write(int b) {
        ensure(1);
        buf[size++] = (byte) b;
    }

    void write(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
    }

    void intLE(int v) {
        ensure(4);
        buf[size] = (byte) v;
        buf[size + 1] = (byte) (v >>> 8);
        buf[size + 2] = (byte) (v >>> 16);
        buf[size + 3] = (byte) (v >>> 24);
        size += 4;
    }

    void longLE(long v) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            buf[size + i] = (byte) (v >>> (8 * i));
        }
        size += 8;
    }

    void putIntLE(int at, int v) {
        buf[at] = (byte) v;
        buf[at + 1] = (byte) (v >>> 8);
        buf[at + 2] = (byte) (v >>> 16);
        buf[at + 3] = (byte) (v >>> 24);
    }

    int readIntLE(int at) {
        return (buf[at] & 0xff) | (buf[at + 1] & 0xff) << 8 | (buf[at + 2] & 0xff) << 16 | (buf[at + 3] & 0xff) << 24;
    }

    /** Unsigned LEB128, as Thrift's compact protocol and the RLE run headers use. */
    void varint(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            buf[size++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[size++] = (byte) v;
    }

    /**
     * Appends {@code s} as UTF-8 without an intermediate array; returns the bytes written. Unpaired
     * surrogates become '?', as {@link String#getBytes} does.
     */
    int utf8(CharSequence s) {
        int n = s.length();
        ensure(n);
        int start = size;
        // ASCII first (ids, names, ARNs: nearly every value), into the n bytes just ensured: no check per byte.
        byte[] b = buf;
        int i = 0;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                break;
            }
            b[start + i] = (byte) c;
        }
        size = start + i;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (size == buf.length) {
                    ensure(1);
                }
                buf[size++] = (byte) c;
            } else {
                ensure(4 + (n - i));
                if (c < 0x800) {
                    buf[size++] = (byte) (0xC0 | c >> 6);
                    buf[size++] = (byte) (0x80 | c & 0x3F);
                } else if (Character.isSurrogate(c)) {
                    int cp = Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))
                            ? Character.toCodePoint(c, s.charAt(++i)) : -1;
                    if (cp < 0) {
                        buf[size++] = '?';
                    } else {
                        buf[size++] = (byte) (0xF0 | cp >> 18);
                        buf[size++] = (byte) (0x80 | cp >> 12 & 0x3F);
                        buf[size++] = (byte) (0x80 | cp >> 6 & 0x3F);
                        buf[size++] = (byte) (0x80 | cp & 0x3F);
                    }
                } else {
                    buf[size++] = (byte) (0xE0 | c >> 12);
                    buf[size++] = (byte) (0x80 | c >> 6 & 0x3F);
                    buf[size++] = (byte) (0x80 | c & 0x3F);
                }
            }
        }
        return size - start;
    }

    void writeTo(OutputStream out) throws IOException {
        out.write(buf, 0, size);
    }
}
