package io.trailhound.core.rules.esql;

import io.trailhound.core.rules.esql.WindowOps.Agg;
import io.trailhound.core.rules.esql.WindowPart.Row;
import io.trailhound.core.rules.ir.RowQuery;
import java.util.ArrayList;
import java.util.Arrays;
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
        Map<List<Object>, Group> byKey = new LinkedHashMap<>();
        for (Row r : rows) {
            f.slots = r.values();
            for (List<Object> key : keys(f)) {
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
        private final Map<List<Object>, Group> byKey = new LinkedHashMap<>();
        private final Frame f = new Frame(null, null, 0);

        @Override
        public void add(Object rows, int source) {
            for (Object[] row : PerEventPart.asRows(rows)) {
                f.slots = row;
                for (List<Object> key : keys(f)) {
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

    /** The rows of the slices' rows, in order; null when an aggregate cannot merge exactly. */
    List<Row> merge(List<Slice> slices) {
        Map<List<Object>, Group> byKey = new LinkedHashMap<>();
        for (Slice s : slices) {
            for (Map.Entry<List<Object>, Group> e : s.byKey.entrySet()) {
                if (!byKey.computeIfAbsent(e.getKey(), k -> new Group(aggs)).merge(e.getValue())) {
                    return null;
                }
            }
        }
        return rows(byKey);
    }

    private List<Row> rows(Map<List<Object>, Group> byKey) {
        if (byKey.isEmpty() && groups.length == 0) {
            byKey.put(List.of(), new Group(aggs));
        }
        List<Row> out = new ArrayList<>(byKey.size());
        for (Map.Entry<List<Object>, Group> e : byKey.entrySet()) {
            Object[] values = new Object[width[0]];
            Group g = e.getValue();
            for (int i = 0; i < aggs.size(); i++) {
                values[i] = g.accs[i].result();
            }
            for (int i = 0; i < groups.length; i++) {
                values[aggs.size() + i] = e.getKey().get(i);
            }
            out.add(new Row(values, g.sources()));
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
    private List<List<Object>> keys(Frame f) {
        Object[] single = new Object[groups.length];
        boolean multi = false;
        for (int i = 0; i < groups.length; i++) {
            single[i] = groups[i].eval(f);
            multi |= single[i] instanceof List;
        }
        if (!multi) { // the common case: one group, no combinations to build
            return List.of(Arrays.asList(single));
        }
        List<List<Object>> keys = new ArrayList<>(1);
        keys.add(new ArrayList<>(groups.length));
        for (Object v : single) {
            List<?> values = v instanceof List<?> l ? l : java.util.Collections.singletonList(v);
            List<List<Object>> next = new ArrayList<>(keys.size() * values.size());
            for (List<Object> k : keys) {
                for (Object one : values) {
                    List<Object> nk = new ArrayList<>(k);
                    nk.add(one);
                    next.add(nk);
                }
            }
            keys = next;
        }
        return keys;
    }
}
