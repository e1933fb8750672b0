package io.trailhound.core.output.parquet;

import io.trailhound.core.output.parquet.ParquetFileWriter.ChunkMeta;
import io.trailhound.core.output.parquet.ParquetFileWriter.RowGroupMeta;
import java.util.List;

/**
 * The file's {@code FileMetaData} in Thrift's compact protocol, field ids as in the Parquet
 * format's parquet.thrift: schema (a root and one element per column, with physical, converted
 * and logical types), row groups with their column chunks' metadata and statistics, created_by,
 * and a type-defined column order for every column, without which readers may not trust min/max.
 */
final class Footer {
    private static final int ENCODING_PLAIN = 0;
    private static final int ENCODING_RLE = 3;
    private static final int ENCODING_RLE_DICTIONARY = 8;

    private Footer() {
    }

    static void write(ByteSink out, List<ParquetColumn> schema, long rows, List<RowGroupMeta> groups,
                      Compression compression, String createdBy) {
        ThriftCompact t = new ThriftCompact(out);
        t.begin();
        t.i32(1, 1); // version
        t.list(2, ThriftCompact.STRUCT, schema.size() + 1);
        t.element();
        t.string(4, "schema");
        t.i32(5, schema.size());
        t.end();
        for (ParquetColumn c : schema) {
            schemaElement(t, c);
        }
        t.i64(3, rows);
        t.list(4, ThriftCompact.STRUCT, groups.size());
        for (int g = 0; g < groups.size(); g++) {
            rowGroup(t, groups.get(g), g, compression);
        }
        t.string(6, createdBy);
        t.list(7, ThriftCompact.STRUCT, schema.size());
        for (int i = 0; i < schema.size(); i++) {
            t.element(); // ColumnOrder
            t.struct(1); // TYPE_ORDER: TypeDefinedOrder {}
            t.end();
            t.end();
        }
        t.end();
    }

    private static void schemaElement(ThriftCompact t, ParquetColumn c) {
        t.element();
        t.i32(1, c.type().physical);
        t.i32(3, c.required() ? 0 : 1); // REQUIRED / OPTIONAL
        t.string(4, c.name());
        switch (c.type()) {
            case STRING -> {
                t.i32(6, 0); // converted type UTF8
                t.struct(10); // LogicalType
                t.struct(1); // STRING
                t.end();
                t.end();
            }
            case TIMESTAMP_MILLIS, TIMESTAMP_MILLIS_NO_ZONE -> {
                t.i32(6, 9); // converted type TIMESTAMP_MILLIS
                t.struct(10);
                t.struct(8); // TIMESTAMP
                t.bool(1, c.type() == ParquetColumn.Type.TIMESTAMP_MILLIS); // isAdjustedToUTC
                t.struct(2); // unit
                t.struct(1); // MILLIS
                t.end();
                t.end();
                t.end();
                t.end();
            }
            default -> {
            }
        }
        t.end();
    }

    private static void rowGroup(ThriftCompact t, RowGroupMeta g, int ordinal, Compression compression) {
        t.element();
        t.list(1, ThriftCompact.STRUCT, g.chunks.size());
        long uncompressed = 0;
        long compressed = 0;
        for (ChunkMeta m : g.chunks) {
            columnChunk(t, m, compression);
            uncompressed += m.uncompressedSize;
            compressed += m.compressedSize;
        }
        t.i64(2, uncompressed);
        t.i64(3, g.rows);
        t.i64(5, g.fileOffset);
        t.i64(6, compressed);
        t.i16(7, ordinal);
        t.end();
    }

    private static void columnChunk(ThriftCompact t, ChunkMeta m, Compression compression) {
        t.element();
        long start = m.dictionaryPageOffset >= 0 ? m.dictionaryPageOffset : m.dataPageOffset;
        t.i64(2, start); // file_offset (deprecated): where the chunk starts, as other writers set it
        t.struct(3); // ColumnMetaData
        t.i32(1, m.column.type().physical);
        boolean levels = !m.column.required();
        t.list(2, ThriftCompact.I32, m.dictionary ? (levels ? 3 : 2) : (levels ? 2 : 1));
        t.i32Element(ENCODING_PLAIN);
        if (m.dictionary) {
            t.i32Element(ENCODING_RLE_DICTIONARY);
        }
        if (levels) {
            t.i32Element(ENCODING_RLE);
        }
        t.list(3, ThriftCompact.BINARY, 1);
        t.binaryElement(m.column.name());
        t.i32(4, compression.id);
        t.i64(5, m.values);
        t.i64(6, m.uncompressedSize);
        t.i64(7, m.compressedSize);
        t.i64(9, m.dataPageOffset);
        if (m.dictionaryPageOffset >= 0) {
            t.i64(11, m.dictionaryPageOffset);
        }
        t.struct(12); // Statistics
        t.i64(3, m.nulls);
        if (m.min != null && m.max != null) {
            t.binary(5, m.max, 0, m.max.length);
            t.binary(6, m.min, 0, m.min.length);
        }
        t.end();
        if (m.bloomFilterOffset >= 0) {
            t.i64(14, m.bloomFilterOffset);
            t.i32(15, m.bloomFilterLength);
        }
        t.end();
        t.end();
    }
}
