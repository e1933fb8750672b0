package io.trailhound.core.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Opens an input as plain bytes or, when it starts with the gzip magic, as the inflated stream of
 * its gzip members. One decompressor serves one thread and reuses its {@link Inflater} and buffer
 * from input to input: CloudTrail delivers many small files (a few KB each), where a new
 * GZIPInputStream per file costs more than the inflating. The gzip framing (RFC 1952 header,
 * CRC-32 and size trailer, concatenated members) is checked here; the deflate data is the JDK's.
 * Limits on the decompressed size and ratio stop decompression bombs.
 */
public final class Decompressor {
    /** Below this much output the ratio is not judged: tiny files compress oddly. */
    private static final long RATIO_GRACE_BYTES = 8L << 20;

    private final ReadLimits limits;
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private final byte[] buf = new byte[1 << 16];
    private boolean open;

    public Decompressor(ReadLimits limits) {
        this.limits = limits;
    }

    /**
     * The decompressed bytes of {@code raw}. The stream returned must be closed before the next
     * call (it shares this decompressor's buffers); closing it closes {@code raw}.
     */
    public InputStream open(InputStream raw) throws IOException {
        if (open) {
            throw new IllegalStateException("the previous input of this decompressor is still open");
        }
        int n = 0;
        while (n < 2) {
            int r = raw.read(buf, n, buf.length - n);
            if (r < 0) {
                break;
            }
            n += r;
        }
        open = true;
        if (n >= 2 && buf[0] == (byte) 0x1f && buf[1] == (byte) 0x8b) {
            return new Gzip(raw, n);
        }
        return new Plain(raw, n);
    }

    /** A damaged gzip stream: truncated, corrupt data, bad header or trailer. */
    public static final class CorruptGzipException extends IOException {
        CorruptGzipException(String message) {
            super(message);
        }
    }

    /** Decompression went past the size or ratio limit. */
    public static final class InflateLimitException extends IOException {
        InflateLimitException(String message) {
            super(message);
        }
    }

    /** The bytes already read while sniffing, then the rest of the input. */
    private final class Plain extends InputStream {
        private final InputStream raw;
        private final int headLength;
        private int headPos;

        Plain(InputStream raw, int headLength) {
            this.raw = raw;
            this.headLength = headLength;
        }

        @Override
        public int read() throws IOException {
            return headPos < headLength ? buf[headPos++] & 0xff : raw.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (headPos < headLength) {
                int k = Math.min(len, headLength - headPos);
                System.arraycopy(buf, headPos, b, off, k);
                headPos += k;
                return k;
            }
            return raw.read(b, off, len);
        }

        @Override
        public void close() throws IOException {
            open = false;
            raw.close();
        }
    }

    private enum State { HEADER, DATA, TRAILER, DONE }

    private final class Gzip extends InputStream {
        private final InputStream raw;
        private int pos;
        private int len;
        private State state = State.HEADER;
        private long compressed;
        private long inflated;
        private long memberBytes;

        Gzip(InputStream raw, int initial) {
            this.raw = raw;
            this.len = initial;
            this.compressed = initial;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int r = read(one, 0, 1);
            return r < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int n) throws IOException {
            if (n == 0) {
                return 0;
            }
            while (true) {
                switch (state) {
                    case HEADER -> header();
                    case DATA -> {
                        int r;
                        try {
                            r = inflater.inflate(b, off, n);
                        } catch (DataFormatException e) {
                            throw new CorruptGzipException("corrupt gzip data: " + e.getMessage());
                        }
                        if (r > 0) {
                            crc.update(b, off, r);
                            memberBytes += r;
                            inflated += r;
                            checkLimits();
                            return r;
                        }
                        if (inflater.finished()) {
                            pos = len - inflater.getRemaining();
                            state = State.TRAILER;
                        } else if (inflater.needsDictionary()) {
                            throw new CorruptGzipException("corrupt gzip data: a preset dictionary is not allowed");
                        } else if (inflater.needsInput()) {
                            if (!fill()) {
                                throw new CorruptGzipException("gzip stream ends early (truncated file)");
                            }
                            inflater.setInput(buf, pos, len - pos);
                            pos = len;
                        }
                    }
                    case TRAILER -> trailer();
                    case DONE -> {
                        return -1;
                    }
                }
            }
        }

        private void header() throws IOException {
            if (next() != 0x1f || next() != 0x8b) {
                throw new CorruptGzipException("not a gzip member header");
            }
            if (next() != 8) {
                throw new CorruptGzipException("unsupported gzip compression method");
            }
            int flags = next();
            for (int i = 0; i < 6; i++) {
                next(); // mtime, extra flags, OS
            }
            if ((flags & 4) != 0) {
                int xlen = next() | next() << 8;
                for (int i = 0; i < xlen; i++) {
                    next();
                }
            }
            if ((flags & 8) != 0) {
                while (next() != 0) { } // file name
            }
            if ((flags & 16) != 0) {
                while (next() != 0) { } // comment
            }
            if ((flags & 2) != 0) {
                next();
                next(); // header CRC-16
            }
            inflater.reset();
            crc.reset();
            memberBytes = 0;
            inflater.setInput(buf, pos, len - pos);
            pos = len;
            state = State.DATA;
        }

        private void trailer() throws IOException {
            long expectedCrc = le32();
            long expectedSize = le32();
            if (expectedCrc != crc.getValue()) {
                throw new CorruptGzipException("gzip CRC-32 mismatch (corrupt data)");
            }
            if (expectedSize != (memberBytes & 0xffffffffL)) {
                throw new CorruptGzipException("gzip size mismatch (corrupt data)");
            }
            // Another member may follow (concatenated gzip); anything else after a member is ignored, as gzip does.
            if (pos == len && !fill()) {
                state = State.DONE;
            } else if (buf[pos] == (byte) 0x1f && (pos + 1 < len || fill2()) && buf[pos + 1] == (byte) 0x8b) {
                state = State.HEADER;
            } else {
                state = State.DONE;
            }
        }

        /** Ensures two bytes from pos are buffered; false at end of input. */
        private boolean fill2() throws IOException {
            System.arraycopy(buf, pos, buf, 0, len - pos);
            len -= pos;
            pos = 0;
            int r = raw.read(buf, len, buf.length - len);
            if (r > 0) {
                compressed += r;
                len += r;
            }
            return len >= 2;
        }

        private long le32() throws IOException {
            return (next() | (long) next() << 8 | (long) next() << 16 | (long) next() << 24) & 0xffffffffL;
        }

        private int next() throws IOException {
            if (pos == len && !fill()) {
                throw new CorruptGzipException("gzip stream ends early (truncated file)");
            }
            return buf[pos++] & 0xff;
        }

        /** Refills the buffer from the raw input; false at end of input. */
        private boolean fill() throws IOException {
            int r = raw.read(buf, 0, buf.length);
            if (r <= 0) {
                return false;
            }
            compressed += r;
            pos = 0;
            len = r;
            return true;
        }

        private void checkLimits() throws InflateLimitException {
            if (inflated > limits.maxInflatedBytes()) {
                throw new InflateLimitException("decompressed size passed the limit of " + limits.maxInflatedBytes() + " bytes");
            }
            if (inflated > RATIO_GRACE_BYTES && inflated > limits.maxInflateRatio() * Math.max(1, compressed)) {
                throw new InflateLimitException("decompression ratio passed " + limits.maxInflateRatio()
                        + ":1 (" + compressed + " bytes inflated to " + inflated + ")");
            }
        }

        @Override
        public void close() throws IOException {
            open = false;
            state = State.DONE;
            raw.close();
        }
    }
}
