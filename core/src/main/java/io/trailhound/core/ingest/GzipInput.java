package io.trailhound.core.ingest;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * A gzip stream (concatenated members included) that enforces the inflate limits and turns the
 * JDK's end-of-stream and format errors into {@link CorruptGzipException}, so the reader can tell
 * a damaged file from a malformed record.
 */
final class GzipInput extends FilterInputStream {
    /** Below this much output the ratio is not judged: tiny files compress oddly. */
    private static final long RATIO_GRACE_BYTES = 8L << 20;

    private final CountingInputStream compressed;
    private final ReadLimits limits;
    private long inflated;

    private GzipInput(InputStream gzip, CountingInputStream compressed, ReadLimits limits) {
        super(gzip);
        this.compressed = compressed;
        this.limits = limits;
    }

    static InputStream open(InputStream raw, ReadLimits limits) throws IOException {
        CountingInputStream counting = new CountingInputStream(raw);
        try {
            return new GzipInput(new GZIPInputStream(counting, 1 << 16), counting, limits);
        } catch (EOFException | ZipException e) {
            throw new CorruptGzipException("bad gzip header: " + e.getMessage());
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int r = read(one, 0, 1);
        return r < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int r;
        try {
            r = in.read(b, off, len);
        } catch (EOFException e) {
            throw new CorruptGzipException("gzip stream ends early (truncated file)");
        } catch (ZipException e) {
            throw new CorruptGzipException("corrupt gzip data: " + e.getMessage());
        }
        if (r > 0) {
            inflated += r;
            if (inflated > limits.maxInflatedBytes()) {
                throw new InflateLimitException("decompressed size passed the limit of " + limits.maxInflatedBytes() + " bytes");
            }
            if (inflated > RATIO_GRACE_BYTES && inflated > limits.maxInflateRatio() * Math.max(1, compressed.count())) {
                throw new InflateLimitException("decompression ratio passed " + limits.maxInflateRatio()
                        + ":1 (" + compressed.count() + " bytes inflated to " + inflated + ")");
            }
        }
        return r;
    }

    static final class CorruptGzipException extends IOException {
        CorruptGzipException(String message) {
            super(message);
        }
    }

    static final class InflateLimitException extends IOException {
        InflateLimitException(String message) {
            super(message);
        }
    }

    static final class CountingInputStream extends FilterInputStream {
        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int r = in.read();
            if (r >= 0) {
                count++;
            }
            return r;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int r = in.read(b, off, len);
            if (r > 0) {
                count += r;
            }
            return r;
        }
    }
}
