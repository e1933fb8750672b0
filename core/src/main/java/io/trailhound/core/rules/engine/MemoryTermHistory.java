package io.trailhound.core.rules.engine;

import java.util.HashMap;
import java.util.Map;

/** {@link TermHistory} in a hash map: one run's worth. */
public class MemoryTermHistory implements TermHistory {
    private final Map<String, long[]> seen = new HashMap<>();

    @Override
    public long[] sightings(String ruleId, String term) {
        return seen.get(ruleId + '\u001e' + term);
    }

    @Override
    public void record(String ruleId, String term, long timeMillis) {
        seen.merge(ruleId + '\u001e' + term, new long[] {timeMillis, timeMillis},
                (a, b) -> new long[] {Math.min(a[0], timeMillis), Math.max(a[1], timeMillis)});
    }

    /** Adds sightings read back from a store, before a run. */
    public void seed(String ruleId, String term, long first, long last) {
        seen.put(ruleId + '\u001e' + term, new long[] {first, last});
    }

    /** Every term seen, for writing back to a store: rule id, term, first, last. */
    public void forEach(Visitor v) {
        seen.forEach((k, t) -> {
            int sep = k.indexOf('\u001e');
            v.visit(k.substring(0, sep), k.substring(sep + 1), t[0], t[1]);
        });
    }

    @FunctionalInterface
    public interface Visitor {
        void visit(String ruleId, String term, long first, long last);
    }
}
