package io.trailhound.core.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Sits between the decompressed input and Jackson's parser and keeps a window of the bytes it
 * hands out, so the reader can take each record's raw bytes by absolute offset (for the lazy tree,
 * the store and the quarantine) without reading anything twice, and can rewind to resynchronise
 * after a syntax error. Memory stays bounded: outside a record only a tail longer than Jackson's
 * read-ahead is kept; inside one, at most the record size limit.
 */
final class CapturingInputStream extends InputStream {
    /** More than Jackson's read-ahead (8000 bytes), so a record's start is always still here. */
    private static final int KEEP = 1 << 16;

    private static final int INITIAL = 1 << 17;

    /** Bytes kept behind a peeked offset, so a scan can look back at what precedes a candidate. */
    static final int PEEK_BEHIND = 1024;

    private InputStream in;
    private final long maxRecordBytes;
    private byte[] buf = new byte[INITIAL];
    private long base;   // absolute offset of buf[0]
    private int len;     // valid bytes in buf
    private long readPos; // absolute offset of the next byte handed out
    private long pin = -1; // bytes at and after pin are kept
    private long hold = -1; // likewise, for a look ahead that must come back (not limited by the record size)
    private boolean overflowed;
    private byte[] overflowPrefix;
    private final int prefixBytes;
    private boolean eof;

    CapturingInputStream(InputStream in, long maxRecordBytes, int prefixBytes) {
        this.in = in;
        this.maxRecordBytes = maxRecordBytes;
        this.prefixBytes = prefixBytes;
    }

    /**
     * Starts over on a new input, keeping the window's buffer (a reader reuses one per thread;
     * one grown for a large record is given back).
     */
    void reset(InputStream next) {
        in = next;
        if (buf.length > 16 * INITIAL) {
            buf = new byte[INITIAL];
        }
        base = 0;
        len = 0;
        readPos = 0;
        pin = -1;
        hold = -1;
        overflowed = false;
        overflowPrefix = null;
        eof = false;
    }

    @Override
    public int read() throws IOException {
        if (readPos == base + len && !fill()) {
            return -1;
        }
        return buf[(int) (readPos++ - base)] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int n) throws IOException {
        if (n == 0) {
            return 0;
        }
        if (readPos == base + len && !fill()) {
            return -1;
        }
        int k = (int) Math.min(n, base + len - readPos);
        System.arraycopy(buf, (int) (readPos - base), b, off, k);
        readPos += k;
        return k;
    }

    /** Reads more input into the window; false at end of input. */
    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        makeRoom();
        int r = in.read(buf, len, buf.length - len);
        if (r < 0) {
            eof = true;
            return false;
        }
        len += r;
        return true;
    }

    private void makeRoom() {
        if (pin >= 0 && base + len - pin > maxRecordBytes) {
            // The record being captured is over the limit: stop keeping it, remember that it overflowed.
            overflowed = true;
            overflowPrefix = Arrays.copyOfRange(buf, (int) (pin - base), (int) (pin - base) + (int) Math.min(prefixBytes, base + len - pin));
            pin = -1;
        }
        long keepFrom = pin >= 0 ? pin : Math.max(base, Math.min(readPos, base + len) - KEEP);
        if (hold >= 0) {
            keepFrom = Math.min(keepFrom, hold);
        }
        int drop = (int) (keepFrom - base);
        if (drop > 0 && (len - drop) < buf.length / 2) {
            System.arraycopy(buf, drop, buf, 0, len - drop);
            len -= drop;
            base += drop;
        }
        if (buf.length - len < 8192) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
    }

    /** Starts keeping bytes from {@code absStart} (a record's first byte, already in the window). */
    void beginRecord(long absStart) {
        pin = Math.max(absStart, base);
        overflowed = false;
    }

    /** The first bytes of the last record that went over the size limit (for the quarantine). */
    byte[] overflowPrefix() {
        return overflowPrefix == null ? new byte[0] : overflowPrefix;
    }

    /** Lowest absolute offset still in the window. */
    long windowStart() {
        return base;
    }

    /** Stops keeping and returns the record's bytes, or null when it went over the size limit. */
    byte[] endRecord(long absStart, long absEnd) {
        pin = -1;
        if (overflowed || absEnd - absStart > maxRecordBytes || absStart < base) {
            overflowed = false;
            return null;
        }
        return Arrays.copyOfRange(buf, (int) (absStart - base), (int) (absEnd - base));
    }

    /** Keeps the bytes from {@code abs} on while looking ahead, until {@link #releaseHold}. */
    void hold(long abs) {
        hold = Math.max(abs, base);
    }

    void releaseHold() {
        hold = -1;
    }

    void cancelRecord() {
        pin = -1;
        overflowed = false;
    }

    /** Up to {@code max} bytes from {@code absStart} that are still in the window (for error reports). */
    byte[] available(long absStart, int max) {
        long from = Math.max(absStart, base);
        long to = Math.min(base + len, from + max);
        if (to <= from) {
            return new byte[0];
        }
        return Arrays.copyOfRange(buf, (int) (from - base), (int) (to - base));
    }

    /**
     * The byte at {@code abs}, reading ahead as needed, or -1 at end of input. Used while scanning
     * for a place to resume; the caller keeps {@code abs} moving forward, and may look back up to
     * {@link #PEEK_BEHIND} bytes before the furthest offset peeked ({@link #peekBack}).
     */
    int peek(long abs) throws IOException {
        if (abs < base) {
            throw new IllegalStateException("offset " + abs + " already discarded");
        }
        long savedPin = pin;
        long keep = Math.max(base, abs - PEEK_BEHIND);
        pin = pin >= 0 ? Math.min(pin, keep) : keep;
        try {
            while (abs >= base + len) {
                if (!fill()) {
                    return -1;
                }
            }
        } finally {
            pin = savedPin;
        }
        return buf[(int) (abs - base)] & 0xff;
    }

    /** The byte at {@code abs}, already read, or -1 when it is before the input or no longer kept. */
    int peekBack(long abs) {
        return abs < base || abs >= base + len ? -1 : buf[(int) (abs - base)] & 0xff;
    }

    /** Makes the next read return the byte at {@code abs}: a new parser starts there. */
    void rewind(long abs) {
        if (abs < base || abs > base + len) {
            throw new IllegalStateException("cannot rewind to " + abs);
        }
        readPos = abs;
    }

    /** Absolute offset of the end of what has been read from the underlying input so far. */
    long bytesBuffered() {
        return base + len;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
