package io.trailhound.core.rules.engine;

import io.trailhound.core.alert.AlertEvent;
import io.trailhound.core.rules.ir.AsciiText;
import io.trailhound.core.rules.ir.RowQuery;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The bytes a windowed query's candidate is held as ({@link CandidateStore}): its event's fields
 * and its rows as the query writes them. Made in the reading thread that found the candidate
 * ({@link #prepare}), where the event's strings and the rows were just made and sit in that core's
 * cache: the consumer thread, which every reading thread's events pass through one at a time,
 * then only copies one array instead of reading some twenty fresh objects made on another core.
 */
final class CandidateBytes {
    static final int NULL = 0, WORD = 1, ASCII = 2, CHARS = 3;

    /**
     * A candidate's bytes made in the reading thread: its event's (every field but the file, which
     * the store writes by number; shared by the event's candidates), its rows' and what the query's
     * {@link RowQuery.Needs} said of them (0 when it has none).
     */
    record Prepared(byte[] event, byte[] rows, long described) {
    }

    /**
     * Each reading thread's array to write a candidate's bytes in before they are copied out at
     * their size: no new array, grown again, per candidate. Used by one call at a time.
     */
    private static final ThreadLocal<Sink> SCRATCH = ThreadLocal.withInitial(() -> new Sink(1024));

    private CandidateBytes() {
    }

    /** This thread's scratch array, empty; one that a rare huge candidate grew past a megabyte is let go. */
    private static Sink scratch() {
        Sink out = SCRATCH.get();
        if (out.array().length > 1 << 20) {
            out = new Sink(1024);
            SCRATCH.set(out);
        }
        out.reset();
        return out;
    }

    /**
     * The candidate of {@code query} with {@code rows}, {@code event} being the bytes of its event
     * ({@link #event}); null when the query's codec may not give its rows back exactly (the store
     * looks at those itself).
     */
    static Prepared prepare(byte[] event, RowQuery query, Object rows) {
        if (!query.writesRowsExactly()) {
            return null;
        }
        Sink out = scratch();
        try {
            query.writeRows(rows, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a rule candidate's rows", e); // an array does not throw
        }
        RowQuery.Needs needs = query.needs();
        return new Prepared(event, out.toByteArray(), needs == null ? 0 : describe(needs, rows));
    }

    /** What {@code needs} says of {@code rows}; {@link RowQuery.Needs#KEEP} when it cannot tell. */
    static long describe(RowQuery.Needs needs, Object rows) {
        try {
            return needs.describe(rows);
        } catch (RuntimeException e) {
            return RowQuery.Needs.KEEP; // the windows run it and count the failure
        }
    }

    /** The event's fields but its file, as {@link #readEvent} reads them. */
    static byte[] event(AlertEvent e) {
        Sink out = scratch();
        event(e, out);
        return out.toByteArray();
    }

    static void event(AlertEvent e, Sink out) {
        out.writeLong(e.timeMillis());
        text(e.time(), out);
        text(e.eventID(), out);
        text(e.eventSource(), out);
        text(e.eventName(), out);
        text(e.awsRegion(), out);
        text(e.recipientAccountId(), out);
        text(e.sourceIPAddress(), out);
        text(e.identityType(), out);
        text(e.principalArn(), out);
        out.writeLong(e.offset());
        text(e.accessKeyId(), out);
    }

    /** The event {@link #event} wrote, with its {@code file}. */
    static AlertEvent readEvent(DataInput in, String file) throws IOException {
        long millis = in.readLong();
        String time = text(in);
        String eventID = text(in);
        String source = text(in);
        String name = text(in);
        String region = text(in);
        String account = text(in);
        String ip = text(in);
        String identityType = text(in);
        String arn = text(in);
        long offset = in.readLong();
        return new AlertEvent(millis, time, eventID, source, name, region, account, ip, identityType, arn, file, offset,
                text(in));
    }

    /**
     * A text as it is: its bytes when ASCII ({@link AsciiText}), else its characters (a log field
     * may hold a lone surrogate, which UTF-8 would not give back).
     */
    static void text(String s, Sink out) {
        if (s == null) {
            out.writeByte(NULL);
            return;
        }
        boolean ascii = AsciiText.is(s);
        out.writeByte(ascii ? ASCII : CHARS);
        out.writeInt(s.length());
        if (ascii) {
            out.writeBytes(s);
        } else {
            out.writeChars(s);
        }
    }

    /** A text {@link #text(String, Sink)} wrote (not a word: the store reads those). */
    static String text(DataInput in) throws IOException {
        return text(in.readByte(), in);
    }

    static String text(int tag, DataInput in) throws IOException {
        if (tag == NULL) {
            return null;
        }
        int n = in.readInt();
        if (tag == ASCII) {
            byte[] b = new byte[n];
            in.readFully(b);
            return new String(b, StandardCharsets.ISO_8859_1);
        }
        if (tag != CHARS) {
            throw new IOException("unknown text tag " + tag);
        }
        char[] c = new char[n];
        for (int i = 0; i < n; i++) {
            c[i] = in.readChar();
        }
        return new String(c);
    }

    /**
     * A growing byte array written big-endian as {@link java.io.DataOutputStream} writes, without
     * its lock on every write and its byte-at-a-time calls.
     */
    static final class Sink implements DataOutput {
        private byte[] buf;
        private int size;

        Sink(int capacity) {
            buf = new byte[capacity];
        }

        void reset() {
            size = 0;
        }

        int size() {
            return size;
        }

        /** The array written to (valid up to {@link #size}), handed on without a copy. */
        byte[] array() {
            return buf;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, size);
        }

        private void room(int n) {
            if (size + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
            }
        }

        @Override
        public void write(int b) {
            room(1);
            buf[size++] = (byte) b;
        }

        @Override
        public void write(byte[] b) {
            write(b, 0, b.length);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            room(len);
            System.arraycopy(b, off, buf, size, len);
            size += len;
        }

        @Override
        public void writeBoolean(boolean v) {
            write(v ? 1 : 0);
        }

        @Override
        public void writeByte(int v) {
            write(v);
        }

        @Override
        public void writeShort(int v) {
            room(2);
            buf[size++] = (byte) (v >>> 8);
            buf[size++] = (byte) v;
        }

        @Override
        public void writeChar(int v) {
            writeShort(v);
        }

        @Override
        public void writeInt(int v) {
            room(4);
            buf[size++] = (byte) (v >>> 24);
            buf[size++] = (byte) (v >>> 16);
            buf[size++] = (byte) (v >>> 8);
            buf[size++] = (byte) v;
        }

        @Override
        public void writeLong(long v) {
            writeInt((int) (v >>> 32));
            writeInt((int) v);
        }

        @Override
        public void writeFloat(float v) {
            writeInt(Float.floatToIntBits(v));
        }

        @Override
        public void writeDouble(double v) {
            writeLong(Double.doubleToLongBits(v));
        }

        @Override
        @SuppressWarnings("deprecation") // the low byte of each character, as writeBytes means: a copy, for a byte-coded text
        public void writeBytes(String s) {
            int n = s.length();
            room(n);
            s.getBytes(0, n, buf, size);
            size += n;
        }

        @Override
        public void writeChars(String s) {
            room(2 * s.length());
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                buf[size++] = (byte) (c >>> 8);
                buf[size++] = (byte) c;
            }
        }

        @Override
        public void writeUTF(String s) throws IOException {
            // Modified UTF-8 is DataOutputStream's own; borrow it through a stream over this sink.
            java.io.DataOutputStream d = new java.io.DataOutputStream(new java.io.OutputStream() {
                @Override
                public void write(int b) {
                    Sink.this.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    Sink.this.write(b, off, len);
                }
            });
            d.writeUTF(s);
        }
    }
}
