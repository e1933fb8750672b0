package io.trailhound.core.rules;

import io.trailhound.core.rules.ir.CompiledRule;
import io.trailhound.core.rules.ir.Predicates;
import io.trailhound.core.rules.ir.RuleFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The enabled rules, indexed by the event names their conditions require, so an event is tested
 * only against rules that could match it plus the catch-all bucket of rules that do not constrain
 * the name. Within a bucket, rules keep load order (Falco's {@code first} matching depends on it).
 * Immutable and safe to share between threads.
 */
public final class RuleSet {
    /** One enabled rule with its load position. */
    public record Entry(int ordinal, CompiledRule rule) {
        public boolean falco() {
            return rule.info().format() == RuleFormat.FALCO;
        }
    }

    private final List<CompiledRule> all;
    private final List<Entry> enabled;
    private final Entry[] catchAll;
    private final Map<String, Entry[]> byFoldedName;
    private final Map<String, Entry[]> byName = new ConcurrentHashMap<>();

    public RuleSet(List<CompiledRule> rules) {
        this.all = List.copyOf(rules);
        List<Entry> on = new ArrayList<>();
        for (CompiledRule r : rules) {
            if (r.info().enabled() && RuleSelection.runnable(r)) {
                on.add(new Entry(on.size(), r));
            }
        }
        this.enabled = List.copyOf(on);
        List<Entry> loose = new ArrayList<>();
        Map<String, List<Entry>> buckets = new HashMap<>();
        for (Entry e : on) {
            Set<String> names = Predicates.requiredEventNames(e.rule().condition());
            if (names == null) {
                loose.add(e);
            } else {
                for (String n : names) {
                    buckets.computeIfAbsent(n, k -> new ArrayList<>()).add(e);
                }
            }
        }
        this.catchAll = loose.toArray(Entry[]::new);
        Map<String, Entry[]> index = new HashMap<>();
        for (Map.Entry<String, List<Entry>> b : buckets.entrySet()) {
            List<Entry> merged = new ArrayList<>(b.getValue());
            merged.addAll(loose);
            merged.sort(Comparator.comparingInt(Entry::ordinal));
            index.put(b.getKey(), merged.toArray(Entry[]::new));
        }
        this.byFoldedName = index;
    }

    /** The rules to test an event with this name against, in load order. */
    public Entry[] candidates(String eventName) {
        if (eventName == null) {
            return catchAll;
        }
        Entry[] hit = byName.get(eventName);
        if (hit == null) {
            // First sight of this exact spelling: names are few, so the fold happens a few hundred times a run.
            hit = byFoldedName.getOrDefault(eventName.toLowerCase(Locale.ROOT), catchAll);
            byName.put(eventName, hit);
        }
        return hit;
    }

    /** Every loaded rule, enabled or not, in load order. */
    public List<CompiledRule> all() {
        return all;
    }

    public List<Entry> enabled() {
        return enabled;
    }

    /** Enabled rules that no event name narrows: they see every event. */
    public List<Entry> catchAll() {
        return Arrays.asList(catchAll);
    }

    /** How many distinct event names have rules indexed under them. */
    public int indexedNames() {
        return byFoldedName.size();
    }
}
