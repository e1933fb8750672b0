package io.trailhound.core.output.parquet;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one Parquet file of a flat schema to a stream, row by row: set each column of a row
 * ({@link #set}, {@link #setNull}), then {@link #endRow}. Rows collect in memory until the row
 * group holds about {@code rowGroupBytes}, then go out as column chunks of data pages (v1),
 * compressed; {@link #close} writes the footer (Thrift compact {@code FileMetaData}) with each
 * chunk's min, max and null count, so readers skip row groups a filter excludes. Memory is one row
 * group. After any write error the writer is failed: {@link #close} then writes no footer and
 * throws, so a failure never leaves a file that looks whole. Not thread-safe.
 */
public final class ParquetFileWriter implements AutoCloseable {
    static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);
    static final String CREATED_BY = "trailhound version 0.1.0 (build parquet-writer-1)";
    /** Row groups of about 64 MB of values by default: large enough for fast scans, one held per open file. */
    public static final long DEFAULT_ROW_GROUP_BYTES = 64L << 20;

    private CountingStream out;
    private final List<ParquetColumn> schema;
    private final ColumnWriter[] columns;
    private final Compression compression;
    private Compression.Compressor compressor;
    private final long rowGroupBytes;
    /** Where pages are encoded and compressed: this writer's own, or shared by the writers of one thread. */
    private final Scratch scratch;
    private final ByteSink page;
    private final ByteSink header = new ByteSink(256);
    private final List<RowGroupMeta> rowGroups = new ArrayList<>();
    /**
     * Whether a column of large values cuts its pages as they fill (see {@link ColumnWriter#sealable}):
     * the same file, with a row group's raw records held compressed instead of whole (measured: the
     * store's event threads held 16 row groups of 4 MB, which young collections copied). Off only to
     * show in a test that the bytes written are the same.
     */
    private final boolean sealPages;
    private int rowsInGroup;
    private long rows;
    private boolean failed;
    private boolean finished;
    private boolean closed;

    public ParquetFileWriter(OutputStream out, List<ParquetColumn> schema, Compression compression, long rowGroupBytes) {
        this(out, schema, compression, rowGroupBytes, true, new Scratch());
    }

    /**
     * A page's buffers, encoded and compressed (each grows to a page, about a megabyte): a writer
     * uses them only while it cuts a page or writes a row group, so the writers of one thread, each
     * with a file open, share one (measured: live heap after a young collection in a 200,000-event
     * store run, 150-190 MB with a pair per open file, 120-125 MB shared; young collections copy it).
     */
    static final class Scratch {
        final ByteSink page = new ByteSink(1 << 16);
        byte[] compressed = new byte[1 << 16];
    }

    /** As the public constructor, with {@code scratch} shared with other writers of the calling thread. */
    ParquetFileWriter(OutputStream out, List<ParquetColumn> schema, Compression compression, long rowGroupBytes, Scratch scratch) {
        this(out, schema, compression, rowGroupBytes, true, scratch);
    }

    ParquetFileWriter(OutputStream out, List<ParquetColumn> schema, Compression compression, long rowGroupBytes, boolean sealPages) {
        this(out, schema, compression, rowGroupBytes, sealPages, new Scratch());
    }

    private ParquetFileWriter(OutputStream out, List<ParquetColumn> schema, Compression compression, long rowGroupBytes,
                              boolean sealPages, Scratch scratch) {
        this.scratch = scratch;
        this.page = scratch.page;
        this.sealPages = sealPages;
        if (schema.isEmpty()) {
            throw new IllegalArgumentException("a Parquet schema needs at least one column");
        }
        this.out = new CountingStream(out);
        this.schema = List.copyOf(schema);
        this.columns = new ColumnWriter[schema.size()];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = ColumnWriter.of(schema.get(i));
        }
        this.compression = compression;
        this.compressor = compression.newCompressor();
        this.rowGroupBytes = rowGroupBytes;
        try {
            this.out.write(MAGIC);
        } catch (IOException e) {
            failed = true;
            throw new UncheckedIOException("cannot write a Parquet file", e);
        }
    }

    public ParquetFileWriter(OutputStream out, List<ParquetColumn> schema) {
        this(out, schema, Compression.ZSTD, DEFAULT_ROW_GROUP_BYTES);
    }

    public List<ParquetColumn> schema() {
        return schema;
    }

    /** Rows ended so far. */
    public long rows() {
        return rows;
    }

    /** Bytes written to the stream so far (the open row group not included). */
    public long bytesWritten() {
        return out.count;
    }

    public void set(int column, long v) {
        if (columns[column] instanceof LongColumn c) {
            c.add(v);
        } else {
            throw wrongType(column, "long");
        }
    }

    public void set(int column, int v) {
        if (columns[column] instanceof IntColumn c) {
            c.add(v);
        } else {
            throw wrongType(column, "int");
        }
    }

    public void set(int column, boolean v) {
        if (columns[column] instanceof BooleanColumn c) {
            c.add(v);
        } else {
            throw wrongType(column, "boolean");
        }
    }

    /** A string, or null for a null. */
    public void set(int column, String v) {
        if (v == null) {
            setNull(column);
        } else if (columns[column] instanceof StringColumn c) {
            c.add(v);
            sealIfFull(c);
        } else {
            throw wrongType(column, "string");
        }
    }

    /** A string given as its UTF-8 bytes (null for a null). */
    public void setUtf8(int column, byte[] utf8) {
        if (utf8 == null) {
            setNull(column);
        } else if (columns[column] instanceof StringColumn c) {
            c.add(utf8, 0, utf8.length);
            sealIfFull(c);
        } else {
            throw wrongType(column, "string");
        }
    }

    /** Cuts the column's page now when its values since the last reached a page (where {@link ColumnWriter#writePages} would cut it). */
    private void sealIfFull(StringColumn c) {
        if (sealPages && c.pendingPageBytes() >= ColumnWriter.PAGE_BYTES && c.sealable()) {
            try {
                int pageRows = c.encodePendingPage(page);
                int length = compress(page);
                c.sealed(compressedBody(page), length, page.size(), pageRows);
            } catch (RuntimeException e) {
                failed = true;
                throw e;
            }
        }
    }

    /** Bytes of values column {@code column} holds uncompressed for the page it is filling (a test's view of the bound). */
    long heldPageBytes(int column) {
        return columns[column].pendingPageBytes();
    }

    /** Whether column {@code column} dictionary-encodes its values as they come (a test's view of {@link StringColumn}'s choice). */
    boolean hashing(int column) {
        return columns[column] instanceof StringColumn c && c.dictionaryMode();
    }

    public void setNull(int column) {
        columns[column].addNull();
    }

    private IllegalArgumentException wrongType(int column, String given) {
        return new IllegalArgumentException("column " + schema.get(column).name() + " is " + schema.get(column).type()
                + ", given a " + given);
    }

    /** Ends a row: every column must have had exactly one value (or null) since the last. */
    public void endRow() {
        rowsInGroup++;
        rows++;
        // The size check every 128 rows: summing the columns each row would cost more than it saves.
        if ((rowsInGroup & 127) == 0 && bufferedBytes() >= rowGroupBytes) {
            flushRowGroup();
        }
    }

    private long bufferedBytes() {
        long n = 0;
        for (ColumnWriter c : columns) {
            n += c.bufferedBytes();
        }
        return n;
    }

    /** Writes the open row group now (the next rows start a new one). */
    public void flushRowGroup() {
        if (rowsInGroup == 0) {
            return;
        }
        checkOpen();
        for (ColumnWriter c : columns) {
            if (c.rows != rowsInGroup) {
                throw new IllegalStateException("column " + c.column.name() + " has " + c.rows + " values for "
                        + rowsInGroup + " rows: set every column once per row");
            }
        }
        try {
            RowGroupMeta g = new RowGroupMeta(rowsInGroup, out.count);
            for (ColumnWriter c : columns) {
                g.chunks.add(writeChunk(c));
                c.clear();
            }
            rowGroups.add(g);
            rowsInGroup = 0;
        } catch (IOException | RuntimeException e) {
            failed = true;
            throw e instanceof IOException io ? new UncheckedIOException("cannot write a Parquet row group", io)
                    : (RuntimeException) e;
        }
    }

    private ChunkMeta writeChunk(ColumnWriter c) throws IOException {
        c.prepare();
        ChunkMeta m = new ChunkMeta(c.column, c.rows, c.nulls, c.min(), c.max(), c.valueEncoding() == 8);
        long start = out.count;
        c.writePages(new ColumnWriter.PageOut() {
            @Override
            public void dataPage(ByteSink body, int numValues, int encoding) throws IOException {
                if (m.dataPageOffset < 0) {
                    m.dataPageOffset = out.count;
                }
                writePage(m, 0, body, numValues, encoding);
            }

            @Override
            public void compressedDataPage(byte[] body, int off, int length, int uncompressedSize, int numValues, int encoding)
                    throws IOException {
                if (m.dataPageOffset < 0) {
                    m.dataPageOffset = out.count;
                }
                writePage(m, 0, uncompressedSize, body, off, length, numValues, encoding);
            }

            @Override
            public void dictionaryPage(ByteSink body, int numValues) throws IOException {
                m.dictionaryPageOffset = out.count;
                writePage(m, 2, body, numValues, 0);
            }
        }, page);
        m.compressedSize = out.count - start;
        if (c.column.bloomFilter() && c instanceof StringColumn sc && c.values() > 0) {
            m.bloomFilterOffset = out.count;
            m.bloomFilterLength = sc.bloomFilter().writeTo(out, page);
        }
        return m;
    }

    /** A page: its header (Thrift compact PageHeader) and its body, compressed. */
    private void writePage(ChunkMeta m, int pageType, ByteSink body, int numValues, int encoding) throws IOException {
        int length = compress(body);
        writePage(m, pageType, body.size(), compressedBody(body), 0, length, numValues, encoding);
    }

    /** Compresses {@code body} into the scratch's compressed buffer (none without compression); returns the compressed length. */
    private int compress(ByteSink body) {
        if (compressor == null) {
            return body.size();
        }
        int max = compressor.maxCompressedLength(body.size());
        if (scratch.compressed.length < max) {
            scratch.compressed = new byte[max];
        }
        return compressor.compress(body.array(), body.size(), scratch.compressed);
    }

    /** Where {@link #compress} left {@code body}'s bytes. */
    private byte[] compressedBody(ByteSink body) {
        return compressor == null ? body.array() : scratch.compressed;
    }

    /** A page's header and its (compressed) body, {@code length} bytes of {@code data} from {@code off}. */
    private void writePage(ChunkMeta m, int pageType, int uncompressedSize, byte[] data, int off, int length, int numValues,
                           int encoding) throws IOException {
        header.reset();
        ThriftCompact t = new ThriftCompact(header);
        t.begin();
        t.i32(1, pageType);
        t.i32(2, uncompressedSize);
        t.i32(3, length);
        if (pageType == 0) {
            t.struct(5); // DataPageHeader
            t.i32(1, numValues);
            t.i32(2, encoding);
            t.i32(3, 3); // definition levels: RLE
            t.i32(4, 3); // repetition levels: RLE (none in a flat schema)
            t.end();
        } else {
            t.struct(7); // DictionaryPageHeader
            t.i32(1, numValues);
            t.i32(2, 0); // PLAIN
            t.end();
        }
        t.end();
        header.writeTo(out);
        out.write(data, off, length);
        m.uncompressedSize += header.size() + uncompressedSize;
    }

    private void checkOpen() {
        if (closed || finished) {
            throw new IllegalStateException("the Parquet writer is closed");
        }
        if (failed) {
            throw new IllegalStateException("the Parquet writer failed earlier: the file is incomplete");
        }
    }

    /**
     * Writes the open row group and the footer, and closes the stream. A writer that failed
     * before closes the stream without a footer and throws: the file is not a Parquet file.
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            if (failed) {
                throw new IOException("the Parquet file is incomplete: an earlier write failed");
            }
            if (!finished) {
                finish();
            }
        } finally {
            closed = true;
            releaseCompressor();
            out.close();
        }
    }

    private boolean released;

    /**
     * Starts a new file on {@code next} with this writer's buffers, which a file's row groups have
     * grown (a host writing file after file keeps them instead of growing new ones, which outlive
     * young collections and so filled the old generation). Only after a successful {@link #close}.
     */
    void reopen(OutputStream next) {
        if (!closed || !finished || failed) {
            throw new IllegalStateException("only a Parquet writer closed whole can start another file");
        }
        out = new CountingStream(next);
        rowGroups.clear();
        rowsInGroup = 0;
        rows = 0;
        for (ColumnWriter c : columns) {
            c.newFile();
        }
        compressor = compression.newCompressor();
        released = false;
        finished = false;
        closed = false;
        try {
            out.write(MAGIC);
        } catch (IOException e) {
            failed = true;
            throw new UncheckedIOException("cannot write a Parquet file", e);
        }
    }

    /** Frees the compressor's native memory, once: after {@link #finish} or on {@link #close} / {@link #abort}. */
    private void releaseCompressor() {
        if (compressor != null && !released) {
            released = true;
            compressor.close();
        }
    }

    /** Gives up on the file: closes the stream without a footer (the caller deletes the file). */
    public void abort() {
        if (closed) {
            return;
        }
        failed = true;
        closed = true;
        releaseCompressor();
        try {
            out.close();
        } catch (IOException ignored) {
            // the file is being thrown away
        }
    }

    /** Writes the open row group and the footer without closing the stream (Flink's bulk writer closes it itself). */
    public void finish() throws IOException {
        checkOpen();
        try {
            flushRowGroup();
            ByteSink footer = new ByteSink(4096);
            Footer.write(footer, schema, rows, rowGroups, compression, CREATED_BY);
            footer.intLE(footer.size());
            footer.write(MAGIC, 0, MAGIC.length);
            footer.writeTo(out);
            out.flush();
            finished = true;
            releaseCompressor();
        } catch (IOException | RuntimeException e) {
            failed = true;
            throw e;
        }
    }

    /** What the footer says of a row group. */
    static final class RowGroupMeta {
        final int rows;
        final long fileOffset;
        final List<ChunkMeta> chunks = new ArrayList<>();

        RowGroupMeta(int rows, long fileOffset) {
            this.rows = rows;
            this.fileOffset = fileOffset;
        }
    }

    /** What the footer says of a column chunk. */
    static final class ChunkMeta {
        final ParquetColumn column;
        final int values;
        final int nulls;
        final byte[] min;
        final byte[] max;
        final boolean dictionary;
        long dataPageOffset = -1;
        long dictionaryPageOffset = -1;
        long bloomFilterOffset = -1;
        int bloomFilterLength;
        long uncompressedSize;
        long compressedSize;

        ChunkMeta(ParquetColumn column, int values, int nulls, byte[] min, byte[] max, boolean dictionary) {
            this.column = column;
            this.values = values;
            this.nulls = nulls;
            this.min = min;
            this.max = max;
            this.dictionary = dictionary;
        }
    }

    /** Counts what passes, so page and chunk offsets are known without asking the stream. */
    private static final class CountingStream extends OutputStream {
        private final OutputStream out;
        long count;

        CountingStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
