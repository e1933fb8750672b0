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
            System.err.printf("trailhound store timing: %-40s %8.1f ms [%s] (process CPU %.0f ms, thread CPU %.1f ms)%n", phase,
                    (System.nanoTime() - start) / 1e6, Thread.currentThread().getName(), processCpuMillis(),
                    java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1e6);
        }
    }

    /**
     * Prints the CPU time the calling thread used in its life, as it ends (the store's own threads:
     * the event writers and the writer lanes), so the store's share of a run's CPU can be told apart.
     */
    static void threadCpu() {
        if (ON) {
            java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
            System.err.printf("trailhound store timing: %-40s %8.1f ms [%s]%n", "thread CPU", mx.getCurrentThreadCpuTime() / 1e6,
                    Thread.currentThread().getName());
        }
    }

    private static double processCpuMillis() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() / 1e6 : Double.NaN;
    }

    /** Prints the process's CPU time so far, at {@code point} of the run. */
    static void processCpu(String point) {
        if (ON && java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            System.err.printf("trailhound store timing: %-40s %8.1f ms [%s]%n", "process CPU " + point, os.getProcessCpuTime() / 1e6,
                    Thread.currentThread().getName());
        }
    }
}
