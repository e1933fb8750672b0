package io.trailhound.core.ingest;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads its source on a background thread into a few recycled chunks, so that inflating gzip
 * and parsing JSON run on two cores at once. Errors from the source (including the typed gzip
 * exceptions) are rethrown, as the same instance, to the reader at the point they occurred;
 * gzip damage does not end the source, so reading goes on after it as it would without this
 * stream. Each chunk carries how far the source was verified when the chunk was read, so the
 * reader never learns of a check on bytes beyond damage it has not been told of yet.
 */
final class ReadAheadInputStream extends InflatedInput {
    private static final int CHUNK = 1 << 18;
    private static final int CHUNKS = 4;

    private record Chunk(byte[] data, int length, IOException error, long verifiedEnd) {
    }

    private final BlockingQueue<Chunk> full = new ArrayBlockingQueue<>(CHUNKS + 1);
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(CHUNKS);
    private final InflatedInput source;
    private final Thread filler;
    private Chunk current;
    private int pos;
    private boolean done;
    private long verifiedEnd;

    ReadAheadInputStream(InflatedInput source) {
        this.source = source;
        for (int i = 0; i < CHUNKS; i++) {
            free.add(new byte[CHUNK]);
        }
        filler = new Thread(this::fill, "trailhound-inflate");
        filler.setDaemon(true);
        filler.start();
    }

    private void fill() {
        try {
            while (true) {
                byte[] b = free.take();
                int n = 0;
                IOException error = null;
                try {
                    while (n < b.length) {
                        int r = source.read(b, n, b.length - n);
                        if (r < 0) {
                            break;
                        }
                        n += r;
                    }
                } catch (IOException e) {
                    error = e;
                }
                long verified = source.verifiedEnd();
                if (n > 0) {
                    full.put(new Chunk(b, n, null, verified));
                } else {
                    free.add(b);
                }
                if (error instanceof Decompressor.CorruptGzipException) {
                    full.put(new Chunk(null, 0, error, verified)); // reported, then reading goes on
                } else if (error != null || n < b.length) {
                    full.put(new Chunk(null, -1, error, verified));
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public long verifiedEnd() {
        return verifiedEnd;
    }

    private boolean next() throws IOException {
        if (done) {
            return false;
        }
        if (current != null && current.data != null) {
            free.offer(current.data);
        }
        try {
            current = full.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading ahead");
        }
        pos = 0;
        verifiedEnd = current.verifiedEnd;
        if (current.length <= 0) {
            done = current.length < 0;
            if (current.error != null) {
                throw current.error;
            }
            return false;
        }
        return true;
    }

    @Override
    public int read() throws IOException {
        if ((current == null || current.length <= 0 || pos == current.length) && !next()) {
            return -1;
        }
        return current.data[pos++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if ((current == null || current.length <= 0 || pos == current.length) && !next()) {
            return -1;
        }
        int k = Math.min(len, current.length - pos);
        System.arraycopy(current.data, pos, b, off, k);
        pos += k;
        return k;
    }

    @Override
    public void close() throws IOException {
        filler.interrupt();
        try {
            filler.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        source.close();
    }
}
