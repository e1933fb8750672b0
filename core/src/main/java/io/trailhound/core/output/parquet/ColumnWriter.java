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
    }

    /** Ready for another file: as new, keeping the buffers. */
    void newFile() {
        clear();
    }

    /** Writes the chunk's pages, about {@link #PAGE_BYTES} of values each. */
    final void writePages(PageOut out, ByteSink page) throws IOException {
        writeDictionary(out);
        int row = 0;
        int value = 0;
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
            if (defs != null) {
                int lengthAt = page.size();
                page.intLE(0);
                RleHybrid.encode(defs, row, rowEnd, 1, page);
                page.putIntLE(lengthAt, page.size() - lengthAt - 4);
            }
            encodeValues(value, valueEnd, page);
            out.dataPage(page, rowEnd - row, valueEncoding());
            row = rowEnd;
            value = valueEnd;
        } while (row < rows);
    }

    /** Where pages go: the file writer compresses them and writes header and body. */
    interface PageOut {
        void dataPage(ByteSink body, int numValues, int encoding) throws IOException;

        void dictionaryPage(ByteSink body, int numValues) throws IOException;
    }
}
