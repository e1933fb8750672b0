package io.trailhound.core.rules.engine;

import io.trailhound.core.alert.AlertEvent;
import io.trailhound.core.identity.Attribution;
import io.trailhound.core.rules.ir.RowQuery;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the {@link QueryCandidates} of one run hold, as bytes: each candidate's event (the fields
 * an alert shows) and rows (as the query writes them for the Flink job), in a {@link CandidateSpill};
 * strings that repeat across events (sources, names, regions, accounts, ARNs, files, keys) written
 * once and then by number; attributions by number, one per credential answer (events of one
 * credential share it). Written by one thread; read back by {@link QueryFinish}'s two, one at a time.
 */
final class CandidateStore implements AutoCloseable {
    /** Repeating strings remembered at most, and the longest one remembered. */
    private static final int WORDS = 1 << 14;
    private static final int LONGEST_WORD = 256;
    private static final int NULL = 0, WORD = 1, ASCII = 2, CHARS = 3;

    private final CandidateSpill spill;
    private final Map<String, Integer> wordNumbers = new HashMap<>();
    private final List<String> words = new ArrayList<>();
    private final Map<Attribution, Integer> attributionNumbers = new IdentityHashMap<>();
    private final List<Attribution> attributions = new ArrayList<>();
    private final Bytes bytes = new Bytes();
    private final DataOutputStream out = new DataOutputStream(bytes);
    private final int[] length = new int[1];
    /** Rows holding text the query's row codec (UTF-8) would not give back as it was, by position: kept as they are. */
    private final Map<Long, Object> rowsKept = new HashMap<>();

    CandidateStore(long heapBytes) {
        this.spill = new CandidateSpill(heapBytes);
    }

    /**
     * The candidates written for the event last seen, by query instance: rules running one query
     * instance over one event share its bytes, whatever other rules' candidates of the event come
     * between them (the detector gives an event's candidates in rule order, the copies of a pack
     * after the whole pack).
     */
    private AlertEvent lastEvent;
    private final Map<RowQuery, Written> writtenForEvent = new IdentityHashMap<>();

    private record Written(long at, Object rows) {
    }

    /**
     * Writes the event and rows of one candidate; returns where. The same event with the same rows
     * of the same query (one query loaded twice: the detector makes its rows once per event) is
     * written once, so the rules' held inputs are equal and {@link QueryRuns} runs their windows once.
     */
    long write(AlertEvent e, RowQuery query, Object rows) {
        if (e != lastEvent) {
            lastEvent = e;
            writtenForEvent.clear();
        } else {
            Written w = writtenForEvent.get(query);
            if (w != null && w.rows() == rows) {
                return w.at();
            }
        }
        long at = append(e, query, rows);
        writtenForEvent.put(query, new Written(at, rows));
        return at;
    }

    private long append(AlertEvent e, RowQuery query, Object rows) {
        bytes.reset();
        try {
            out.writeInt(0); // where the rows start, filled in below
            out.writeLong(e.timeMillis());
            text(e.time(), false);
            text(e.eventID(), false);
            text(e.eventSource(), true);
            text(e.eventName(), true);
            text(e.awsRegion(), true);
            text(e.recipientAccountId(), true);
            text(e.sourceIPAddress(), true);
            text(e.identityType(), true);
            text(e.principalArn(), true);
            text(e.file(), true);
            out.writeLong(e.offset());
            text(e.accessKeyId(), true);
            bytes.putInt(0, bytes.size());
            boolean keep = !utf8Safe(rows);
            if (!keep) {
                query.writeRows(rows, out);
            }
            out.flush();
            long at = spill.append(bytes.array(), bytes.size());
            if (keep) {
                rowsKept.put(at, rows);
            }
            return at;
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot keep a rule candidate", ex); // a byte array does not throw
        }
    }

    /** The event of the candidate at {@code at}. */
    synchronized AlertEvent event(long at) {
        byte[] b = spill.read(at, length);
        try {
            DataInputStream in = new DataInputStream(new BytesIn(b, 4, length[0] - 4));
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
            String file = text(in);
            long offset = in.readLong();
            return new AlertEvent(millis, time, eventID, source, name, region, account, ip, identityType, arn, file, offset,
                    text(in));
        } catch (IOException ex) {
            throw unreadable(ex);
        }
    }

    /** The rows of the candidate at {@code at}, as the query wrote them. */
    synchronized Object rows(long at, RowQuery query) {
        if (!rowsKept.isEmpty() && rowsKept.containsKey(at)) {
            return rowsKept.get(at);
        }
        byte[] b = spill.read(at, length);
        int start = ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
        try {
            return query.readRows(new DataInputStream(new BytesIn(b, start, length[0] - start)));
        } catch (IOException ex) {
            throw unreadable(ex);
        }
    }

    /** The number of {@code a} (-1 for none). */
    int attribution(Attribution a) {
        if (a == null) {
            return -1;
        }
        Integer k = attributionNumbers.get(a);
        if (k == null) {
            k = attributions.size();
            attributions.add(a);
            attributionNumbers.put(a, k);
        }
        return k;
    }

    Attribution attribution(int k) {
        return k < 0 ? null : attributions.get(k);
    }

    /** Bytes that went to the temporary file. */
    long spilled() {
        return spill.fileBytes();
    }

    @Override
    public void close() {
        spill.close();
    }

    private void text(String s, boolean repeats) throws IOException {
        if (s == null) {
            out.writeByte(NULL);
            return;
        }
        if (repeats) {
            Integer k = wordNumbers.get(s);
            if (k == null && words.size() < WORDS && s.length() <= LONGEST_WORD) {
                k = words.size();
                words.add(s);
                wordNumbers.put(s, k);
            }
            if (k != null) {
                out.writeByte(WORD);
                out.writeInt(k);
                return;
            }
        }
        // Characters as they are (a log field may hold a lone surrogate, which UTF-8 would not give back).
        boolean ascii = true;
        for (int i = 0; i < s.length() && ascii; i++) {
            ascii = s.charAt(i) < 0x80;
        }
        out.writeByte(ascii ? ASCII : CHARS);
        out.writeInt(s.length());
        if (ascii) {
            out.writeBytes(s);
        } else {
            out.writeChars(s);
        }
    }

    private String text(DataInputStream in) throws IOException {
        int tag = in.readByte();
        if (tag == NULL) {
            return null;
        }
        if (tag == WORD) {
            return words.get(in.readInt());
        }
        int n = in.readInt();
        if (tag == ASCII) {
            byte[] b = new byte[n];
            in.readFully(b);
            return new String(b, StandardCharsets.ISO_8859_1);
        }
        char[] c = new char[n];
        for (int i = 0; i < n; i++) {
            c[i] = in.readChar();
        }
        return new String(c);
    }

    /** Whether every string in {@code v} (rows: arrays and lists of values) has no surrogate, so UTF-8 gives it back as it was. */
    private static boolean utf8Safe(Object v) {
        if (v instanceof String str) {
            for (int i = 0; i < str.length(); i++) {
                if (Character.isSurrogate(str.charAt(i))) {
                    return false;
                }
            }
            return true;
        }
        if (v instanceof Object[] a) {
            for (Object x : a) {
                if (!utf8Safe(x)) {
                    return false;
                }
            }
        } else if (v instanceof List<?> l) {
            for (Object x : l) {
                if (!utf8Safe(x)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** A byte array read by one thread: {@link DataInputStream} reads most values a byte at a time, and the inherited {@code read} locks for each. */
    private static final class BytesIn extends ByteArrayInputStream {
        BytesIn(byte[] b, int offset, int length) {
            super(b, offset, length);
        }

        @Override
        public int read() {
            return pos < count ? buf[pos++] & 0xff : -1;
        }
    }

    private static UncheckedIOException unreadable(IOException e) {
        return new UncheckedIOException("cannot read back a held rule candidate", e);
    }

    /** A byte buffer whose array is handed on without a copy. */
    /**
     * A byte array written by one thread without a lock: {@link DataOutputStream} writes most
     * values a byte at a time, and the inherited {@code write} takes the stream's monitor for each.
     */
    private static final class Bytes extends ByteArrayOutputStream {
        Bytes() {
            super(512);
        }

        @Override
        public void write(int b) {
            if (count == buf.length) {
                buf = java.util.Arrays.copyOf(buf, buf.length * 2);
            }
            buf[count++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (count + len > buf.length) {
                buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, count + len));
            }
            System.arraycopy(b, off, buf, count, len);
            count += len;
        }

        byte[] array() {
            return buf;
        }

        void putInt(int at, int v) {
            buf[at] = (byte) (v >>> 24);
            buf[at + 1] = (byte) (v >>> 16);
            buf[at + 2] = (byte) (v >>> 8);
            buf[at + 3] = (byte) v;
        }
    }
}
