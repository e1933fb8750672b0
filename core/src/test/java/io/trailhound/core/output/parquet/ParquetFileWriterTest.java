package io.trailhound.core.output.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailhound.core.output.parquet.ParquetColumn.Type;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer's files as DuckDB's own Parquet reader sees them: values, types, statistics, pruning, failures. */
class ParquetFileWriterTest {
    private static final List<ParquetColumn> ALL = List.of(
            ParquetColumn.required("t", Type.TIMESTAMP_MILLIS),
            ParquetColumn.optional("n", Type.INT64),
            ParquetColumn.optional("i", Type.INT32),
            ParquetColumn.optional("b", Type.BOOLEAN),
            ParquetColumn.optional("s", Type.STRING),
            ParquetColumn.optional("d", Type.STRING).withDictionary(),
            ParquetColumn.required("r", Type.STRING));

    @TempDir
    Path dir;

    @Test
    void duckDbReadsBackEveryTypeNullsEmptyUnicodeAndVeryLargeStrings() throws Exception {
        String big = "x".repeat(3_000_000) + "é";
        Object[][] rows = {
                {1_700_000_000_123L, 42L, 7, true, "plain", "us-east-1", "{\"a\":1}"},
                {-86_400_000L, null, null, null, null, null, ""},
                {0L, Long.MIN_VALUE, Integer.MIN_VALUE, false, "", "", "r"},
                {1L, Long.MAX_VALUE, Integer.MAX_VALUE, true, "日本語 ünï 🦊 \u0000 end", "eu-west-1", big},
                {2L, -1L, -1, false, "a\"b'c\\d\n", "us-east-1", "🦊"},
        };
        Path f = dir.resolve("all.parquet");
        for (Compression codec : Compression.values()) {
            try (ParquetFileWriter w = new ParquetFileWriter(Files.newOutputStream(f), ALL, codec, 1 << 20)) {
                for (Object[] r : rows) {
                    w.set(0, (long) r[0]);
                    if (r[1] == null) w.setNull(1); else w.set(1, (long) r[1]);
                    if (r[2] == null) w.setNull(2); else w.set(2, (int) r[2]);
                    if (r[3] == null) w.setNull(3); else w.set(3, (boolean) r[3]);
                    w.set(4, (String) r[4]);
                    w.set(5, (String) r[5]);
                    w.setUtf8(6, ((String) r[6]).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    w.endRow();
                }
            }
            List<List<Object>> back = DuckDbReader.query("SELECT epoch_ms(t), n, i, b, s, d, r FROM read_parquet("
                    + DuckDbReader.path(f) + ")");
            assertThat(back).as(codec.name()).hasSize(rows.length);
            for (int k = 0; k < rows.length; k++) {
                List<Object> row = back.get(k);
                assertThat(row.get(0)).as(codec + " row " + k).isEqualTo(rows[k][0]);
                assertThat(row.get(1)).isEqualTo(rows[k][1]);
                assertThat(row.get(2)).isEqualTo(rows[k][2]);
                assertThat(row.get(3)).isEqualTo(rows[k][3]);
                assertThat(row.get(4)).isEqualTo(rows[k][4]);
                assertThat(row.get(5)).isEqualTo(rows[k][5]);
                assertThat(row.get(6)).isEqualTo(rows[k][6]);
            }
        }
    }

    /**
     * A column of large values (the raw record) cuts its pages as they fill: at most one page of
     * values is held uncompressed, and the file is byte for byte the one written with every page cut
     * at the row group's end (same pages, headers, statistics), which DuckDB reads back whole.
     */
    @Test
    void largeValuesAreHeldAPageAtATimeAndWriteTheSameFile() throws Exception {
        List<ParquetColumn> schema = List.of(
                ParquetColumn.optional("id", Type.STRING).withBloomFilter(),
                ParquetColumn.optional("raw", Type.STRING),
                ParquetColumn.optional("d", Type.STRING).withDictionary());
        java.util.Random random = new java.util.Random(7);
        int n = 400;
        String[] raw = new String[n];
        for (int k = 0; k < n; k++) {
            // 20-60 kB a value, a few nulls, and the smallest and largest values in the middle of the run
            raw[k] = k % 37 == 5 ? null : (char) ('b' + random.nextInt(20)) + "{\"k\":" + k + ",\"pad\":\""
                    + "abcdefgh".repeat(2_500 + random.nextInt(5_000)) + "\"}";
        }
        raw[150] = "a-smallest";
        raw[250] = "z-largest";
        java.io.ByteArrayOutputStream sealed = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream whole = new java.io.ByteArrayOutputStream();
        long mostHeld = 0;
        long mostHeldWhole = 0;
        try (ParquetFileWriter a = new ParquetFileWriter(sealed, schema, Compression.ZSTD, 8L << 20, true);
             ParquetFileWriter b = new ParquetFileWriter(whole, schema, Compression.ZSTD, 8L << 20, false)) {
            for (int k = 0; k < n; k++) {
                for (ParquetFileWriter w : List.of(a, b)) {
                    w.set(0, "id-" + k);
                    w.setUtf8(1, raw[k] == null ? null : raw[k].getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    w.set(2, k % 2 == 0 ? "even" : null);
                    w.endRow();
                }
                mostHeld = Math.max(mostHeld, a.heldPageBytes(1));
                mostHeldWhole = Math.max(mostHeldWhole, b.heldPageBytes(1));
            }
        }
        assertThat(mostHeld).isLessThan(ColumnWriter.PAGE_BYTES);
        assertThat(mostHeldWhole).isGreaterThan(4L * ColumnWriter.PAGE_BYTES); // a row group's worth, without cutting
        assertThat(sealed.toByteArray()).isEqualTo(whole.toByteArray());
        Path f = dir.resolve("pages.parquet");
        Files.write(f, sealed.toByteArray());
        List<List<Object>> back = DuckDbReader.query("SELECT id, raw, d FROM read_parquet(" + DuckDbReader.path(f) + ")");
        assertThat(back).hasSize(n);
        for (int k = 0; k < n; k++) {
            assertThat(back.get(k)).as("row " + k).containsExactly("id-" + k, raw[k], k % 2 == 0 ? "even" : null);
        }
        List<List<Object>> groups = DuckDbReader.query("SELECT row_group_id, stats_min_value, stats_max_value, "
                + "total_compressed_size < total_uncompressed_size FROM parquet_metadata(" + DuckDbReader.path(f)
                + ") WHERE path_in_schema = 'raw' ORDER BY row_group_id");
        assertThat(groups).hasSizeGreaterThan(1);
        assertThat(groups).allSatisfy(g -> assertThat(g.get(3)).isEqualTo(true));
        assertThat(groups).anySatisfy(g -> assertThat(g.get(1)).isEqualTo("a-smallest"));
        assertThat(groups).anySatisfy(g -> assertThat(g.get(2)).isEqualTo("z-largest"));
    }

    /**
     * Writers of one thread share their page buffers (a partitioned writer's open files): two files
     * written row by row in turn, cutting pages and row groups in between each other's, are byte for
     * byte the files each writer makes with buffers of its own.
     */
    @Test
    void writersSharingPageBuffersWriteTheSameFilesAsAlone() throws Exception {
        List<ParquetColumn> schema = List.of(
                ParquetColumn.optional("id", Type.STRING).withBloomFilter(),
                ParquetColumn.optional("raw", Type.STRING),
                ParquetColumn.optional("d", Type.STRING).withDictionary());
        java.util.Random random = new java.util.Random(11);
        int n = 300;
        String[][] raw = new String[2][n];
        for (int f = 0; f < 2; f++) {
            for (int k = 0; k < n; k++) {
                raw[f][k] = "{\"f\":" + f + ",\"k\":" + k + ",\"pad\":\"" + "xyz".repeat(1_000 + random.nextInt(20_000)) + "\"}";
            }
        }
        ParquetFileWriter.Scratch shared = new ParquetFileWriter.Scratch();
        java.io.ByteArrayOutputStream[] together = {new java.io.ByteArrayOutputStream(), new java.io.ByteArrayOutputStream()};
        java.io.ByteArrayOutputStream[] alone = {new java.io.ByteArrayOutputStream(), new java.io.ByteArrayOutputStream()};
        try (ParquetFileWriter t0 = new ParquetFileWriter(together[0], schema, Compression.ZSTD, 4L << 20, shared);
             ParquetFileWriter t1 = new ParquetFileWriter(together[1], schema, Compression.ZSTD, 4L << 20, shared);
             ParquetFileWriter a0 = new ParquetFileWriter(alone[0], schema, Compression.ZSTD, 4L << 20);
             ParquetFileWriter a1 = new ParquetFileWriter(alone[1], schema, Compression.ZSTD, 4L << 20)) {
            ParquetFileWriter[][] pairs = {{t0, a0}, {t1, a1}};
            for (int k = 0; k < n; k++) {
                for (int f = 0; f < 2; f++) {
                    for (ParquetFileWriter w : pairs[f]) {
                        w.set(0, "id-" + f + "-" + k);
                        w.setUtf8(1, raw[f][k].getBytes(java.nio.charset.StandardCharsets.UTF_8));
                        w.set(2, k % 3 == 0 ? "third" : "other-" + f);
                        w.endRow();
                    }
                }
            }
        }
        for (int f = 0; f < 2; f++) {
            assertThat(together[f].size()).isGreaterThan(0);
            assertThat(together[f].toByteArray()).as("file " + f).isEqualTo(alone[f].toByteArray());
            Path file = dir.resolve("shared-" + f + ".parquet");
            Files.write(file, together[f].toByteArray());
            // Row groups and sealed pages of one file were cut while the other's were in the shared buffers.
            assertThat(DuckDbReader.query("SELECT count(DISTINCT row_group_id) > 1 FROM parquet_metadata("
                    + DuckDbReader.path(file) + ")")).containsExactly(List.of(true));
            List<List<Object>> back = DuckDbReader.query("SELECT id, raw FROM read_parquet(" + DuckDbReader.path(file) + ")");
            assertThat(back).hasSize(n);
            assertThat(back.get(n - 1)).containsExactly("id-" + f + "-" + (n - 1), raw[f][n - 1]);
        }
    }

    @Test
    void schemaShowsLogicalTypesAndMetadataShowsStatistics() throws Exception {
        Path f = dir.resolve("stats.parquet");
        try (ParquetFileWriter w = new ParquetFileWriter(Files.newOutputStream(f), ALL)) {
            for (int k = 0; k < 1000; k++) {
                w.set(0, 1_000_000L + k);
                w.set(1, (long) k - 500);
                if (k % 10 == 0) w.setNull(2); else w.set(2, k);
                w.set(3, k % 2 == 0);
                w.set(4, k % 3 == 0 ? null : "s" + (1000 + k));
                w.set(5, "region-" + (k % 4));
                w.set(6, "{\"k\":" + k + "}");
                w.endRow();
            }
        }
        String p = DuckDbReader.path(f);
        List<List<Object>> schema = DuckDbReader.query("SELECT name, type, repetition_type, converted_type, logical_type "
                + "FROM parquet_schema(" + p + ") WHERE name <> 'schema' ORDER BY name");
        assertThat(schema).extracting(r -> r.get(0) + " " + r.get(1) + " " + r.get(2) + " " + r.get(3))
                .containsExactly("b BOOLEAN OPTIONAL null", "d BYTE_ARRAY OPTIONAL UTF8", "i INT32 OPTIONAL null",
                        "n INT64 OPTIONAL null", "r BYTE_ARRAY REQUIRED UTF8", "s BYTE_ARRAY OPTIONAL UTF8",
                        "t INT64 REQUIRED TIMESTAMP_MILLIS");
        assertThat(String.valueOf(schema.get(6).get(4))).contains("TimestampType").contains("isAdjustedToUTC=1")
                .contains("MILLIS");
        assertThat(String.valueOf(schema.get(1).get(4))).contains("StringType");
        assertThat(DuckDbReader.query("SELECT typeof(t) FROM read_parquet(" + p + ") LIMIT 1").get(0).get(0))
                .isEqualTo("TIMESTAMP WITH TIME ZONE");

        List<List<Object>> meta = DuckDbReader.query("SELECT path_in_schema, stats_min_value, stats_max_value, "
                + "stats_null_count, compression, encodings FROM parquet_metadata(" + p + ") ORDER BY path_in_schema");
        assertThat(meta).extracting(r -> r.get(0) + " " + r.get(1) + " " + r.get(2) + " " + r.get(3) + " " + r.get(4))
                .containsExactly("b false true 0 ZSTD",
                        "d region-0 region-3 0 ZSTD",
                        "i 1 999 100 ZSTD",
                        "n -500 499 0 ZSTD",
                        "r {\"k\":0} {\"k\":9} 0 ZSTD",
                        "s s1001 s1998 334 ZSTD",
                        "t 1970-01-01 00:16:40+00 1970-01-01 00:16:40.999+00 0 ZSTD");
        assertThat(String.valueOf(meta.get(1).get(5))).contains("RLE_DICTIONARY");
        assertThat(String.valueOf(meta.get(5).get(5))).doesNotContain("RLE_DICTIONARY");
    }

    @Test
    void manyRowGroupsAndATimeFilterSkipsTheRowGroupsOutsideIt() throws Exception {
        Path f = dir.resolve("groups.parquet");
        List<ParquetColumn> schema = List.of(ParquetColumn.required("t", Type.TIMESTAMP_MILLIS),
                ParquetColumn.required("raw", Type.STRING));
        try (ParquetFileWriter w = new ParquetFileWriter(Files.newOutputStream(f), schema, Compression.ZSTD, 64 << 10)) {
            for (int k = 0; k < 30_000; k++) {
                w.set(0, 1_000L * k);
                w.set(1, "record " + k + " " + "z".repeat(k % 50));
                w.endRow();
            }
        }
        String p = DuckDbReader.path(f);
        List<List<Object>> groups = DuckDbReader.query("SELECT row_group_id, row_group_num_rows, "
                + "epoch_ms(stats_min_value::TIMESTAMPTZ), epoch_ms(stats_max_value::TIMESTAMPTZ), row_group_bytes "
                + "FROM parquet_metadata(" + p + ") WHERE path_in_schema = 't' ORDER BY row_group_id");
        assertThat(groups.size()).isGreaterThan(5);
        long rows = 0;
        for (List<Object> g : groups) {
            long n = ((Number) g.get(1)).longValue();
            assertThat(((Number) g.get(2)).longValue()).isEqualTo(1_000L * rows);
            assertThat(((Number) g.get(3)).longValue()).isEqualTo(1_000L * (rows + n - 1));
            rows += n;
        }
        assertThat(rows).isEqualTo(30_000);
        assertThat(DuckDbReader.query("SELECT count(*), min(raw) FROM read_parquet(" + p + ")").get(0))
                .containsExactly(30_000L, "record 0 ");

        // Overwrite the last row group with garbage: a query whose time filter excludes it still
        // answers (DuckDB skipped it by its statistics); one that needs it fails.
        List<List<Object>> last = DuckDbReader.query("SELECT min(data_page_offset), min(coalesce(dictionary_page_offset, "
                + "data_page_offset)) FROM parquet_metadata(" + p + ") WHERE row_group_id = " + groups.get(groups.size() - 1).get(0));
        long start = ((Number) last.get(0).get(1)).longValue();
        long footerStart = Files.size(f) - 8 - footerLength(f);
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.seek(start);
            raf.write(new byte[(int) (footerStart - start)]);
        }
        long firstGroupMax = ((Number) groups.get(0).get(3)).longValue();
        assertThat(DuckDbReader.query("SELECT count(*) FROM read_parquet(" + p + ") WHERE t <= epoch_ms(" + firstGroupMax + ")")
                .get(0).get(0)).isEqualTo(((Number) groups.get(0).get(1)).longValue());
        assertThatThrownBy(() -> DuckDbReader.query("SELECT count(*) FROM read_parquet(" + p + ") WHERE length(raw) > 0"))
                .isInstanceOf(SQLException.class);
    }

    private static long footerLength(Path f) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "r")) {
            raf.seek(raf.length() - 8);
            byte[] b = new byte[4];
            raf.readFully(b);
            return (b[0] & 0xff) | (b[1] & 0xff) << 8 | (b[2] & 0xff) << 16 | (long) (b[3] & 0xff) << 24;
        }
    }

    @Test
    void zeroRowsIsAValidFileWithItsSchema() throws Exception {
        Path f = dir.resolve("empty.parquet");
        new ParquetFileWriter(Files.newOutputStream(f), ALL).close();
        String p = DuckDbReader.path(f);
        assertThat(DuckDbReader.query("SELECT count(*) FROM read_parquet(" + p + ")").get(0).get(0)).isEqualTo(0L);
        assertThat(DuckDbReader.query("SELECT count(*) FROM parquet_schema(" + p + ")").get(0).get(0)).isEqualTo(8L);
    }

    @Test
    void aDictionaryColumnWithTooManyValuesFallsBackToPlainAndKeepsEveryValue() throws Exception {
        Path f = dir.resolve("fallback.parquet");
        List<ParquetColumn> schema = List.of(ParquetColumn.optional("d", Type.STRING).withDictionary());
        int n = StringColumn.MAX_DICTIONARY_ENTRIES + 5000;
        try (ParquetFileWriter w = new ParquetFileWriter(Files.newOutputStream(f), schema)) {
            for (int k = 0; k < n; k++) {
                w.set(0, k % 7 == 0 ? null : "v" + k);
                w.endRow();
            }
        }
        List<List<Object>> r = DuckDbReader.query("SELECT count(*), count(d), count(DISTINCT d), min(d), max(d) FROM read_parquet("
                + DuckDbReader.path(f) + ")");
        int nulls = (n + 6) / 7;
        assertThat(r.get(0)).containsExactly((long) n, (long) n - nulls, (long) n - nulls, "v1", "v9999");
    }

    @Test
    void nearlyUniqueValuesGiveTheDictionaryUpEarlyTheNextChunksStayPlainAndTheMixedFileReadsBackIdentically() throws Exception {
        Path f = dir.resolve("mixed.parquet");
        List<ParquetColumn> schema = List.of(ParquetColumn.optional("id", Type.STRING).withDictionary(),
                ParquetColumn.optional("region", Type.STRING).withDictionary());
        int perGroup = 3000;
        // Row group 0 gives the id's dictionary up after EARLY_CHECK_VALUES values, 1-4 are written PLAIN without
        // hashing, 5 tries a dictionary again and keeps it (its ids repeat), 6 gives it up again, 7 is PLAIN.
        boolean[] hashingAtStart = {true, false, false, false, false, true, true, false};
        boolean[] hashingAtEnd = {false, false, false, false, false, true, false, false};
        List<String> ids = new java.util.ArrayList<>();
        try (ParquetFileWriter w = new ParquetFileWriter(Files.newOutputStream(f), schema, Compression.ZSTD, Long.MAX_VALUE)) {
            for (int g = 0; g < hashingAtStart.length; g++) {
                assertThat(w.hashing(0)).as("row group " + g + " starts with a dictionary").isEqualTo(hashingAtStart[g]);
                for (int k = 0; k < perGroup; k++) {
                    String id = k % 11 == 0 ? null : g == 5 ? "key-" + k % 10 : "id-" + g + "-" + k + "-é";
                    ids.add(id);
                    w.set(0, id);
                    w.set(1, k % 2 == 0 ? "us-east-1" : "eu-west-1");
                    w.endRow();
                }
                assertThat(w.hashing(0)).as("row group " + g + " ends with a dictionary").isEqualTo(hashingAtEnd[g]);
                assertThat(w.hashing(1)).as("the repeated column keeps its dictionary").isTrue();
                w.flushRowGroup();
            }
        }
        String p = DuckDbReader.path(f);
        List<List<Object>> back = DuckDbReader.query("SELECT id, region FROM read_parquet(" + p + ")");
        assertThat(back).hasSize(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            assertThat(back.get(i)).as("row " + i).containsExactly(ids.get(i), i % perGroup % 2 == 0 ? "us-east-1" : "eu-west-1");
        }
        List<List<Object>> chunks = DuckDbReader.query("SELECT row_group_id, dictionary_page_offset IS NOT NULL, stats_min_value, "
                + "stats_max_value, stats_null_count FROM parquet_metadata(" + p + ") WHERE path_in_schema = 'id' ORDER BY row_group_id");
        for (int g = 0; g < chunks.size(); g++) {
            assertThat(chunks.get(g).get(1)).as("row group " + g + " has a dictionary page").isEqualTo(g == 5);
            assertThat(chunks.get(g).subList(2, 5)).as("row group " + g + " statistics").containsExactly(
                    g == 5 ? "key-0" : "id-" + g + "-1-é", g == 5 ? "key-9" : "id-" + g + "-999-é", (long) (perGroup + 10) / 11);
        }
        assertThat(DuckDbReader.query("SELECT count(DISTINCT row_group_id) FROM parquet_metadata(" + p + ") WHERE "
                + "path_in_schema = 'region' AND dictionary_page_offset IS NOT NULL").get(0).get(0)).isEqualTo(8L);
        assertThat(DuckDbReader.query("SELECT count(*) FROM read_parquet(" + p + ") WHERE id = 'id-6-2999-é' OR id = 'key-3'")
                .get(0).get(0)).isEqualTo(ids.stream().filter(v -> "id-6-2999-é".equals(v) || "key-3".equals(v)).count());
    }

    @Test
    void runsOfRepeatedDictionaryValuesReadBackInOrder() throws Exception {
        Path f = dir.resolve("runs.parquet");
        List<ParquetColumn> schema = List.of(ParquetColumn.optional("d", Type.STRING).withDictionary());
        String[] values = {"a", "a", "a", "b", null, "b", "a", new String("c"), "c", "c", "", "", "a"};
        try (ParquetFileWriter w = new ParquetFileWriter(Files.newOutputStream(f), schema)) {
            for (int k = 0; k < 300; k++) {
                w.set(0, values[k % values.length]);
                w.endRow();
            }
        }
        List<List<Object>> back = DuckDbReader.query("SELECT d FROM read_parquet(" + DuckDbReader.path(f) + ")");
        for (int k = 0; k < 300; k++) {
            assertThat(back.get(k).get(0)).as("row " + k).isEqualTo(values[k % values.length]);
        }
        assertThat(DuckDbReader.query("SELECT encodings FROM parquet_metadata(" + DuckDbReader.path(f) + ")").get(0).get(0)
                .toString()).contains("RLE_DICTIONARY");
    }

    @Test
    void aDictionaryColumnOfNullsOnlyReadsBackAsNulls() throws Exception {
        Path f = dir.resolve("nulls.parquet");
        List<ParquetColumn> schema = List.of(ParquetColumn.optional("d", Type.STRING).withDictionary(),
                ParquetColumn.optional("s", Type.STRING));
        try (ParquetFileWriter w = new ParquetFileWriter(Files.newOutputStream(f), schema)) {
            for (int k = 0; k < 3; k++) {
                w.setNull(0);
                w.setNull(1);
                w.endRow();
            }
        }
        assertThat(DuckDbReader.query("SELECT count(*), count(d), count(s) FROM read_parquet(" + DuckDbReader.path(f) + ")")
                .get(0)).containsExactly(3L, 0L, 0L);
    }

    @Test
    void aFailingStreamSurfacesAndTheFileGetsNoFooter() throws Exception {
        Path f = dir.resolve("broken.parquet");
        OutputStream disk = Files.newOutputStream(f);
        OutputStream full = new OutputStream() {
            long written;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (written + len > 100_000) {
                    throw new IOException("No space left on device");
                }
                disk.write(b, off, len);
                written += len;
            }

            @Override
            public void close() throws IOException {
                disk.close();
            }
        };
        ParquetFileWriter w = new ParquetFileWriter(full, ALL, Compression.UNCOMPRESSED, 32 << 10);
        assertThatThrownBy(() -> {
            for (int k = 0; k < 100_000; k++) {
                w.set(0, (long) k);
                w.set(1, (long) k);
                w.set(2, k);
                w.set(3, true);
                w.set(4, "s" + k);
                w.set(5, "d");
                w.set(6, "raw " + k);
                w.endRow();
            }
        }).isInstanceOf(UncheckedIOException.class).hasRootCauseMessage("No space left on device");
        assertThatThrownBy(w::close).isInstanceOf(IOException.class).hasMessageContaining("incomplete");
        byte[] tail = Files.readAllBytes(f);
        assertThat(new String(tail, tail.length - 4, 4, java.nio.charset.StandardCharsets.US_ASCII)).isNotEqualTo("PAR1");
        assertThatThrownBy(() -> DuckDbReader.query("SELECT count(*) FROM read_parquet(" + DuckDbReader.path(f) + ")"))
                .isInstanceOf(SQLException.class);
    }

    @Test
    void aRowWithAColumnMissingIsRefused() throws Exception {
        ParquetFileWriter w = new ParquetFileWriter(OutputStream.nullOutputStream(), ALL);
        w.set(0, 1L);
        w.endRow();
        assertThatThrownBy(w::flushRowGroup).isInstanceOf(IllegalStateException.class).hasMessageContaining("column n");
        assertThatThrownBy(() -> w.setNull(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("required");
        assertThatThrownBy(() -> w.set(1, "x")).isInstanceOf(IllegalArgumentException.class);
    }
}
