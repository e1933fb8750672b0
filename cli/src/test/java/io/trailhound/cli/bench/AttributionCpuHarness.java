package io.trailhound.cli.bench;

import io.trailhound.core.ingest.InputFinder;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;

/**
 * A CPU harness for issue 25's speed target, not a test: runs the default scan (attribution + the
 * built-in pack) and {@code --no-attribute} over one dataset, alternately, in one JVM, and prints
 * the process CPU of each run and the median per mode, since wall rows of 0.3 s are too noisy on a
 * shared machine. Usage: {@code java -cp <cli jar>:<test classes> io.trailhound.cli.bench.AttributionCpuHarness LOGS [ROUNDS [default|no-attribute]]}.
 */
public final class AttributionCpuHarness {
    private AttributionCpuHarness() {
    }

    public static void main(String[] args) {
        String logs = args[0];
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        String only = args.length > 2 ? args[2] : null; // "default" or "no-attribute": one mode alone (for a profile)
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
}
