package io.trailhound.cli.bench;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;

/**
 * The round loop of the CPU harnesses: runs each named row once a round (two warm-up rounds first,
 * each round starting at another row, {@code System.gc()} before each run), prints the process CPU
 * and wall time of every run, then the median CPU per row against the first row's.
 */
final class CpuRounds {
    /** One run of a row; what it returns is printed after the run's times. */
    interface Run {
        String run(String row) throws Exception;
    }

    private CpuRounds() {
    }

    /**
     * @param speed the ratio printed is the first row's CPU over this row's (a speed, as the bench's
     *              ratio to its floor); else this row's over the first row's (a cost)
     */
    static void measure(List<String> rows, int rounds, boolean speed, Run run) throws Exception {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        int width = rows.stream().mapToInt(String::length).max().orElse(1);
        long[][] cpu = new long[rows.size()][rounds];
        for (int i = -2; i < rounds; i++) { // two warm-up rounds
            for (int k = 0; k < rows.size(); k++) {
                int j = Math.floorMod(k + i, rows.size()); // each round starts at another row
                System.gc();
                long before = os.getProcessCpuTime();
                long start = System.nanoTime();
                String detail = run.run(rows.get(j));
                long used = os.getProcessCpuTime() - before;
                if (i >= 0) {
                    cpu[j][i] = used;
                }
                System.out.printf("round %d %-" + width + "s %6.0f ms CPU %6.0f ms wall%s%n", i, rows.get(j), used / 1e6,
                        (System.nanoTime() - start) / 1e6, detail);
            }
        }
        double first = 0;
        for (int j = 0; j < rows.size(); j++) {
            long[] c = cpu[j].clone();
            Arrays.sort(c);
            double median = c[rounds / 2] / 1e6;
            if (j == 0) {
                first = median;
            }
            System.out.printf("median CPU %-" + width + "s %7.0f ms  %.3f of %s (min %.0f, max %.0f)%n", rows.get(j), median,
                    speed ? first / median : median / first, rows.get(0), c[0] / 1e6, c[rounds - 1] / 1e6);
        }
    }
}
