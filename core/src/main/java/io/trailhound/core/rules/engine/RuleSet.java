package io.trailhound.core.rules.engine;

import io.trailhound.core.rules.RuleSelection;
import io.trailhound.core.rules.ir.CompiledRule;
import io.trailhound.core.rules.ir.EventMemo;
import io.trailhound.core.rules.ir.Predicates;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The enabled rules, indexed by what their conditions require of the event's name and source, so
 * an event is tested only against rules that could match it. At compile time each rule yields a
 * test on {@code eventName} and one on {@code eventSource} that every event it matches must pass
 * (equality, lists, wildcards, negations: whatever the condition says at its top level); the
 * first event with a given name and source runs those tests once and the answer is cached, so the
 * per-event cost is two hash lookups. Rules constraining neither are the catch-all bucket. Within
 * a bucket rules keep load order (first matching, {@link CompiledRule#firstMatch()}, depends on it). Safe to share
 * between threads.
 */
public final class RuleSet {
    /**
     * One enabled rule with its load position, and its condition as the detector evaluates it:
     * the same test with the parts other rules share marked ({@link SharedTests}), answered once
     * per event through an {@link EventMemo}.
     */
    public record Entry(int ordinal, CompiledRule rule, io.trailhound.core.rules.ir.Predicate test) {
        public Entry(int ordinal, CompiledRule rule) {
            this(ordinal, rule, rule.condition());
        }
    }

    /** An enabled rule with what it needs of the event's name and source (null: nothing). */
    private record Indexed(Entry entry, Predicate<String> name, Predicate<String> source) {
    }

    private static final Entry[] NONE = new Entry[0];
    /** The cache key of an absent name or source: no real value contains a NUL. */
    private static final String ABSENT = "\u0000";
    /** Distinct (name, source) pairs cached at most; past that (garbage names), selection runs per event. */
    private static final int MAX_CACHED = 100_000;

    private final List<CompiledRule> all;
    private final List<Entry> enabled;
    private final List<Indexed> indexed = new ArrayList<>();
    private final List<Entry> catchAll = new ArrayList<>();
    private final int byName;
    private final Map<String, Map<String, Entry[]>> cache = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger cached = new java.util.concurrent.atomic.AtomicInteger();
    private final SharedTests.Result shared;
    /** Per enabled rule (by ordinal): the memo slot of its query's rows when other rules run the same query instance, else -1. */
    private final int[] rowsSlot;
    private final int rowsSlots;

    public RuleSet(List<CompiledRule> rules) {
        this.all = List.copyOf(rules);
        List<Entry> on = new ArrayList<>();
        int named = 0;
        List<CompiledRule> fastRules = new ArrayList<>();
        List<io.trailhound.core.rules.ir.Predicate> conditions = new ArrayList<>();
        for (CompiledRule r : rules) {
            if (!r.info().enabled() || !RuleSelection.runnable(r)) {
                continue;
            }
            CompiledRule fast = r.withCondition(Predicates.cheapestFirst(r.condition()));
            fastRules.add(fast);
            conditions.add(fast.condition());
        }
        this.shared = SharedTests.share(conditions);
        for (CompiledRule fast : fastRules) {
            Entry e = new Entry(on.size(), fast, shared.conditions().get(on.size()));
            on.add(e);
            Predicate<String> name = Predicates.necessaryTest(fast.condition(), "eventName");
            Predicate<String> source = Predicates.necessaryTest(fast.condition(), "eventSource");
            indexed.add(new Indexed(e, name, source));
            if (name == null && source == null) {
                catchAll.add(e);
            }
            if (name != null) {
                named++;
            }
        }
        this.enabled = List.copyOf(on);
        this.byName = named;
        this.rowsSlot = new int[on.size()];
        this.rowsSlots = sharedQueries(on, shared.values(), rowsSlot);
    }

    /** The rules to test an event with this name and source against, in load order. */
    public Entry[] candidates(String eventName, String eventSource) {
        String n = eventName == null ? ABSENT : eventName;
        String s = eventSource == null ? ABSENT : eventSource;
        Map<String, Entry[]> bySource = cache.get(n);
        Entry[] hit = bySource == null ? null : bySource.get(s);
        if (hit == null) {
            hit = select(eventName, eventSource);
            if (cached.incrementAndGet() <= MAX_CACHED) {
                cache.computeIfAbsent(n, k -> new ConcurrentHashMap<>()).put(s, hit);
            }
        }
        return hit;
    }

    /** Runs every rule's name and source tests once for a name and source not met before. */
    private Entry[] select(String eventName, String eventSource) {
        List<Entry> out = new ArrayList<>();
        for (Indexed i : indexed) {
            if (i.name != null && !safe(i.name, eventName)) {
                continue;
            }
            if (i.source != null && !safe(i.source, eventSource)) {
                continue;
            }
            out.add(i.entry);
        }
        return out.isEmpty() ? NONE : out.toArray(Entry[]::new);
    }

    private static boolean safe(Predicate<String> test, String value) {
        try {
            return test.test(value);
        } catch (RuntimeException e) {
            return true; // let the rule itself run, and fail, where its failure is counted
        }
    }

    /**
     * Gives each query instance that more than one rule runs (the same query loaded twice is one
     * instance: the ES|QL front end reuses it) a value slot from {@code first} on; returns the
     * number of value slots in all.
     */
    private static int sharedQueries(List<Entry> on, int first, int[] slots) {
        Map<io.trailhound.core.rules.ir.RowQuery, Integer> uses = new java.util.IdentityHashMap<>();
        for (Entry e : on) {
            if (e.rule().stateful() instanceof io.trailhound.core.rules.ir.Stateful.Query q) {
                uses.merge(q.query(), 1, Integer::sum);
            }
        }
        Map<io.trailhound.core.rules.ir.RowQuery, Integer> slotOf = new java.util.IdentityHashMap<>();
        int next = first;
        for (Entry e : on) {
            slots[e.ordinal()] = -1;
            if (e.rule().stateful() instanceof io.trailhound.core.rules.ir.Stateful.Query q && uses.get(q.query()) > 1) {
                Integer s = slotOf.get(q.query());
                if (s == null) {
                    s = next++;
                    slotOf.put(q.query(), s);
                }
                slots[e.ordinal()] = s;
            }
        }
        return next;
    }

    /** The memo slot of the entry's query rows when other rules share them ({@link EventMemo#rows}), else -1. */
    public int rowsSlot(Entry e) {
        return rowsSlot[e.ordinal()];
    }

    /** A memo for one thread's events, sized for this set's shared tests ({@link Entry#test}) and query rows. */
    public EventMemo newMemo() {
        return new EventMemo(shared.tests(), rowsSlots);
    }

    /** Every loaded rule, enabled or not, in load order. */
    public List<CompiledRule> all() {
        return all;
    }

    public List<Entry> enabled() {
        return enabled;
    }

    /** Enabled rules that neither the event name nor the source narrows: they see every event. */
    public List<Entry> catchAll() {
        return catchAll;
    }

    /** How many enabled rules are narrowed by event name (the rest by source only, or not at all). */
    public int indexedByName() {
        return byName;
    }
}
