package io.trailhound.core.rules.esql;

import io.trailhound.core.rules.esql.EsqlAst.Aggregate;
import io.trailhound.core.rules.esql.EsqlAst.Assignment;
import io.trailhound.core.rules.esql.WindowPart.Op;
import io.trailhound.core.rules.esql.WindowPart.Row;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/** The window part's commands as {@link Op}s: row-wise steps, {@code MV_EXPAND}, {@code SORT}, {@code LIMIT} ({@code STATS}: {@link Stats}). */
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
