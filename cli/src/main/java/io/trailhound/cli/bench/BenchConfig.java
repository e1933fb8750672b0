package io.trailhound.cli.bench;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@code trailhound bench} measures.
 *
 * @param events   CloudTrail records in the main dataset (at least 1000, the generator's minimum);
 *                 the heap comparison also uses a dataset of a tenth of that (at least 1000)
 * @param seed     generator seed: the same seed and size give the same files
 * @param cacheDir where generated datasets are kept between runs, one folder per seed and size
 * @param threads  parallelism of every measured row (Trailhound workers, jq processes, DuckDB threads)
 * @param repeats  timed runs per row, after one warm-up run; the median is reported
 * @param peers    also run jq and DuckDB over the same files
 */
public record BenchConfig(long events, long seed, Path cacheDir, int threads, int repeats, boolean peers) {
    /** The generator does not write fewer records than this. */
    public static final long MIN_EVENTS = 1000;

    public BenchConfig {
        Objects.requireNonNull(cacheDir, "cacheDir");
        if (events < MIN_EVENTS) {
            throw new IllegalArgumentException("--events must be at least " + MIN_EVENTS + ", got " + events);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
        }
        if (repeats < 1) {
            throw new IllegalArgumentException("--repeats must be at least 1, got " + repeats);
        }
    }

    /** 200,000 events, seed 42, cache in {@code ~/.cache/trailhound/bench}, all cores, 5 repeats, peers on. */
    public static BenchConfig defaults() {
        return new BenchConfig(200_000, 42, defaultCacheDir(), Runtime.getRuntime().availableProcessors(), 5, true);
    }

    public static Path defaultCacheDir() {
        return Path.of(System.getProperty("user.home"), ".cache", "trailhound", "bench");
    }

    public BenchConfig withEvents(long n) {
        return new BenchConfig(n, seed, cacheDir, threads, repeats, peers);
    }

    public BenchConfig withSeed(long s) {
        return new BenchConfig(events, s, cacheDir, threads, repeats, peers);
    }

    public BenchConfig withCacheDir(Path dir) {
        return new BenchConfig(events, seed, dir, threads, repeats, peers);
    }

    public BenchConfig withThreads(int t) {
        return new BenchConfig(events, seed, cacheDir, t, repeats, peers);
    }

    public BenchConfig withRepeats(int r) {
        return new BenchConfig(events, seed, cacheDir, threads, r, peers);
    }

    public BenchConfig withPeers(boolean p) {
        return new BenchConfig(events, seed, cacheDir, threads, repeats, p);
    }
}
