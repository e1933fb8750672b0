package io.trailhound.core.output.parquet;

import java.io.IOException;
import java.util.Arrays;

/**
 * BYTE_ARRAY (UTF-8 strings) values. Kept PLAIN-encoded (4-byte length, bytes) in one buffer, or,
 * for a column that asks for a dictionary, as indices into the distinct values seen. A dictionary
 * is given up, and the chunk goes on PLAIN, when it grows too big, when it does not make the
 * first {@link #EARLY_CHECK_VALUES} values of a chunk smaller (nearly unique values: hashing each
 * would buy nothing), or at flush when it does not make the chunk smaller. A column that gave its
 * dictionary up writes its next chunks of the file PLAIN, without hashing, and tries a dictionary
 * again after {@link #PLAIN_CHUNKS_FIRST} chunks (twice as many after each try that fails, at most
 * {@link #PLAIN_CHUNKS_MAX}); as with other Parquet writers, a file may so hold dictionary and
 * PLAIN chunks of one column, which readers read alike. A new file starts with a dictionary (its
 * values may differ: another partition), keeping the count of the last give-up.
 */
final class StringColumn extends ColumnWriter {
    /** A dictionary past either bound is dropped: Parquet readers expect dictionaries of modest size. */
    static final int MAX_DICTIONARY_ENTRIES = 1 << 16;
    static final int MAX_DICTIONARY_BYTES = 1 << 20;
    /** Values into a chunk at which its dictionary must already pay (see {@link #dictionaryPays}), or is given up. */
    static final int EARLY_CHECK_VALUES = 1024;
    /** Chunks a column writes PLAIN after it gave a dictionary up, before it tries one again. */
    static final int PLAIN_CHUNKS_FIRST = 4;
    /** At most this many PLAIN chunks between tries (the count doubles after each try that fails). */
    static final int PLAIN_CHUNKS_MAX = 64;

    private final ByteSink plain = new ByteSink(1 << 16);
    /** Where each held PLAIN value starts in {@link #plain}: value {@code i} at {@code starts[i - sealedValues]}. */
    private int[] starts = new int[1024];
    private int minAt = -1;
    private int maxAt = -1;
    /** Min and max once the values they were in went into a sealed page (null: none, or still held at minAt/maxAt). */
    private byte[] sealedMin;
    private byte[] sealedMax;
    /** PLAIN bytes of the values in sealed pages: the row group's size counts them as before they were sealed. */
    private long sealedPlainBytes;

    private boolean dictionaryMode;
    private final DictionaryIds ids = new DictionaryIds();
    private final ByteSink dictionary = new ByteSink(1 << 12);
    private int[] dictionaryStarts = new int[256];
    private int[] indices;
    private long plainBytes;
    private String lastValue;
    private int lastId = -1;
    /** PLAIN chunks still to write before the next try of a dictionary, and how many after the next give-up. */
    private int plainChunksLeft;
    private int plainChunksNext = PLAIN_CHUNKS_FIRST;

    StringColumn(ParquetColumn c) {
        super(c);
        dictionaryMode = c.dictionary();
        indices = dictionaryMode ? new int[1024] : null;
    }

    boolean dictionaryMode() {
        return dictionaryMode;
    }

    void add(String s) {
        if (dictionaryMode) {
            // Rows come in runs (one file: one account, one source file, often one caller): the last
            // value's id, when it is the same, spares hashing the string.
            int id = s == lastValue || s.equals(lastValue) ? lastId : ids.get(s);
            if (id < 0) {
                if (ids.size() >= MAX_DICTIONARY_ENTRIES || dictionary.size() >= MAX_DICTIONARY_BYTES) {
                    giveUp();
                    add(s);
                    return;
                }
                id = ids.add(s);
                if (id == dictionaryStarts.length) {
                    dictionaryStarts = Arrays.copyOf(dictionaryStarts, id * 2);
                }
                dictionaryStarts[id] = dictionary.size();
                appendPlain(dictionary, s);
            }
            int n = values();
            if (n == indices.length) {
                indices = Arrays.copyOf(indices, n * 2);
            }
            indices[n] = id;
            lastValue = s;
            lastId = id;
            plainBytes += entryLength(dictionary, dictionaryStarts[id]);
            present();
            if (n == EARLY_CHECK_VALUES - 1 && !dictionaryPays()) {
                giveUp(); // (nearly) unique values: the rest of the chunk is not hashed
            }
            return;
        }
        int at = plain.size();
        appendPlain(plain, s);
        added(at);
    }

    /** A value already in UTF-8 (the raw record as read): no decoding and encoding again. */
    void add(byte[] utf8, int off, int len) {
        if (dictionaryMode) {
            add(new String(utf8, off, len, java.nio.charset.StandardCharsets.UTF_8));
            return;
        }
        int at = plain.size();
        plain.intLE(len);
        plain.write(utf8, off, len);
        added(at);
    }

    private static void appendPlain(ByteSink to, String s) {
        int at = to.size();
        to.intLE(0);
        to.putIntLE(at, to.utf8(s));
    }

    private static int entryLength(ByteSink b, int at) {
        return 4 + b.readIntLE(at);
    }

    private void added(int at) {
        int n = values() - sealedValues;
        if (n == starts.length) {
            starts = Arrays.copyOf(starts, n * 2);
        }
        starts[n] = at;
        if (minAt >= 0 ? compare(plain, at, plain, minAt) < 0 : sealedMin == null || compare(plain, at, sealedMin) < 0) {
            minAt = at;
        }
        if (maxAt >= 0 ? compare(plain, at, plain, maxAt) > 0 : sealedMax == null || compare(plain, at, sealedMax) > 0) {
            maxAt = at;
        }
        present();
    }

    /** As {@link #compare(ByteSink, int, ByteSink, int)}, against a value's bytes without their length. */
    private static int compare(ByteSink a, int aAt, byte[] b) {
        int al = a.readIntLE(aAt);
        return Arrays.compareUnsigned(a.array(), aAt + 4, aAt + 4 + al, b, 0, b.length);
    }

    @Override
    boolean sealable() {
        return !dictionaryMode && !column.bloomFilter();
    }

    @Override
    long pendingPageBytes() {
        return plain.size();
    }

    @Override
    void dropSealedValues() {
        if (minAt >= 0) {
            sealedMin = valueAt(minAt);
            minAt = -1;
        }
        if (maxAt >= 0) {
            sealedMax = valueAt(maxAt);
            maxAt = -1;
        }
        sealedPlainBytes += plain.size();
        plain.reset();
    }

    private byte[] valueAt(int at) {
        return Arrays.copyOfRange(plain.array(), at + 4, at + 4 + plain.readIntLE(at));
    }

    /** Unsigned byte-wise order of two PLAIN entries: UTF-8's order, Parquet's order for strings. */
    private static int compare(ByteSink a, int aAt, ByteSink b, int bAt) {
        int al = a.readIntLE(aAt);
        int bl = b.readIntLE(bAt);
        return Arrays.compareUnsigned(a.array(), aAt + 4, aAt + 4 + al, b.array(), bAt + 4, bAt + 4 + bl);
    }

    /** Goes on PLAIN for this chunk and the next few (see the class comment). */
    private void giveUp() {
        toPlain();
        plainChunksLeft = plainChunksNext;
        plainChunksNext = Math.min(PLAIN_CHUNKS_MAX, plainChunksNext * 2);
    }

    /** Whether the dictionary makes the values so far at least a tenth smaller than PLAIN. */
    private boolean dictionaryPays() {
        long encoded = dictionary.size() + (long) values() * bitWidth() / 8 + 16;
        return encoded * 10 <= plainBytes * 9;
    }

    /** Rewrites the row group's values so far as PLAIN and stops using the dictionary. */
    private void toPlain() {
        int n = values();
        int saveRows = rows;
        int saveNulls = nulls;
        dictionaryMode = false;
        plain.reset();
        minAt = -1;
        maxAt = -1;
        for (int i = 0; i < n; i++) {
            int from = dictionaryStarts[indices[i]];
            int at = plain.size();
            plain.write(dictionary.array(), from, entryLength(dictionary, from));
            if (i == starts.length) {
                starts = Arrays.copyOf(starts, i * 2);
            }
            starts[i] = at;
            if (minAt < 0 || compare(plain, at, plain, minAt) < 0) {
                minAt = at;
            }
            if (maxAt < 0 || compare(plain, at, plain, maxAt) > 0) {
                maxAt = at;
            }
        }
        rows = saveRows;
        nulls = saveNulls;
        ids.clear();
        dictionary.reset();
        lastValue = null;
        lastId = -1;
    }

    private int bitWidth() {
        return RleHybrid.bitWidth(Math.max(0, ids.size() - 1));
    }

    @Override
    void prepare() {
        if (dictionaryMode && values() > 0) {
            if (dictionaryPays()) {
                plainChunksNext = PLAIN_CHUNKS_FIRST;
            } else {
                giveUp();
            }
        }
    }

    @Override
    long bufferedBytes() {
        return dictionaryMode ? dictionary.size() + 4L * values() + rows : sealedPlainBytes + plain.size() + 4L * values() + rows;
    }

    /** A chunk of nulls only has no dictionary page: its (empty) pages are PLAIN. */
    private boolean usesDictionary() {
        return dictionaryMode && values() > 0;
    }

    @Override
    int valueBytes(int i) {
        return usesDictionary() ? 1 : entryLength(plain, starts[i - sealedValues]);
    }

    @Override
    int valueEncoding() {
        return usesDictionary() ? 8 : 0;
    }

    @Override
    void writeDictionary(PageOut out) throws IOException {
        if (usesDictionary()) {
            out.dictionaryPage(dictionary, ids.size());
        }
    }

    @Override
    void encodeValues(int from, int to, ByteSink out) {
        if (usesDictionary()) {
            int width = bitWidth();
            out.write(width);
            RleHybrid.encode(indices, from, to, width, out);
        } else if (from < to) {
            int end = to < values() ? starts[to - sealedValues] : plain.size();
            int start = starts[from - sealedValues];
            out.write(plain.array(), start, end - start);
        }
    }

    @Override
    byte[] min() {
        return stat(-1);
    }

    @Override
    byte[] max() {
        return stat(1);
    }

    private byte[] stat(int sign) {
        if (values() == 0) {
            return null;
        }
        ByteSink b = plain;
        int at = sign < 0 ? minAt : maxAt;
        if (!dictionaryMode && at < 0) { // the value is in a sealed page
            byte[] v = sign < 0 ? sealedMin : sealedMax;
            return v.length > MAX_STAT_BYTES ? null : v.clone();
        }
        if (dictionaryMode) {
            b = dictionary;
            at = dictionaryStarts[0];
            for (int id = 1; id < ids.size(); id++) {
                if (Integer.signum(compare(dictionary, dictionaryStarts[id], dictionary, at)) == sign) {
                    at = dictionaryStarts[id];
                }
            }
        }
        int len = b.readIntLE(at);
        return len > MAX_STAT_BYTES ? null : Arrays.copyOfRange(b.array(), at + 4, at + 4 + len);
    }

    /** A bloom filter of the row group's distinct values (as many entries as values, at most: unique values are the case it is for). */
    BloomFilter bloomFilter() {
        if (dictionaryMode) {
            BloomFilter f = new BloomFilter(ids.size());
            for (int id = 0; id < ids.size(); id++) {
                int at = dictionaryStarts[id];
                f.add(dictionary.array(), at + 4, dictionary.readIntLE(at));
            }
            return f;
        }
        int n = values();
        BloomFilter f = new BloomFilter(n);
        for (int i = 0; i < n; i++) {
            f.add(plain.array(), starts[i] + 4, plain.readIntLE(starts[i]));
        }
        return f;
    }

    @Override
    void newFile() {
        clearValues();
        plainChunksLeft = 0;
        if (column.dictionary() && !dictionaryMode) {
            startDictionary();
        }
    }

    /** After a row group: the next chunk takes a dictionary unless the column still writes PLAIN after giving one up. */
    @Override
    void clear() {
        clearValues();
        if (!column.dictionary()) {
            return;
        }
        if (plainChunksLeft > 0) {
            plainChunksLeft--;
            dictionaryMode = false;
        } else if (!dictionaryMode) {
            startDictionary();
        }
    }

    private void startDictionary() {
        dictionaryMode = true;
        ids.clear();
        dictionary.reset();
        lastValue = null;
        lastId = -1;
    }

    private void clearValues() {
        super.clear();
        plain.reset();
        minAt = -1;
        maxAt = -1;
        sealedMin = null;
        sealedMax = null;
        sealedPlainBytes = 0;
        plainBytes = 0;
        if (dictionaryMode) {
            ids.clear();
            dictionary.reset();
            lastValue = null;
            lastId = -1;
        }
    }
}
