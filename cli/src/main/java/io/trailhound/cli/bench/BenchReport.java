package io.trailhound.cli.bench;

import java.util.List;
import java.util.Optional;

/**
 * What a bench run measured, over one dataset.
 *
 * @param events          CloudTrail records in the dataset (before any deduplication)
 * @param files           gzip log files read by every row
 * @param compressedBytes their size on disk
 * @param inflatedBytes   their size decompressed (the JSON the rows parse); MB/s counts these
 * @param threads         parallelism of every row
 * @param repeats         timed runs per row (after one warm-up); each row reports the median
 * @param seed            generator seed of the dataset
 * @param rows            in order: gunzip, gunzip+tokenize (the floor), decode, scan, then the peers jq and duckdb when asked for
 * @param heap            peak heap while scanning a dataset a tenth the size and the full one
 * @param notes           how things were measured, cross-checks, and why a row is unavailable
 */
public record BenchReport(long events, long files, long compressedBytes, long inflatedBytes, int threads, int repeats,
                          long seed, List<Row> rows, Heap heap, List<String> notes) {

    /** Id of the row every ratio is taken against. */
    public static final String FLOOR = "gunzip+tokenize";

    public BenchReport {
        rows = List.copyOf(rows);
        notes = List.copyOf(notes);
    }

    /**
     * One measured way of reading the dataset. {@code ratioToFloor} is this row's events/s divided
     * by the floor's. A row that could not run ({@code available} false) has NaN numbers and a
     * note saying why.
     */
    public record Row(String id, String description, double medianSeconds, double eventsPerSecond, double mbPerSecond,
                      double ratioToFloor, boolean available) {

        static Row unavailable(String id, String description) {
            return new Row(id, description, Double.NaN, Double.NaN, Double.NaN, Double.NaN, false);
        }
    }

    /** Peak heap used (bytes, sampled and read from GC notifications) while {@code scan} read each dataset. */
    public record Heap(long eventsSmall, long peakHeapSmallBytes, long eventsLarge, long peakHeapLargeBytes) {
    }

    /** The row with this id, if the report has it. */
    public Optional<Row> row(String id) {
        return rows.stream().filter(r -> r.id().equals(id)).findFirst();
    }
}
