package io.trailhound.core.rules.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes of candidates held until the end of a run: records appended one after another, on
 * the heap up to a budget and in a temporary file past it, read back by position. What a held
 * candidate costs in memory then stops growing with the run, as the eventID set does past its
 * budget. One thread.
 */
final class CandidateSpill implements AutoCloseable {
    /** Bytes kept on the heap before the rest goes to the file. */
    static final long HEAP_BYTES = 16L << 20;
    private static final int CHUNK = 1 << 20;
    private static final int BLOCK = 1 << 16;

    private final long heapBudget;
    private final List<byte[]> chunks = new ArrayList<>();
    /** Where the heap's records end; the file's positions start there. */
    private long heapEnd;
    private boolean spilling;
    private Path file;
    private FileChannel channel;
    private final ByteBuffer pending = ByteBuffer.allocate(BLOCK);
    private long fileEnd;
    /** One block of the file read back, at {@link #blockAt}. */
    private final ByteBuffer block = ByteBuffer.allocate(BLOCK);
    private long blockAt = -1;
    private byte[] record = new byte[256];

    CandidateSpill(long heapBudget) {
        this.heapBudget = heapBudget;
    }

    /** Appends {@code len} bytes of {@code b}; returns the record's position. */
    long append(byte[] b, int len) {
        if (!spilling && heapEnd + len + 4 <= heapBudget) {
            long at = heapEnd;
            heapInt(len);
            heapBytes(b, 0, len);
            return at;
        }
        spilling = true;
        try {
            long at = heapEnd + fileEnd;
            if (pending.remaining() < len + 4) {
                drain();
            }
            if (len + 4 > pending.capacity()) {
                channel().write(ByteBuffer.allocate(4).putInt(0, len), fileEnd);
                channel().write(ByteBuffer.wrap(b, 0, len), fileEnd + 4);
            } else {
                pending.putInt(len).put(b, 0, len);
            }
            fileEnd += len + 4;
            return at;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write held rule candidates to " + file, e);
        }
    }

    /** The record at {@code at}, in an array reused by the next read (its length is {@code length[0]}). */
    byte[] read(long at, int[] length) {
        if (at < heapEnd) {
            int len = heapInt(at);
            ensure(len);
            heapCopy(at + 4, record, len);
            length[0] = len;
            return record;
        }
        try {
            drain();
            long pos = at - heapEnd;
            int len = fileBytes(pos, 4, true) ? block.getInt((int) (pos - blockAt)) : readInt(pos);
            ensure(len);
            if (fileBytes(pos + 4, len, false)) {
                block.get((int) (pos + 4 - blockAt), record, 0, len);
            } else {
                ByteBuffer dst = ByteBuffer.wrap(record, 0, len);
                while (dst.hasRemaining()) {
                    if (channel.read(dst, pos + 4 + dst.position()) < 0) {
                        throw new IOException("unexpected end of " + file);
                    }
                }
            }
            length[0] = len;
            return record;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read held rule candidates from " + file, e);
        }
    }

    /** Bytes in the file (0 while everything fits on the heap). */
    long fileBytes() {
        return fileEnd;
    }

    @Override
    public void close() {
        chunks.clear();
        if (channel != null) {
            try {
                channel.close();
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + file, e);
            } finally {
                channel = null;
            }
        }
    }

    /** Whether {@code [pos, pos + len)} is in the block (loaded at {@code pos} when not and {@code load}). */
    private boolean fileBytes(long pos, int len, boolean load) throws IOException {
        if (blockAt >= 0 && pos >= blockAt && pos + len <= blockAt + block.limit()) {
            return true;
        }
        if (!load && len > BLOCK) {
            return false;
        }
        block.clear();
        while (block.hasRemaining() && pos + block.position() < fileEnd) {
            if (channel.read(block, pos + block.position()) < 0) {
                break;
            }
        }
        block.flip();
        blockAt = pos;
        return pos + len <= blockAt + block.limit();
    }

    private int readInt(long pos) throws IOException {
        ByteBuffer four = ByteBuffer.allocate(4);
        while (four.hasRemaining()) {
            if (channel.read(four, pos + four.position()) < 0) {
                throw new IOException("unexpected end of " + file);
            }
        }
        return four.getInt(0);
    }

    private void drain() throws IOException {
        if (pending.position() == 0) {
            return;
        }
        pending.flip();
        long at = fileEnd - pending.remaining();
        while (pending.hasRemaining()) {
            at += channel().write(pending, at);
        }
        pending.clear();
        blockAt = -1; // the block may have read past what was written then
    }

    private FileChannel channel() throws IOException {
        if (channel == null) {
            file = Files.createTempFile("trailhound-candidates-", ".bin");
            file.toFile().deleteOnExit();
            channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        }
        return channel;
    }

    private void ensure(int len) {
        if (record.length < len) {
            record = new byte[Math.max(len, record.length * 2)];
        }
    }

    private void heapInt(int v) {
        byte[] four = {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
        heapBytes(four, 0, 4);
    }

    private int heapInt(long at) {
        byte[] four = new byte[4];
        heapCopy(at, four, 4);
        return ((four[0] & 0xff) << 24) | ((four[1] & 0xff) << 16) | ((four[2] & 0xff) << 8) | (four[3] & 0xff);
    }

    private void heapBytes(byte[] b, int off, int len) {
        while (len > 0) {
            int chunk = (int) (heapEnd / CHUNK);
            int in = (int) (heapEnd % CHUNK);
            if (chunk == chunks.size()) {
                chunks.add(new byte[CHUNK]);
            }
            int n = Math.min(len, CHUNK - in);
            System.arraycopy(b, off, chunks.get(chunk), in, n);
            heapEnd += n;
            off += n;
            len -= n;
        }
    }

    private void heapCopy(long at, byte[] dst, int len) {
        int off = 0;
        while (len > 0) {
            int chunk = (int) (at / CHUNK);
            int in = (int) (at % CHUNK);
            int n = Math.min(len, CHUNK - in);
            System.arraycopy(chunks.get(chunk), in, dst, off, n);
            at += n;
            off += n;
            len -= n;
        }
    }

    @Override
    public String toString() {
        return "CandidateSpill[heap " + heapEnd + " bytes, file " + fileEnd + " bytes" + (file == null ? "" : " in " + file)
                + "]";
    }
}
