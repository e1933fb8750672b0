package io.trailhound.core.rules.engine;

import io.trailhound.core.event.CloudTrailEvent;
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
 * per-event cost is two hash lookups. Rules constraining neither are the catch-all bucket. Where
 * some of those rules also need errorCode to be absent (or present) or a userIdentity.type, the
 * bucket is split once more by the event's identity type and whether it has an errorCode. Within
 * a bucket rules keep load order (first matching, {@link CompiledRule#firstMatch()}, depends on it). Safe to share
 * between threads.
 */
public final class RuleSet {
    /**
     * One enabled rule with its load position, and its condition as the detector evaluates it:
     * the same test with the parts other rules share marked ({@link SharedTests}), answered once
     * per event through an {@link EventMemo}, and checks of the record's bytes before tests that
     * need a text from a member ({@link MemberGates}). The rule's output reads the dear fields that
     * other places read through the memo too.
     */
    public record Entry(int ordinal, CompiledRule rule, io.trailhound.core.rules.ir.Predicate test) {
        public Entry(int ordinal, CompiledRule rule) {
            this(ordinal, rule, rule.condition());
        }
    }

    /**
     * An enabled rule with what it needs of the event's name and source, and of its errorCode and
     * userIdentity.type (null: nothing).
     */
    private record Indexed(Entry entry, Predicate<String> name, Predicate<String> source, Predicate<String> error,
                           boolean errorAbsent, Predicate<String> identity) {
    }

    /**
     * The rules an event name and source may need; when some of them also test errorCode or the
     * identity type, the part of them each identity type (with and without an error) needs, made on
     * first use: an event is then tested only against rules it can match on all four.
     */
    private final class Bucket {
        final Entry[] all;
        final boolean narrows;
        final Map<String, Entry[][]> byIdentity = new ConcurrentHashMap<>();

        Bucket(Entry[] all) {
            this.all = all;
            boolean n = false;
            for (Entry e : all) {
                Indexed i = indexed.get(e.ordinal());
                n |= i.error != null || i.errorAbsent || i.identity != null;
            }
            this.narrows = n;
        }

        /** The rules for an identity type: [0] for an event without errorCode, [1] with one. */
        Entry[][] split(String identityType) {
            List<Entry> withError = new ArrayList<>();
            List<Entry> without = new ArrayList<>();
            for (Entry e : all) {
                Indexed i = indexed.get(e.ordinal());
                if (i.identity != null && !safe(i.identity, identityType)) {
                    continue;
                }
                if (!i.errorAbsent) {
                    withError.add(e); // what an errorCode's value needs is left to the rule
                }
                if (i.error == null || safe(i.error, null)) {
                    without.add(e);
                }
            }
            return new Entry[][] {array(without), array(withError)};
        }
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
    private final Map<String, Map<String, Bucket>> cache = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger cached = new java.util.concurrent.atomic.AtomicInteger();
    private final SharedTests.Result shared;
    /** Per enabled rule (by ordinal): the memo slot of its query's rows when other rules run the same query instance, else -1. */
    private final int[] rowsSlot;
    private final int rowsSlots;
    /** Per enabled rule (by ordinal): the first earlier rule that makes the same stateful candidates, else -1. */
    private final int[] twinOf;

    public RuleSet(List<CompiledRule> rules) {
        this.all = List.copyOf(rules);
        List<Entry> on = new ArrayList<>();
        int named = 0;
        List<CompiledRule> fastRules = new ArrayList<>();
        List<io.trailhound.core.rules.ir.Predicate> conditions = new ArrayList<>();
        List<io.trailhound.core.rules.ir.OutputTemplate> outputs = new ArrayList<>();
        for (CompiledRule r : rules) {
            if (!r.info().enabled() || !RuleSelection.runnable(r)) {
                continue;
            }
            CompiledRule fast = r.withCondition(Predicates.cheapestFirst(r.condition()));
            fastRules.add(fast);
            conditions.add(MemberGates.apply(fast.condition()));
            outputs.add(fast.output());
        }
        this.shared = SharedTests.share(conditions, outputs);
        for (CompiledRule rule : fastRules) {
            CompiledRule fast = rule.withOutput(shared.outputs().get(on.size()));
            Entry e = new Entry(on.size(), fast, shared.conditions().get(on.size()));
            on.add(e);
            Predicate<String> name = Predicates.necessaryTest(fast.condition(), "eventName");
            Predicate<String> source = Predicates.necessaryTest(fast.condition(), "eventSource");
            indexed.add(new Indexed(e, name, source, Predicates.necessaryTest(fast.condition(), "errorCode"),
                    Predicates.requiresAbsent(fast.condition(), "errorCode"),
                    Predicates.necessaryTest(fast.condition(), "userIdentity.type")));
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
        this.twinOf = twins(on);
    }

    /** The rules to test an event with this name and source against, in load order. */
    public Entry[] candidates(String eventName, String eventSource) {
        return bucket(eventName, eventSource).all;
    }

    /**
     * The rules to test {@code e} against, in load order: those its name and source may need, less
     * those that need an errorCode it lacks (or lack one it has) or another identity type.
     */
    public Entry[] candidates(CloudTrailEvent e) {
        Bucket b = bucket(e.eventName(), e.eventSource());
        if (!b.narrows) {
            return b.all;
        }
        String type = e.userIdentity().type();
        String key = type == null ? ABSENT : type;
        Entry[][] split = b.byIdentity.get(key);
        if (split == null) {
            split = b.split(type);
            if (cached.incrementAndGet() <= MAX_CACHED) {
                b.byIdentity.put(key, split);
            }
        }
        return split[e.errorCode() == null ? 0 : 1];
    }

    private Bucket bucket(String eventName, String eventSource) {
        String n = eventName == null ? ABSENT : eventName;
        String s = eventSource == null ? ABSENT : eventSource;
        Map<String, Bucket> bySource = cache.get(n);
        Bucket hit = bySource == null ? null : bySource.get(s);
        if (hit == null) {
            hit = new Bucket(select(eventName, eventSource));
            if (cached.incrementAndGet() <= MAX_CACHED) {
                cache.computeIfAbsent(n, k -> new ConcurrentHashMap<>()).put(s, hit);
            }
        }
        return hit;
    }

    private static Entry[] array(List<Entry> entries) {
        return entries.isEmpty() ? NONE : entries.toArray(Entry[]::new);
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
        return array(out);
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

    /**
     * Pairs each new-terms or threshold rule with the first earlier one that makes the same candidates
     * from every event: the same condition (one node once {@link SharedTests} has interned them, so
     * equal by structure) and an operator reading the same fields ({@link io.trailhound.core.rules.ir.Accessor#shareKey})
     * with the same parameters; Falco's first-match rules are left alone (another rule's match hides them).
     */
    private static int[] twins(List<Entry> on) {
        int[] out = new int[on.size()];
        Map<List<Object>, Integer> first = new java.util.HashMap<>();
        for (Entry e : on) {
            out[e.ordinal()] = -1;
            List<Object> key = candidateKey(e);
            if (key != null) {
                Integer earlier = first.putIfAbsent(key, e.ordinal());
                out[e.ordinal()] = earlier == null ? -1 : earlier;
            }
        }
        return out;
    }

    /** What decides an entry's stateful candidates, as a key equal for equal ones; null for a rule never paired. */
    private static List<Object> candidateKey(Entry e) {
        CompiledRule r = e.rule();
        if (r.firstMatch()) {
            return null;
        }
        // The condition by identity: SharedTests gives equal conditions one instance.
        Object condition = new IdentityKey(e.test());
        if (r.stateful() instanceof io.trailhound.core.rules.ir.Stateful.NewTerms nt) {
            return List.of("new_terms", condition, shareKeys(nt.fields()), nt.history());
        }
        if (r.stateful() instanceof io.trailhound.core.rules.ir.Stateful.Threshold t) {
            return java.util.Arrays.asList("threshold", condition, shareKeys(t.groupBy()), t.window(), t.count(),
                    t.cardinalityField() == null ? null : t.cardinalityField().shareKey(), t.cardinality());
        }
        return null;
    }

    private static List<Object> shareKeys(List<io.trailhound.core.rules.ir.Accessor> fields) {
        List<Object> keys = new ArrayList<>(fields.size());
        fields.forEach(f -> keys.add(f.shareKey()));
        return keys;
    }

    /** An object equal only to itself, whatever its own equals says. */
    private record IdentityKey(Object of) {
        @Override
        public boolean equals(Object o) {
            return o instanceof IdentityKey k && k.of == of;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(of);
        }
    }

    /**
     * The ordinal of the first earlier enabled rule whose stateful candidates are those of the rule at
     * {@code ordinal} for every event (the same rule in two packs, say), or -1: the engine may then
     * hold one candidate for both.
     */
    public int twinOf(int ordinal) {
        return twinOf[ordinal];
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
