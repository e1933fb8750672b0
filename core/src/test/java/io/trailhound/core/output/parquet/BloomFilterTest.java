package io.trailhound.core.output.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.output.parquet.ParquetColumn.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bloom filters per row group as DuckDB reads them: a lookup of one unique value reads the row group that has it. */
class BloomFilterTest {
    @TempDir
    Path dir;

    @Test
    void xxHash64MatchesTheReferenceValues() {
        // XXH64 reference values (seed 0) from the xxHash project: "", "a", and 40 bytes (the 32-byte stripe path)
        assertThat(XxHash64.hash(new byte[0], 0, 0)).isEqualTo(0xEF46DB3751D8E999L);
        assertThat(XxHash64.hash("a".getBytes(StandardCharsets.US_ASCII), 0, 1)).isEqualTo(0xD24EC4F1A98C6E5BL);
        byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
        assertThat(XxHash64.hash(abc, 0, 3)).isEqualTo(0x44BC2CF5AD770999L);
    }

    @Test
    void duckDbSkipsEveryRowGroupWhoseFilterLacksTheValueAndNeverOneThatHasIt() throws Exception {
        List<ParquetColumn> schema = List.of(ParquetColumn.optional("id", Type.STRING).withBloomFilter(),
                ParquetColumn.required("t", Type.TIMESTAMP_MILLIS_NO_ZONE),
                ParquetColumn.optional("d", Type.STRING).withDictionary().withBloomFilter());
        Path f = dir.resolve("ids.parquet");
        String[] ids = new String[20_000];
        try (ParquetFileWriter w = new ParquetFileWriter(Files.newOutputStream(f), schema, Compression.ZSTD, 1 << 16)) {
            for (int i = 0; i < ids.length; i++) {
                ids[i] = i == 7 ? null : UUID.nameUUIDFromBytes(("e" + i).getBytes(StandardCharsets.UTF_8)).toString();
                if (ids[i] == null) {
                    w.setNull(0);
                } else {
                    w.set(0, ids[i]);
                }
                w.set(1, 1_700_000_000_000L + i);
                w.set(2, "acct-" + (i % 3));
                w.endRow();
            }
        }
        long groups = (Long) DuckDbReader.query("SELECT count(DISTINCT row_group_id) FROM parquet_metadata("
                + DuckDbReader.path(f) + ")").get(0).get(0);
        assertThat(groups).as("several row groups").isGreaterThan(5);
        // every stored value: its own row group is never excluded
        for (int i = 0; i < ids.length; i += 997) {
            if (ids[i] == null) {
                continue;
            }
            List<List<Object>> probe = DuckDbReader.query("SELECT count(*) FILTER (WHERE NOT bloom_filter_excludes) FROM "
                    + "parquet_bloom_probe(" + DuckDbReader.path(f) + ", 'id', '" + ids[i] + "')");
            assertThat((Long) probe.get(0).get(0)).as("row groups that may hold %s", ids[i]).isBetween(1L, 2L);
            assertThat(DuckDbReader.query("SELECT count(*) FROM read_parquet(" + DuckDbReader.path(f) + ") WHERE id = '"
                    + ids[i] + "'").get(0).get(0)).isEqualTo(1L);
        }
        // values never stored: (nearly) every row group excluded
        List<List<Object>> absent = DuckDbReader.query("SELECT count(*) FILTER (WHERE NOT bloom_filter_excludes), count(*) FROM "
                + "parquet_bloom_probe(" + DuckDbReader.path(f) + ", 'id', 'not-an-event-id')");
        assertThat((Long) absent.get(0).get(0)).isLessThanOrEqualTo(1L);
        assertThat((Long) absent.get(0).get(1)).isEqualTo(groups);
        // a dictionary column's filter too
        assertThat(DuckDbReader.query("SELECT count(*) FILTER (WHERE NOT bloom_filter_excludes) FROM parquet_bloom_probe("
                + DuckDbReader.path(f) + ", 'd', 'acct-2')").get(0).get(0)).isEqualTo(groups);
        assertThat(DuckDbReader.query("SELECT count(*) FILTER (WHERE NOT bloom_filter_excludes) FROM parquet_bloom_probe("
                + DuckDbReader.path(f) + ", 'd', 'acct-9')").get(0).get(0)).isEqualTo(0L);
        // the timestamp without a zone reads as DuckDB's TIMESTAMP, the UTC time's wall clock
        assertThat(DuckDbReader.query("SELECT typeof(t), strftime(min(t), '%Y-%m-%dT%H:%M:%S.%g') FROM read_parquet("
                + DuckDbReader.path(f) + ") GROUP BY 1")).containsExactly(List.of("TIMESTAMP", "2023-11-14T22:13:20.000"));
    }
}
