package io.trailhound.core.rules.esql;

import io.trailhound.core.rules.ir.RowQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The part of a query after its per-event part: {@code STATS}, {@code SORT}, {@code LIMIT} and
 * the row-wise commands around them, run over the rows of one window of events at one evaluation
 * time. Each row remembers which inputs made it, so a result names its events. When it starts
 * with a {@code STATS} that does not read {@code NOW()}, windows can also be merged from groups kept
 * per slice of time ({@link #slices}), so overlapping windows aggregate each event once.
 */
final class WindowPart {
    /** A row: its values by slot and the indexes of the inputs it comes from (ascending). */
    record Row(Object[] values, int[] sources) {
    }

    /** One compiled command over all rows of the window. */
    @FunctionalInterface
    interface Op {
        List<Row> apply(List<Row> rows, Frame f);
    }

    private final List<Op> ops;
    private final Map<String, Integer> output;
    private final boolean readsNow;
    private final boolean sliceable;
    private final GroupNeeds needs;

    /**
     * {@code statsFirstWithoutNow}: the first op is a {@link Stats} whose expressions do not read NOW();
     * {@code needs}: what that Stats' groups must hold to be kept, or null.
     */
    WindowPart(List<Op> ops, Map<String, Integer> output, boolean readsNow, boolean statsFirstWithoutNow,
               GroupNeeds needs) {
        this.ops = List.copyOf(ops);
        this.output = new java.util.LinkedHashMap<>(output);
        this.readsNow = readsNow;
        this.sliceable = statsFirstWithoutNow && !this.ops.isEmpty() && this.ops.get(0) instanceof Stats;
        this.needs = needs;
    }

    /** What the groups of the first {@code STATS} must hold for a result to come from them, or null. */
    RowQuery.Needs needs() {
        return needs;
    }

    /** Partials per slice that merge into a window's results, or null when the query's shape does not allow it. */
    RowQuery.Slices slices() {
        if (!sliceable) {
            return null;
        }
        Stats stats = (Stats) ops.get(0);
        Stats.Merger merger = stats.merger(); // one run of executions: it remembers the groups of the window before
        return new RowQuery.Slices() {
            @Override
            public RowQuery.Partial partial() {
                return stats.slice();
            }

            @Override
            public List<RowQuery.Result> merge(List<RowQuery.Partial> parts, long now) {
                List<Stats.Slice> slices = new ArrayList<>(parts.size());
                for (RowQuery.Partial p : parts) {
                    slices.add((Stats.Slice) p);
                }
                List<Row> rows = merger.merge(slices);
                return rows == null ? null : finish(rows, 1, now);
            }
        };
    }

    boolean readsNow() {
        return readsNow;
    }

    List<RowQuery.Result> run(List<Object> inputs, long now) {
        List<Row> rows = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            int[] source = {i};
            Object in = inputs.get(i);
            if (in instanceof Object[][] many) {
                for (Object[] r : many) {
                    rows.add(new Row(r, source));
                }
            } else {
                rows.add(new Row((Object[]) in, source));
            }
        }
        return finish(rows, 0, now);
    }

    /** The ops from {@code first} on over {@code rows}, as results. */
    private List<RowQuery.Result> finish(List<Row> rows, int first, long now) {
        Frame f = new Frame(null, null, now);
        for (Op op : ops.subList(first, ops.size())) {
            rows = op.apply(rows, f);
        }
        List<RowQuery.Result> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            out.add(new RowQuery.Result(columns(output, r.values()), r.sources()));
        }
        return out;
    }

    /** The named columns' values as text, absent ones left out. */
    static Map<String, String> columns(Map<String, Integer> names, Object[] values) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, Integer> c : names.entrySet()) {
            String v = EsqlValues.display(values[c.getValue()]);
            if (v != null) {
                out.put(c.getKey(), v);
            }
        }
        return out;
    }
}
