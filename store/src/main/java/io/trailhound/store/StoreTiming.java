package io.trailhound.store;

/**
 * Timing of a store run's phases on standard error, when the environment variable
 * {@code TRAILHOUND_STORE_TIMING} is set (any value): for finding where the end of a
 * {@code scan --db} run goes, without a profiler. Off, it costs one boolean test per phase.
 */
final class StoreTiming {
    static final boolean ON = System.getenv("TRAILHOUND_STORE_TIMING") != null;

    private StoreTiming() {
    }

    /** Now, for {@link #since}; 0 when off. */
    static long start() {
        return ON ? System.nanoTime() : 0;
    }

    /** Prints how long {@code phase} took since {@code start} (from {@link #start}). */
    static void since(String phase, long start) {
        if (ON) {
            System.err.printf("trailhound store timing: %-40s %8.1f ms [%s]%n", phase, (System.nanoTime() - start) / 1e6,
                    Thread.currentThread().getName());
        }
    }
}
