package io.trailhound.core.rules.esql;

import io.trailhound.core.rules.esql.EsqlAst.Aggregate;
import io.trailhound.core.rules.esql.EsqlAst.Assignment;
import io.trailhound.core.rules.esql.WindowPart.Op;
import io.trailhound.core.rules.esql.WindowPart.Row;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The window part's commands as {@link Op}s: row-wise steps, {@code MV_EXPAND}, {@code STATS}, {@code SORT}, {@code LIMIT}. */
final class WindowOps {
    private WindowOps() {
    }

    static Op rowWise(Step step) {
        return (rows, f) -> {
            List<Row> out = new ArrayList<>(rows.size());
            for (Row r : rows) {
                f.slots = r.values();
                if (step.apply(f)) {
                    out.add(r);
                }
            }
            return out;
        };
    }

    static Op mvExpand(Ev source, int slot) {
        return (rows, f) -> {
            List<Row> out = new ArrayList<>(rows.size());
            for (Row r : rows) {
                f.slots = r.values();
                Object v = source.eval(f);
                if (!(v instanceof List<?> l)) {
                    Object[] copy = r.values().clone();
                    copy[slot] = v;
                    out.add(new Row(copy, r.sources()));
                    continue;
                }
                for (Object one : l) {
                    Object[] copy = r.values().clone();
                    copy[slot] = one;
                    out.add(new Row(copy, r.sources()));
                }
            }
            return out;
        };
    }

    /** One aggregate: its accumulator, argument (null for COUNT(*)) and optional per-aggregate WHERE. */
    record Agg(Supplier<Aggregates.Acc> acc, Ev arg, Ev filter) {
    }

    /**
     * {@code STATS aggs BY groups}: a row per distinct combination of group values (a multi-valued
     * group value puts the row in each of its groups; null is a group), aggregates first and
     * groups last, as ES|QL orders them; rows of width {@code width[0]}.
     */
    static Op stats(List<Agg> aggs, Ev[] groups, int[] width) {
        return (rows, f) -> {
            Map<List<Object>, Group> byKey = new LinkedHashMap<>();
            for (Row r : rows) {
                f.slots = r.values();
                for (List<Object> key : keys(groups, f)) {
                    Group g = byKey.computeIfAbsent(key, k -> new Group(aggs));
                    g.add(aggs, f, r.sources());
                }
            }
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
        };
    }

    private static final class Group {
        final Aggregates.Acc[] accs;
        final java.util.BitSet sources = new java.util.BitSet();

        Group(List<Agg> aggs) {
            accs = new Aggregates.Acc[aggs.size()];
            for (int i = 0; i < accs.length; i++) {
                accs[i] = aggs.get(i).acc().get();
            }
        }

        void add(List<Agg> aggs, Frame f, int[] from) {
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
            for (int s : from) {
                sources.set(s);
            }
        }

        int[] sources() {
            return sources.stream().toArray();
        }
    }

    /** Every combination of the group values of a row (one per value of each multi-valued one). */
    private static List<List<Object>> keys(Ev[] groups, Frame f) {
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

    record SortKey(Ev key, boolean descending, boolean nullsFirst) {
    }

    static Op sort(List<SortKey> keys) {
        return (rows, f) -> {
            List<Object[]> sortKeys = new ArrayList<>(rows.size());
            for (Row r : rows) {
                f.slots = r.values();
                Object[] k = new Object[keys.size()];
                for (int i = 0; i < k.length; i++) {
                    k[i] = keys.get(i).key().eval(f);
                }
                sortKeys.add(k);
            }
            Integer[] order = new Integer[rows.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, Comparator.comparing((Integer i) -> sortKeys.get(i), (a, b) -> compareKeys(keys, a, b)));
            List<Row> out = new ArrayList<>(rows.size());
            for (int i : order) {
                out.add(rows.get(i));
            }
            return out;
        };
    }

    private static int compareKeys(List<SortKey> keys, Object[] a, Object[] b) {
        for (int i = 0; i < keys.size(); i++) {
            SortKey k = keys.get(i);
            Object x = a[i] instanceof List<?> l ? l.get(0) : a[i];
            Object y = b[i] instanceof List<?> l ? l.get(0) : b[i];
            int c;
            if (x == null || y == null) {
                c = x == y ? 0 : (x == null) == k.nullsFirst() ? -1 : 1;
            } else {
                Integer cmp = EsqlValues.compare(x, y);
                c = cmp == null ? 0 : k.descending() ? -cmp : cmp;
            }
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    static Op limit(long n) {
        return (rows, f) -> rows.size() <= n ? rows : new ArrayList<>(rows.subList(0, (int) n));
    }

    /** The names {@code STATS} gives its columns, aggregates then groups. */
    static List<String> statsColumns(List<Aggregate> aggs, List<Assignment> groups) {
        List<String> out = new ArrayList<>();
        for (Aggregate a : aggs) {
            out.add(a.name());
        }
        for (Assignment g : groups) {
            out.add(g.name());
        }
        return out;
    }
}
