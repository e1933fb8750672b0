package io.trailhound.core.output.parquet;

import java.io.IOException;
import java.util.Arrays;

/**
 * The values of one column in the open row group, and how they become pages. Each subclass keeps
 * its values in primitive arrays or one byte buffer (no object per value) and its min/max for the
 * chunk's statistics. Definition levels (1 value, 0 null) only for an optional column.
 */
abstract class ColumnWriter {
    /** Pages are cut at about this many bytes of values. */
    static final int PAGE_BYTES = 1 << 20;
    /** Min/max longer than this are left out of the statistics (readers then just do not prune on it). */
    static final int MAX_STAT_BYTES = 1024;

    final ParquetColumn column;
    int rows;
    int nulls;
    private int[] defs;
    /**
     * Pages of the open row group already cut and compressed ({@link #encodePendingPage}, {@link #sealed}): their bodies back to
     * back, and per page its rows, uncompressed and compressed size. Rows before {@link #sealedRows}
     * (values before {@link #sealedValues}) are in them and no longer held as values.
     */
    private ByteSink sealedBodies;
    private int[] sealedPages = new int[3 * 8];
    private int sealedCount;
    int sealedRows;
    int sealedValues;

    ColumnWriter(ParquetColumn column) {
        this.column = column;
        defs = column.required() ? null : new int[1024];
    }

    static ColumnWriter of(ParquetColumn c) {
        return switch (c.type()) {
            case TIMESTAMP_MILLIS, TIMESTAMP_MILLIS_NO_ZONE, INT64 -> new LongColumn(c);
            case INT32 -> new IntColumn(c);
            case BOOLEAN -> new BooleanColumn(c);
            case STRING -> new StringColumn(c);
        };
    }

    final void addNull() {
        if (defs == null) {
            throw new IllegalArgumentException("column " + column.name() + " is required: it cannot hold null");
        }
        level(0);
        nulls++;
    }

    /** Records one present value's row (called by the subclass's add). */
    final void present() {
        if (defs != null) {
            level(1);
        } else {
            rows++;
        }
    }

    private void level(int d) {
        if (rows == defs.length) {
            defs = Arrays.copyOf(defs, rows * 2);
        }
        defs[rows++] = d;
    }

    final int values() {
        return rows - nulls;
    }

    /** Bytes held for the open row group (what bounds its size). */
    abstract long bufferedBytes();

    /** Bytes value {@code i} (of the present ones) takes in a PLAIN page (an estimate is fine for page cuts). */
    abstract int valueBytes(int i);

    /** Appends values [from, to) (present ones) as the page encoding expects them. */
    abstract void encodeValues(int from, int to, ByteSink out);

    /** The data pages' value encoding: 0 PLAIN or 8 RLE_DICTIONARY. */
    int valueEncoding() {
        return 0;
    }

    /** Writes the dictionary page when the chunk uses one; called before the data pages. */
    void writeDictionary(PageOut out) throws IOException {
    }

    /** Statistics as Parquet stores them: PLAIN bytes of min and max (no length prefix), or null when left out. */
    abstract byte[] min();

    abstract byte[] max();

    /** Decides how the chunk is encoded, before any page is written (a dictionary that does not pay is dropped). */
    void prepare() {
    }

    /** Forgets the row group's values; the buffers stay for the next one. */
    void clear() {
        rows = 0;
        nulls = 0;
        sealedRows = 0;
        sealedValues = 0;
        sealedCount = 0;
        if (sealedBodies != null) {
            sealedBodies.reset();
        }
    }

    /** Ready for another file: as new, keeping the buffers. */
    void newFile() {
        clear();
    }

    /**
     * Whether this column's pages may be cut as its values come ({@link #sealed}), so a row group of
     * large values (the raw record) holds about one page of them uncompressed instead of all: a PLAIN
     * column without a bloom filter (a dictionary's pages and a bloom filter need every value at the end).
     */
    boolean sealable() {
        return false;
    }

    /** Bytes of values held since the last sealed page (PLAIN entry sizes): a page is cut when they reach {@link #PAGE_BYTES}. */
    long pendingPageBytes() {
        return 0;
    }

    /**
     * Encodes the rows since the last sealed page as one data page body into {@code page} (reset
     * first); returns its row count. {@link #sealed} then takes the page compressed.
     */
    final int encodePendingPage(ByteSink page) {
        page.reset();
        encodePage(sealedRows, rows, sealedValues, values(), page);
        return rows - sealedRows;
    }

    /** Keeps the page {@link #encodePendingPage} made, compressed ({@code body}, {@code length} bytes), and drops its values. */
    final void sealed(byte[] body, int length, int uncompressedSize, int pageRows) {
        if (sealedBodies == null) {
            sealedBodies = new ByteSink(Math.max(1 << 12, length * 2));
        }
        if (3 * sealedCount + 3 > sealedPages.length) {
            sealedPages = Arrays.copyOf(sealedPages, sealedPages.length * 2);
        }
        sealedPages[3 * sealedCount] = pageRows;
        sealedPages[3 * sealedCount + 1] = uncompressedSize;
        sealedPages[3 * sealedCount + 2] = length;
        sealedCount++;
        sealedBodies.write(body, 0, length);
        sealedRows = rows;
        sealedValues = values();
        dropSealedValues();
    }

    /** Forgets the values now in sealed pages (their statistics stay); only a {@link #sealable} column seals. */
    void dropSealedValues() {
        throw new UnsupportedOperationException("column " + column.name() + " does not cut pages as it goes");
    }

    /** Writes the chunk's pages, about {@link #PAGE_BYTES} of values each: the sealed ones, then the rest. */
    final void writePages(PageOut out, ByteSink page) throws IOException {
        writeDictionary(out);
        for (int i = 0, at = 0; i < sealedCount; i++) {
            int length = sealedPages[3 * i + 2];
            out.compressedDataPage(sealedBodies.array(), at, length, sealedPages[3 * i + 1], sealedPages[3 * i], valueEncoding());
            at += length;
        }
        int row = sealedRows;
        int value = sealedValues;
        if (sealedCount > 0 && row == rows) {
            return;
        }
        do {
            int rowEnd = row;
            int valueEnd = value;
            long bytes = 0;
            while (rowEnd < rows && bytes < PAGE_BYTES) {
                if (defs == null || defs[rowEnd] == 1) {
                    bytes += valueBytes(valueEnd++);
                }
                rowEnd++;
            }
            page.reset();
            encodePage(row, rowEnd, value, valueEnd, page);
            out.dataPage(page, rowEnd - row, valueEncoding());
            row = rowEnd;
            value = valueEnd;
        } while (row < rows);
    }

    /** A data page body: the definition levels of rows [row, rowEnd) (optional columns), then values [value, valueEnd). */
    private void encodePage(int row, int rowEnd, int value, int valueEnd, ByteSink page) {
        if (defs != null) {
            int lengthAt = page.size();
            page.intLE(0);
            RleHybrid.encode(defs, row, rowEnd, 1, page);
            page.putIntLE(lengthAt, page.size() - lengthAt - 4);
        }
        encodeValues(value, valueEnd, page);
    }

    /** Where pages go: the file writer compresses them and writes header and body. */
    interface PageOut {
        void dataPage(ByteSink body, int numValues, int encoding) throws IOException;

        /** A data page compressed when it was cut ({@link #sealed}), {@code length} bytes of {@code body} from {@code off}. */
        void compressedDataPage(byte[] body, int off, int length, int uncompressedSize, int numValues, int encoding) throws IOException;

        void dictionaryPage(ByteSink body, int numValues) throws IOException;
    }
}
