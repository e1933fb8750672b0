package io.trailhound.cli.bench;

import io.trailhound.core.ingest.InputFinder;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;

/**
 * A CPU harness for issue 25's speed target, not a test: runs the default scan (attribution + the
 * built-in pack) and {@code --no-attribute} over one dataset, alternately, in one JVM, and prints
 * the process CPU of each run and the median per mode, since wall rows of 0.3 s are too noisy on a
 * shared machine. Usage: {@code java -cp <cli jar>:<test classes> io.trailhound.cli.bench.AttributionCpuHarness LOGS [ROUNDS [default|no-attribute|isolated]]}.
 *
 * <p>{@code isolated}: attribution alone, in one thread, over the dataset's events decoded afresh
 * before each round (fresh strings, as the reading threads hand them over: no hash cached), timed
 * by that thread's CPU, in ns per event; steadier than the difference of two whole scans.
 */
public final class AttributionCpuHarness {
    private AttributionCpuHarness() {
    }

    public static void main(String[] args) throws Exception {
        String logs = args[0];
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        String only = args.length > 2 ? args[2] : null; // "default" or "no-attribute": one mode alone (for a profile)
        if ("isolated".equals(only)) {
            isolated(logs, rounds);
            return;
        }
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        var rules = RulePacks.builtin().rules();
        long[] plain = new long[rounds];
        long[] dflt = new long[rounds];
        for (int i = -2; i < rounds; i++) { // two warm-up rounds
            for (int mode = 0; mode < 2; mode++) {
                boolean attribute = (mode == 1) ^ (i % 2 != 0); // alternate which mode goes first
                if (only != null && only.equals("default") != attribute) {
                    continue;
                }
                System.gc();
                long before = os.getProcessCpuTime();
                BenchHarness.scan(() -> new InputFinder().find(List.of(logs)), 2, attribute, rules);
                long cpu = os.getProcessCpuTime() - before;
                if (i >= 0) {
                    (attribute ? dflt : plain)[i] = cpu;
                }
                System.out.printf("round %d %-14s %6.0f ms CPU%n", i, attribute ? "default" : "no-attribute", cpu / 1e6);
            }
        }
        Arrays.sort(plain);
        Arrays.sort(dflt);
        double p = plain[rounds / 2] / 1e6, d = dflt[rounds / 2] / 1e6;
        System.out.printf("median CPU: no-attribute %.0f ms, default %.0f ms, default/no-attribute %.3f%n", p, d, d / p);
    }

    private static final int BATCH = 32;

    private static void isolated(String logs, int rounds) throws java.io.IOException {
        List<byte[]> raws = new java.util.ArrayList<>();
        io.trailhound.core.scan.Scan.builder(new io.trailhound.core.scan.ScanOptions(
                        io.trailhound.core.ingest.ReadLimits.defaults(), 2, null))
                .onEvent(e -> raws.add(e.rawBytes().clone()))
                .build().run(new InputFinder().find(List.of(logs)), io.trailhound.core.ingest.IngestProgress.NONE);
        var json = new com.fasterxml.jackson.core.JsonFactory();
        var decoder = new io.trailhound.core.event.CloudTrailEventDecoder();
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] ns = new long[rounds];
        for (int i = -3; i < rounds; i++) {
            System.gc();
            long used = 0;
            // Decoded in small batches, each attributed at once: its events are in the cache, as the reading threads hand them over.
            io.trailhound.core.event.CloudTrailEvent[] batch = new io.trailhound.core.event.CloudTrailEvent[BATCH];
            try (var a = new io.trailhound.core.identity.Attributor()) {
                for (int from = 0; from < raws.size(); from += BATCH) {
                    int n = Math.min(BATCH, raws.size() - from);
                    for (int k = 0; k < n; k++) {
                        batch[k] = decoder.decodeRecord(json, raws.get(from + k), null);
                    }
                    long before = threads.getCurrentThreadCpuTime();
                    for (int k = 0; k < n; k++) {
                        a.accept(batch[k]);
                    }
                    used += threads.getCurrentThreadCpuTime() - before;
                }
                long before = threads.getCurrentThreadCpuTime();
                a.finish();
                used += threads.getCurrentThreadCpuTime() - before;
            }
            if (i >= 0) {
                ns[i] = used;
            }
            System.out.printf("round %d isolated %6.0f ms thread CPU, %5.0f ns/event%n", i, used / 1e6, (double) used / raws.size());
        }
        Arrays.sort(ns);
        System.out.printf("median isolated: %.0f ms thread CPU, %.0f ns/event over %d events%n", ns[rounds / 2] / 1e6,
                (double) ns[rounds / 2] / raws.size(), raws.size());
    }
}
