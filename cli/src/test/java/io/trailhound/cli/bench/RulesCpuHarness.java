package io.trailhound.cli.bench;

import io.trailhound.core.ingest.InputFinder;
import io.trailhound.core.rules.engine.RuleSet;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A CPU harness for issue 33's rule-pack targets, not a test: runs {@code scan --no-attribute} with
 * each of the named bench packs over one dataset, in turn, in one JVM, and prints the process CPU of
 * each run and the median per pack with its ratio to the first pack named, since wall rows of a
 * second are too noisy on a shared machine. Pack ids are the bench's ({@code rules:falco},
 * {@code rules:falco+elastic-twice}, {@code rules:all}, ...) plus {@code none} (no rule) and
 * {@code default} (attribution + the built-in pack).
 * Usage: {@code java -cp <cli jar>:<test classes> io.trailhound.cli.bench.RulesCpuHarness LOGS PEERS PACK[,PACK...] [ROUNDS]}.
 */
public final class RulesCpuHarness {
    private RulesCpuHarness() {
    }

    public static void main(String[] args) {
        String logs = args[0];
        Path peers = Path.of(args[1]);
        List<String> ids = List.of(args[2].split(","));
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 7;
        Map<String, RulePacks.Pack> known = new LinkedHashMap<>();
        known.put("none", new RulePacks.Pack("none", "no rule", new RuleSet(List.of())));
        known.put("default", RulePacks.builtin());
        for (RulePacks.Pack p : RulePacks.packs(peers, new ArrayList<>())) {
            known.put(p.id(), p);
        }
        RulePacks.Pack misuse = RulePacks.sigmaRule(peers, RulePacks.ASSUME_ROLE_MISUSE, "rules:assumerole-misuse");
        if (misuse != null) {
            known.put(misuse.id(), misuse);
        }
        for (String id : ids) {
            if (!known.containsKey(id)) {
                throw new IllegalArgumentException("unknown pack " + id + "; known: " + known.keySet());
            }
        }
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long[][] cpu = new long[ids.size()][rounds];
        for (int i = -2; i < rounds; i++) { // two warm-up rounds
            for (int k = 0; k < ids.size(); k++) {
                int j = Math.floorMod(k + i, ids.size()); // each round starts at another pack
                String id = ids.get(j);
                System.gc();
                long before = os.getProcessCpuTime();
                long start = System.nanoTime();
                BenchHarness.Tally t = BenchHarness.scan(() -> new InputFinder().find(List.of(logs)), 2,
                        id.equals("default"), known.get(id).rules());
                long used = os.getProcessCpuTime() - before;
                if (i >= 0) {
                    cpu[j][i] = used;
                }
                System.out.printf("round %d %-28s %6.0f ms CPU %6.0f ms wall%n", i, id, used / 1e6,
                        (System.nanoTime() - start) / 1e6);
            }
        }
        double first = 0;
        for (int j = 0; j < ids.size(); j++) {
            long[] c = cpu[j].clone();
            Arrays.sort(c);
            double median = c[rounds / 2] / 1e6;
            if (j == 0) {
                first = median;
            }
            System.out.printf("median CPU %-28s %7.0f ms  %.3f of %s (min %.0f, max %.0f)%n", ids.get(j), median,
                    median / first, ids.get(0), c[0] / 1e6, c[rounds - 1] / 1e6);
        }
    }
}
