package io.trailhound.cli.bench;

import io.trailhound.core.ingest.InputFinder;
import io.trailhound.core.rules.engine.RuleSet;
import java.nio.file.Path;
import java.util.ArrayList;
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

    public static void main(String[] args) throws Exception {
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
        CpuRounds.measure(ids, rounds, false, id -> {
            BenchHarness.scan(() -> new InputFinder().find(List.of(logs)), 2, id.equals("default"), known.get(id).rules());
            return "";
        });
    }
}
