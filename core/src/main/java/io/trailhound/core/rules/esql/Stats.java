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
                Group g = byKey.computeIfAbsent(key, k -> new Group(aggs));
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
        private final Map<Key, Group> byKey = new LinkedHashMap<>();
        private final Frame f = new Frame(null, null, 0);

        @Override
        public void add(Object rows, int source) {
            for (Object[] row : PerEventPart.asRows(rows)) {
                f.slots = row;
                for (Key key : keys(f)) {
                    Group g = byKey.computeIfAbsent(key, k -> new Group(aggs));
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
     * share most slices, and a group's merge depends only on the slice groups that make it, so a
     * group made of the same slice groups as in the execution before (nothing added to them
     * since) is taken as it was, results included: a key seen in one slice of a 24-slice look-back
     * is merged once, not 24 times. Only groups of the current window are remembered.
     */
    final class Merger {
        private Map<Key, Merged> last = new HashMap<>();

        /** The rows of the slices' rows, in order; null when an aggregate cannot merge exactly. */
        List<Row> merge(List<Slice> slices) {
            Map<Key, List<Group>> parts = new LinkedHashMap<>();
            for (Slice s : slices) {
                for (Map.Entry<Key, Group> e : s.byKey.entrySet()) {
                    parts.computeIfAbsent(e.getKey(), k -> new ArrayList<>(2)).add(e.getValue());
                }
            }
            Map<Key, Merged> next = new HashMap<>(parts.size() * 2);
            List<Row> out = new ArrayList<>(Math.max(1, parts.size()));
            for (Map.Entry<Key, List<Group>> e : parts.entrySet()) {
                Merged m = last.get(e.getKey());
                if (m == null || !m.madeOf(e.getValue())) {
                    m = new Merged(e.getKey(), e.getValue());
                }
                if (m.results == null) {
                    last = next;
                    return null;
                }
                next.put(e.getKey(), m);
                out.add(new Row(Arrays.copyOf(m.results, width[0]), m.sources));
            }
            last = next;
            if (parts.isEmpty() && groups.length == 0) {
                return rows(new LinkedHashMap<>());
            }
            return out;
        }
    }

    /** A group merged from slice groups, with its row's values (null when it cannot merge exactly). */
    private final class Merged {
        private final Group[] parts;
        private final int[] partCounts; // each part's count of inputs when merged: a later add changes it
        final Object[] results;
        final int[] sources;

        Merged(Key key, List<Group> from) {
            parts = from.toArray(new Group[0]);
            partCounts = new int[parts.length];
            Group g = new Group(aggs);
            boolean exact = true;
            for (int i = 0; i < parts.length && exact; i++) {
                partCounts[i] = parts[i].count;
                exact = g.merge(parts[i]);
            }
            results = exact ? values(key, g) : null;
            sources = exact ? g.sources() : null;
        }

        boolean madeOf(List<Group> from) {
            if (from.size() != parts.length) {
                return false;
            }
            for (int i = 0; i < parts.length; i++) {
                if (from.get(i) != parts[i] || parts[i].count != partCounts[i]) {
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
            byKey.put(new Key(new Object[0]), new Group(aggs));
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
        private int[] sources = new int[1];
        private int count;

        Group(List<Agg> aggs) {
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
