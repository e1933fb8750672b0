package io.trailhound.cli.bench;

import io.trailhound.core.ingest.InputFinder;
import io.trailhound.core.rules.engine.Detector;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A CPU harness for issue 26, not a test: runs the bench's {@code scan --db} row (a new store
 * file each run) and its {@code scan (default)} row over one dataset, in turn, in one JVM, and
 * prints each run's process CPU and wall time and the medians, since wall rows of a second or two
 * are too noisy on a shared machine. With {@code TRAILHOUND_STORE_TIMING=1} the store also prints
 * its phases. Usage: {@code java -cp <cli jar>:<test classes> io.trailhound.cli.bench.StoreCpuHarness
 * LOGS [ROUNDS] [WORKDIR]}.
 */
public final class StoreCpuHarness {
    private StoreCpuHarness() {
    }

    public static void main(String[] args) throws Exception {
        Path logs = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path work = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("trailhound-store-cpu");
        StoreRows store = new StoreRows(work);
        Detector builtin = new Detector(RulePacks.builtin().rules());
        String[] rows = {"scan (default)", "scan --db"};
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long[][] cpu = new long[rows.length][rounds];
        long[][] wall = new long[rows.length][rounds];
        for (int i = -2; i < rounds; i++) { // two warm-up rounds
            for (int k = 0; k < rows.length; k++) {
                int j = Math.floorMod(k + i, rows.length); // each round starts at another row
                System.gc();
                long before = os.getProcessCpuTime();
                long start = System.nanoTime();
                long startedAt = System.currentTimeMillis();
                if (j == 0) {
                    BenchHarness.scan(() -> new InputFinder().find(List.of(logs.toString())), 2, true, builtin.rules());
                } else {
                    store.scanIntoStore(logs, 2, builtin);
                }
                long used = os.getProcessCpuTime() - before;
                long took = System.nanoTime() - start;
                if (i >= 0) {
                    cpu[j][i] = used;
                    wall[j][i] = took;
                }
                // The epoch milliseconds of the run, to find its samples in a flight recording.
                System.out.printf("round %d %-16s %6.0f ms CPU %6.0f ms wall  [%d..%d]%n", i, rows[j], used / 1e6, took / 1e6,
                        startedAt, System.currentTimeMillis());
            }
        }
        for (int j = 0; j < rows.length; j++) {
            long[] c = cpu[j].clone();
            long[] w = wall[j].clone();
            Arrays.sort(c);
            Arrays.sort(w);
            System.out.printf("median %-16s %7.0f ms CPU (min %.0f, max %.0f)  %7.0f ms wall (min %.0f, max %.0f)%n", rows[j],
                    c[rounds / 2] / 1e6, c[0] / 1e6, c[rounds - 1] / 1e6, w[rounds / 2] / 1e6, w[0] / 1e6, w[rounds - 1] / 1e6);
        }
    }
}
