package io.trailhound.core.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.Inflater;

/**
 * Opens an input as plain bytes or, when it starts with the gzip magic, as the inflated stream of
 * its gzip members ({@link GzipStream}). One decompressor serves one thread and reuses its
 * {@link Inflater} and buffer from input to input: CloudTrail delivers many small files (a few KB
 * each), where a new GZIPInputStream per file costs more than the inflating.
 */
public final class Decompressor {
    private static final int BUFFER = 1 << 16;

    final ReadLimits limits;
    final Inflater inflater = new Inflater(true);
    final CRC32 crc = new CRC32();
    /** Reused from input to input; a gzip input may grow it, up to {@link GzipStream#REPLAY_BYTES}. */
    byte[] buf = new byte[BUFFER];
    boolean open;

    public Decompressor(ReadLimits limits) {
        this.limits = limits;
    }

    /**
     * The decompressed bytes of {@code raw}. The stream returned must be closed before the next
     * call (it shares this decompressor's buffers); closing it closes {@code raw}.
     */
    public InflatedInput open(InputStream raw) throws IOException {
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
            return new GzipStream(this, raw, n);
        }
        return new Plain(raw, n);
    }

    /**
     * Damage in a gzip stream: a member truncated, corrupt, with a bad header, or failing its CRC-32
     * or size check, or bytes between members that are not gzip. The stream can be read on after
     * it: reading goes on at the next member found, or ends.
     */
    public static final class CorruptGzipException extends IOException {
        private final boolean contentAltered;

        CorruptGzipException(String message, boolean contentAltered) {
            super(message);
            this.contentAltered = contentAltered;
        }

        /**
         * True when the member's data was inflated to its end but does not match its checksum:
         * somewhere in what it gave, bytes were altered. False when inflating stopped at the
         * damage, so what came before it is as it was written.
         */
        public boolean contentAltered() {
            return contentAltered;
        }
    }

    /** Decompression went past the size or ratio limit; nothing more is read from the input. */
    public static final class InflateLimitException extends IOException {
        InflateLimitException(String message) {
            super(message);
        }
    }

    /** The bytes already read while sniffing, then the rest of the input. */
    private final class Plain extends InflatedInput {
        private final InputStream raw;
        private final int headLength;
        private int headPos;

        Plain(InputStream raw, int headLength) {
            this.raw = raw;
            this.headLength = headLength;
        }

        @Override
        public long verifiedEnd() {
            return Long.MAX_VALUE;
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
}
