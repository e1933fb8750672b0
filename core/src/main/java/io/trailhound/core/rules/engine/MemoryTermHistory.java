package io.trailhound.core.rules.engine;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link TermHistory} in hash maps, one per rule: one run's worth. A rule's terms are looked up by
 * the term itself (no key made per call); distinct rules may be read and written from two threads at once.
 */
public class MemoryTermHistory implements TermHistory {
    private final Map<String, Map<String, long[]>> byRule = new ConcurrentHashMap<>();

    @Override
    public long[] sightings(String ruleId, String term) {
        Map<String, long[]> terms = byRule.get(ruleId);
        return terms == null ? null : terms.get(term);
    }

    @Override
    public void record(String ruleId, String term, long timeMillis) {
        long[] t = terms(ruleId).get(term);
        if (t == null) {
            terms(ruleId).put(term, new long[] {timeMillis, timeMillis});
        } else {
            t[0] = Math.min(t[0], timeMillis);
            t[1] = Math.max(t[1], timeMillis);
        }
    }

    private Map<String, long[]> terms(String ruleId) {
        return byRule.computeIfAbsent(ruleId, k -> new HashMap<>());
    }

    @Override
    public boolean concurrentRules() {
        return true;
    }

    /** Adds sightings read back from a store, before a run. */
    public void seed(String ruleId, String term, long first, long last) {
        terms(ruleId).put(term, new long[] {first, last});
    }

    /** Every term seen, for writing back to a store: rule id, term, first, last. */
    public void forEach(Visitor v) {
        byRule.forEach((rule, terms) -> terms.forEach((term, t) -> v.visit(rule, term, t[0], t[1])));
    }

    @FunctionalInterface
    public interface Visitor {
        void visit(String ruleId, String term, long first, long last);
    }
}
