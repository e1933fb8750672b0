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
    /** What UTF-8 encoding writes for a character it cannot encode (a lone surrogate). */
    private static final byte QUESTION_MARK = '?';
    /** The field slot of a text that rarely repeats (a time, an eventID): written as it is, never looked up. */
    private static final int ONCE = -1;
    /** Event fields whose text may repeat, each with a slot in {@link #lastText}. */
    private static final int REPEATING_FIELDS = 9;

    private final CandidateSpill spill;
    private final Map<String, Integer> wordNumbers = new HashMap<>();
    private final List<String> words = new ArrayList<>();
    /**
     * Per field, the last text found among the words and its number. Consecutive candidates mostly
     * share a file, account, region, source and principal, and the decoder gives each event its
     * own strings: comparing with the last one is a vectorised equals, where the map would first
     * hash the whole string (String.hashCode is a serial loop; a file path or an ARN is 60-150 chars).
     */
    private final String[] lastText = new String[REPEATING_FIELDS];
    private final int[] lastWord = new int[REPEATING_FIELDS];
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
            text(e.time(), ONCE);
            text(e.eventID(), ONCE);
            text(e.eventSource(), 0);
            text(e.eventName(), 1);
            text(e.awsRegion(), 2);
            text(e.recipientAccountId(), 3);
            text(e.sourceIPAddress(), 4);
            text(e.identityType(), 5);
            text(e.principalArn(), 6);
            text(e.file(), 7);
            out.writeLong(e.offset());
            text(e.accessKeyId(), 8);
            int rowsStart = bytes.size();
            bytes.putInt(0, rowsStart);
            query.writeRows(rows, out);
            out.flush();
            // UTF-8 gives back every string but one with a lone surrogate, which the encoder writes as
            // '?': rows whose bytes have no '?' need no look at their strings (most have none; a '?'
            // in a text, a length of 63 or a number's byte sends them to the exact check).
            boolean keep = bytes.has(QUESTION_MARK, rowsStart) && !utf8Safe(rows);
            if (keep) {
                bytes.truncate(rowsStart); // held as they are instead
            }
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

    /** Writes {@code s}, by number when it is one of the words; {@code field} is its slot, or {@link #ONCE}. */
    private void text(String s, int field) throws IOException {
        if (s == null) {
            out.writeByte(NULL);
            return;
        }
        if (field != ONCE) {
            if (s.equals(lastText[field])) {
                out.writeByte(WORD);
                out.writeInt(lastWord[field]);
                return;
            }
            Integer k = wordNumbers.get(s);
            if (k == null && words.size() < WORDS && s.length() <= LONGEST_WORD) {
                k = words.size();
                words.add(s);
                wordNumbers.put(s, k);
            }
            if (k != null) {
                lastText[field] = s;
                lastWord[field] = k;
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

    /**
     * Whether every string in {@code v} (rows: arrays and lists of values) has no surrogate, so UTF-8
     * gives it back as it was (a valid pair would too; rare enough not to tell apart).
     */
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

    /**
     * A byte buffer whose array is handed on without a copy, written by one thread without a lock:
     * {@link DataOutputStream} writes most values a byte at a time, and the inherited {@code write}
     * takes the stream's monitor for each.
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

        /** Whether byte {@code b} is among those from {@code from} on. */
        boolean has(byte b, int from) {
            for (int i = from; i < count; i++) {
                if (buf[i] == b) {
                    return true;
                }
            }
            return false;
        }

        /** Forgets the bytes from {@code size} on. */
        void truncate(int size) {
            count = size;
        }

        void putInt(int at, int v) {
            buf[at] = (byte) (v >>> 24);
            buf[at + 1] = (byte) (v >>> 16);
            buf[at + 2] = (byte) (v >>> 8);
            buf[at + 3] = (byte) v;
        }
    }
}
