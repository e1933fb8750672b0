package io.trailhound.core.rules.engine;

import io.trailhound.core.alert.AlertEvent;
import io.trailhound.core.identity.Attribution;
import io.trailhound.core.rules.ir.RowQuery;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the {@link QueryCandidates} of one run hold, as bytes: each candidate's rows (as the query
 * writes them for the Flink job) with where its event is, and each event once (the fields an alert
 * shows, {@link CandidateBytes}), whatever number of rules made it a candidate, in a
 * {@link CandidateSpill}. Most of those bytes come made from the reading thread
 * ({@link CandidateBytes.Prepared}); the store adds the event's file, by number (one string for
 * all the events of a file). Attributions by number, one per credential answer (events of one
 * credential share it). Written by one thread; read back by {@link FinishJobs}' two, one at a time.
 */
final class CandidateStore implements AutoCloseable {
    /** Files remembered at most, and the longest name remembered. */
    private static final int WORDS = 1 << 14;
    private static final int LONGEST_WORD = 1024;

    private final CandidateSpill spill;
    private final Map<String, Integer> wordNumbers = new HashMap<>();
    private final List<String> words = new ArrayList<>();
    private final Map<Attribution, Integer> attributionNumbers = new IdentityHashMap<>();
    private final List<Attribution> attributions = new ArrayList<>();
    private final CandidateBytes.Sink out = new CandidateBytes.Sink(512);
    private final int[] length = new int[1];
    /** The file of the event last written and its number (-1: not remembered). */
    private String lastFile;
    private int lastFileNumber = -1;
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
    /** Where the event last seen is, once one of its candidates wrote it (-1: not yet). */
    private long lastEventAt = -1;
    private final Map<RowQuery, Written> writtenForEvent = new IdentityHashMap<>();

    private record Written(long at, Object rows) {
    }

    /** As {@link #write(AlertEvent, RowQuery, Object, CandidateBytes.Prepared)}, with nothing prepared. */
    long write(AlertEvent e, RowQuery query, Object rows) {
        return write(e, query, rows, null);
    }

    /**
     * Writes the event and rows of one candidate, from {@code prepared} when given (its bytes as the
     * reading thread made them); returns where. The same event with the same rows of the same query
     * (one query loaded twice: the detector makes its rows once per event) is written once, so the
     * rules' held inputs are equal and {@link QueryRuns} runs their windows once.
     */
    long write(AlertEvent e, RowQuery query, Object rows, CandidateBytes.Prepared prepared) {
        if (e != lastEvent) {
            lastEvent = e;
            lastEventAt = -1;
            writtenForEvent.clear();
        } else {
            Written w = writtenForEvent.get(query);
            if (w != null && w.rows() == rows) {
                return w.at();
            }
        }
        try {
            if (lastEventAt < 0) {
                lastEventAt = appendEvent(e, prepared == null ? null : prepared.event());
            }
            long at = appendRows(lastEventAt, query, rows, prepared == null ? null : prepared.rows());
            writtenForEvent.put(query, new Written(at, rows));
            return at;
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot keep a rule candidate", ex); // an array does not throw
        }
    }

    /** An event's record: its file, then the rest ({@code made} by the reading thread, or made here). */
    private long appendEvent(AlertEvent e, byte[] made) {
        out.reset();
        file(e.file());
        if (made != null) {
            out.write(made);
        } else {
            CandidateBytes.event(e, out);
        }
        return spill.append(out.array(), out.size());
    }

    /** A candidate's record: where its event is, then its rows as the query writes them. */
    private long appendRows(long eventAt, RowQuery query, Object rows, byte[] made) throws IOException {
        out.reset();
        out.writeLong(eventAt);
        if (made != null) {
            out.write(made);
            return spill.append(out.array(), out.size());
        }
        boolean keep = !query.writesRowsExactly() && !utf8Safe(rows);
        if (!keep) {
            query.writeRows(rows, out);
        }
        long at = spill.append(out.array(), out.size());
        if (keep) {
            rowsKept.put(at, rows);
        }
        return at;
    }

    /** The event of the candidate at {@code at}. */
    synchronized AlertEvent event(long at) {
        byte[] b = spill.read(at, length);
        b = spill.read(longAt(b), length);
        try {
            DataInputStream in = new DataInputStream(new BytesIn(b, 0, length[0]));
            int tag = in.readByte();
            String file = tag == CandidateBytes.WORD ? words.get(in.readInt()) : CandidateBytes.text(tag, in);
            return CandidateBytes.readEvent(in, file);
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
        try {
            return query.readRows(new DataInputStream(new BytesIn(b, Long.BYTES, length[0] - Long.BYTES)));
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

    /**
     * An event's file: by number once remembered (the reader gives all the events of a file one
     * string, so the last file is known without a lookup), else as it is.
     */
    private void file(String s) {
        if (s != null && s == lastFile) {
            out.writeByte(CandidateBytes.WORD);
            out.writeInt(lastFileNumber);
            return;
        }
        Integer k = s == null ? null : wordNumbers.get(s);
        if (k == null && s != null && words.size() < WORDS && s.length() <= LONGEST_WORD) {
            k = words.size();
            words.add(s);
            wordNumbers.put(s, k);
        }
        lastFile = k == null ? null : s;
        lastFileNumber = k == null ? -1 : k;
        if (k == null) {
            CandidateBytes.text(s, out);
            return;
        }
        out.writeByte(CandidateBytes.WORD);
        out.writeInt(k);
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

    private static long longAt(byte[] b) {
        long v = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            v = v << 8 | (b[i] & 0xff);
        }
        return v;
    }

    private static UncheckedIOException unreadable(IOException e) {
        return new UncheckedIOException("cannot read back a held rule candidate", e);
    }
}
