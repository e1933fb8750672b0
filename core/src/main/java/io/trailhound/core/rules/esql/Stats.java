package io.trailhound.core.rules.esql;

import io.trailhound.core.rules.esql.WindowOps.Agg;
import io.trailhound.core.rules.esql.WindowPart.Row;
import io.trailhound.core.rules.ir.RowQuery;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code STATS aggs BY groups}: a row per distinct combination of group values (a multi-valued
 * group value puts the row in each of its groups; null is a group), aggregates first and groups
 * last, as ES|QL orders them; rows of width {@code width[0]}. Runs over a window's rows, or keeps
 * groups per slice of a window ({@link Slice}) that {@link #merge} combines: group order,
 * first-seen order of {@code VALUES} and sources come out as over the rows of all the slices.
 */
final class Stats implements WindowPart.Op {
    private final List<Agg> aggs;
    private final Ev[] groups;
    private final int[] width;

    Stats(List<Agg> aggs, Ev[] groups, int[] width) {
        this.aggs = List.copyOf(aggs);
        this.groups = groups;
        this.width = width;
    }

    @Override
    public List<Row> apply(List<Row> rows, Frame f) {
        Map<Key, Group> byKey = new LinkedHashMap<>();
        for (Row r : rows) {
            f.slots = r.values();
            for (Key key : keys(f)) {
                Group g = byKey.computeIfAbsent(key, k -> new Group(aggs, k));
                g.add(aggs, f);
                for (int s : r.sources()) {
                    g.source(s);
                }
            }
        }
        return rows(byKey);
    }

    /** The groups of one slice of time; its rows must not depend on {@code NOW()}. */
    final class Slice implements RowQuery.Partial {
        private final Map<Key, Group> byKey = new HashMap<>();
        /** The groups in the order their keys first came: a window's groups come in that order. */
        private final List<Group> groups = new ArrayList<>();
        private final Frame f = new Frame(null, null, 0);
        /** The merger whose entries the first {@code adopted} groups point to, and its last merge that included this slice. */
        private Merger owner;
        private int adopted;
        private long seen;

        @Override
        public void add(Object rows, int source) {
            for (Object[] row : PerEventPart.asRows(rows)) {
                f.slots = row;
                for (Key key : keys(f)) {
                    Group g = byKey.get(key);
                    if (g == null) {
                        g = new Group(aggs, key);
                        byKey.put(key, g);
                        groups.add(g);
                    }
                    g.add(aggs, f);
                    g.source(source);
                }
            }
        }
    }

    Slice slice() {
        return new Slice();
    }

    /** Merges windows of slices for one run of executions; see {@link Merger}. */
    Merger merger() {
        return new Merger();
    }

    /**
     * Merges the slices of a window, execution after execution of one rule. Overlapping windows
     * share most slices: each slice's groups are tied to an {@link Entry} per key once, when the
     * slice first comes, so an execution walks its slices' groups without hashing a key, and a
     * group made of the same slice groups as in the execution before (nothing added to them since)
     * is taken as it was, results included: a key seen in one slice of a 24-slice look-back is
     * merged once, not 24 times. Entries live while a slice of the last window holds their key.
     */
    final class Merger {
        private final Map<Key, Entry> entries = new HashMap<>();
        private final List<Entry> order = new ArrayList<>();
        private List<Slice> window = List.of();
        private long epoch;

        /** The rows of the slices' rows, in order; null when an aggregate cannot merge exactly. */
        List<Row> merge(List<Slice> slices) {
            epoch++;
            order.clear();
            for (Slice s : slices) {
                adopt(s);
                s.seen = epoch;
                for (int i = 0; i < s.adopted; i++) {
                    Group g = s.groups.get(i);
                    Entry e = g.entry;
                    if (e.epoch != epoch) {
                        e.epoch = epoch;
                        e.size = 0;
                        order.add(e);
                    }
                    e.part(g);
                }
            }
            for (Slice s : window) {
                if (s.seen != epoch && s.owner == this) {
                    release(s);
                }
            }
            window = new ArrayList<>(slices);
            if (order.isEmpty() && groups.length == 0) {
                return rows(new LinkedHashMap<>());
            }
            List<Row> out = new ArrayList<>(Math.max(1, order.size()));
            for (Entry e : order) {
                Merged m = e.merged;
                if (m == null || !m.madeOf(e.parts, e.size)) {
                    m = new Merged(e.key, e.parts, e.size);
                    e.merged = m;
                }
                if (m.results == null) {
                    return null;
                }
                out.add(new Row(Arrays.copyOf(m.results, width[0]), m.sources));
            }
            return out;
        }

        /** Ties the slice's groups not yet tied to this merger's entries (a slice grows while it is the newest). */
        private void adopt(Slice s) {
            if (s.owner != this) { // first seen, or merged by another merger before (its entries are not ours)
                s.owner = this;
                s.adopted = 0;
            }
            for (; s.adopted < s.groups.size(); s.adopted++) {
                Group g = s.groups.get(s.adopted);
                g.entry = entries.computeIfAbsent(g.key, Entry::new);
                g.entry.refs++;
            }
        }

        /** A slice left the window: its keys' entries go once no slice of ours holds them. */
        private void release(Slice s) {
            for (int i = 0; i < s.adopted; i++) {
                Entry e = s.groups.get(i).entry;
                if (--e.refs == 0) {
                    entries.remove(e.key);
                }
            }
            s.owner = null;
            s.adopted = 0;
        }

        /** Keys with an entry: those of the slices of the last window. */
        int entries() {
            return entries.size();
        }
    }

    /** One key's groups in the window being merged (in slice order) and its last merge. */
    private static final class Entry {
        final Key key;
        int refs; // adopted slice groups of this key
        long epoch; // the merge that filled parts
        Group[] parts = new Group[2];
        int size;
        Merged merged;

        Entry(Key key) {
            this.key = key;
        }

        void part(Group g) {
            if (size == parts.length) {
                parts = Arrays.copyOf(parts, size * 2);
            }
            parts[size++] = g;
        }
    }

    /** A group merged from slice groups, with its row's values (null when it cannot merge exactly). */
    private final class Merged {
        private final Group[] parts;
        private final int[] partCounts; // each part's count of inputs when merged: a later add changes it
        final Object[] results;
        final int[] sources;

        Merged(Key key, Group[] from, int size) {
            parts = Arrays.copyOf(from, size);
            partCounts = new int[size];
            for (int i = 0; i < size; i++) {
                partCounts[i] = parts[i].count;
            }
            if (size == 1) { // one slice's group is the key's aggregation itself: nothing to merge
                results = values(key, parts[0]);
                sources = parts[0].sources();
                return;
            }
            Group g = new Group(aggs, key);
            boolean exact = true;
            for (int i = 0; i < size && exact; i++) {
                exact = g.merge(parts[i]);
            }
            results = exact ? values(key, g) : null;
            sources = exact ? g.sources() : null;
        }

        boolean madeOf(Group[] from, int size) {
            if (size != parts.length) {
                return false;
            }
            for (int i = 0; i < size; i++) {
                if (from[i] != parts[i] || parts[i].count != partCounts[i]) {
                    return false;
                }
            }
            return true;
        }
    }

    /** A group's row values: aggregates first, then the group values. */
    private Object[] values(Key key, Group g) {
        Object[] values = new Object[width[0]];
        for (int i = 0; i < aggs.size(); i++) {
            values[i] = g.accs[i].result();
        }
        for (int i = 0; i < groups.length; i++) {
            values[aggs.size() + i] = key.get(i);
        }
        return values;
    }

    private List<Row> rows(Map<Key, Group> byKey) {
        if (byKey.isEmpty() && groups.length == 0) {
            Key none = new Key(new Object[0]);
            byKey.put(none, new Group(aggs, none));
        }
        List<Row> out = new ArrayList<>(byKey.size());
        for (Map.Entry<Key, Group> e : byKey.entrySet()) {
            out.add(new Row(values(e.getKey(), e.getValue()), e.getValue().sources()));
        }
        return out;
    }

    /** One group's accumulators and the inputs that reached it. */
    private static final class Group {
        final Aggregates.Acc[] accs;
        final Key key;
        Entry entry; // in a slice: its key's entry in the merger that adopted the slice
        private int[] sources = new int[1];
        private int count;

        Group(List<Agg> aggs, Key key) {
            this.key = key;
            accs = new Aggregates.Acc[aggs.size()];
            for (int i = 0; i < accs.length; i++) {
                accs[i] = aggs.get(i).acc().get();
            }
        }

        void add(List<Agg> aggs, Frame f) {
            for (int i = 0; i < accs.length; i++) {
                Agg a = aggs.get(i);
                if (a.filter() != null && !Boolean.TRUE.equals(a.filter().eval(f))) {
                    continue;
                }
                if (a.arg() == null) {
                    accs[i].add(Boolean.TRUE);
                } else {
                    Object v = a.arg().eval(f);
                    if (v != null) {
                        accs[i].add(v);
                    }
                }
            }
        }

        /** Records an input; the rows of one input come one after another, so a repeat is the last one. */
        void source(int s) {
            if (count > 0 && sources[count - 1] == s) {
                return;
            }
            if (count == sources.length) {
                sources = Arrays.copyOf(sources, count * 2);
            }
            sources[count++] = s;
        }

        boolean merge(Group later) {
            for (int i = 0; i < accs.length; i++) {
                if (!accs[i].merge(later.accs[i])) {
                    return false;
                }
            }
            for (int i = 0; i < later.count; i++) {
                source(later.sources[i]);
            }
            return true;
        }

        /** Ascending, without repeats (rows reordered by an earlier SORT or STATS come in any order). */
        int[] sources() {
            int[] out = Arrays.copyOf(sources, count);
            for (int i = 1; i < out.length; i++) {
                if (out[i] <= out[i - 1]) {
                    return Arrays.stream(out).sorted().distinct().toArray();
                }
            }
            return out;
        }
    }

    /** Every combination of the group values of a row (one per value of each multi-valued one). */
    private List<Key> keys(Frame f) {
        Object[] single = new Object[groups.length];
        boolean multi = false;
        for (int i = 0; i < groups.length; i++) {
            single[i] = groups[i].eval(f);
            multi |= single[i] instanceof List;
        }
        if (!multi) { // the common case: one group, no combinations to build
            return List.of(new Key(single));
        }
        List<Object[]> keys = new ArrayList<>(1);
        keys.add(new Object[0]);
        for (Object v : single) {
            List<?> values = v instanceof List<?> l ? l : java.util.Collections.singletonList(v);
            List<Object[]> next = new ArrayList<>(keys.size() * values.size());
            for (Object[] k : keys) {
                for (Object one : values) {
                    Object[] nk = Arrays.copyOf(k, k.length + 1);
                    nk[k.length] = one;
                    next.add(nk);
                }
            }
            keys = next;
        }
        List<Key> out = new ArrayList<>(keys.size());
        for (Object[] k : keys) {
            out.add(new Key(k));
        }
        return out;
    }

    /**
     * A group's values, compared as a list of them is ({@code equals} per value), with the hash
     * worked out once: a key is looked up in every slice and every execution that sees it.
     */
    static final class Key {
        private final Object[] values;
        private final int hash;

        Key(Object[] values) {
            this.values = values;
            this.hash = Arrays.hashCode(values);
        }

        Object get(int i) {
            return values[i];
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.hash == hash && Arrays.equals(k.values, values);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
