package io.trailhound.core.output.parquet;

/**
 * One column of a flat Parquet schema: its name, type, whether it may hold nulls, and whether to
 * try dictionary encoding (worth it for low-cardinality strings: event names, regions, accounts).
 */
public record ParquetColumn(String name, Type type, boolean required, boolean dictionary, boolean bloomFilter) {
    public ParquetColumn(String name, Type type, boolean required, boolean dictionary) {
        this(name, type, required, dictionary, false);
    }

    /** The value types this writer knows, each with its Parquet physical and logical type. */
    public enum Type {
        /** INT64, TIMESTAMP(isAdjustedToUTC=true, MILLIS): epoch milliseconds. */
        TIMESTAMP_MILLIS(2),
        /**
         * INT64, TIMESTAMP(isAdjustedToUTC=false, MILLIS): epoch milliseconds of a UTC time, read as
         * a timestamp without a zone (DuckDB's TIMESTAMP), as the store's {@code eventTime} always was.
         */
        TIMESTAMP_MILLIS_NO_ZONE(2),
        INT64(2),
        INT32(1),
        BOOLEAN(0),
        /** BYTE_ARRAY, STRING (UTF-8). */
        STRING(6);

        final int physical;

        Type(int physical) {
            this.physical = physical;
        }
    }

    public static ParquetColumn required(String name, Type type) {
        return new ParquetColumn(name, type, true, false);
    }

    public static ParquetColumn optional(String name, Type type) {
        return new ParquetColumn(name, type, false, false);
    }

    /** The same column, dictionary-encoded when its values repeat enough to pay (strings only). */
    public ParquetColumn withDictionary() {
        if (type != Type.STRING) {
            throw new IllegalArgumentException("only string columns are dictionary-encoded: " + name);
        }
        return new ParquetColumn(name, type, required, true, bloomFilter);
    }

    /**
     * The same column with a bloom filter per row group (strings only): for a column of many
     * distinct values that lookups name one at a time (eventID), which min/max cannot prune.
     */
    public ParquetColumn withBloomFilter() {
        if (type != Type.STRING) {
            throw new IllegalArgumentException("only string columns get a bloom filter: " + name);
        }
        return new ParquetColumn(name, type, required, dictionary, true);
    }
}
