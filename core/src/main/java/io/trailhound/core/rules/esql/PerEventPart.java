package io.trailhound.core.rules.esql;

import io.trailhound.core.event.CloudTrailEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-event part of a query, run in the reading threads on each event that passes the
 * prefilter: its row-wise commands in order, then the columns the rest of the query reads (or,
 * for a query that is not windowed, the columns it shows). The row is an array of those values:
 * no event is kept. {@code MV_EXPAND} makes one row per value.
 */
final class PerEventPart {
    /** {@code MV_EXPAND}: one row per value of {@code source}, that value in {@code slot}. */
    record Expand(Ev source, int slot) {
    }

    private final List<Object> ops; // Step or Expand, in order
    private final int slots;
    private final Ev[] outputs;
    private final int[] rowSize; // set once the window part is compiled: its first segment's width
    private final boolean expands;

    PerEventPart(List<Object> ops, int slots, Ev[] outputs, int[] rowSize) {
        this.ops = List.copyOf(ops);
        this.slots = slots;
        this.outputs = outputs;
        this.rowSize = rowSize;
        this.expands = ops.stream().anyMatch(o -> o instanceof Expand);
    }

    /** The event's row (an {@code Object[]}), its rows ({@code Object[][]}) after MV_EXPAND, or null. */
    Object rows(CloudTrailEvent e) {
        Frame f = new Frame(e, new Object[slots], 0);
        if (!expands) {
            for (Object op : ops) {
                if (!((Step) op).apply(f)) {
                    return null;
                }
            }
            return output(f);
        }
        List<Object[]> out = new ArrayList<>(2);
        run(0, f, out);
        return out.isEmpty() ? null : out.size() == 1 ? out.get(0) : out.toArray(new Object[0][]);
    }

    private void run(int from, Frame f, List<Object[]> out) {
        for (int i = from; i < ops.size(); i++) {
            Object op = ops.get(i);
            if (op instanceof Expand x) {
                Object v = x.source().eval(f);
                for (Object one : v == null ? java.util.Collections.singletonList(null) : EsqlValues.values(v)) {
                    Frame copy = new Frame(f.event, f.slots.clone(), f.now);
                    copy.slots[x.slot()] = one;
                    run(i + 1, copy, out);
                }
                return;
            }
            if (!((Step) op).apply(f)) {
                return;
            }
        }
        out.add(output(f));
    }

    private Object[] output(Frame f) {
        Object[] row = new Object[Math.max(outputs.length, rowSize[0])];
        for (int i = 0; i < outputs.length; i++) {
            row[i] = outputs[i].eval(f);
        }
        return row;
    }

    /** The rows of what {@link #rows} gave. */
    static Object[][] asRows(Object rows) {
        return rows instanceof Object[][] many ? many : new Object[][] {(Object[]) rows};
    }
}
