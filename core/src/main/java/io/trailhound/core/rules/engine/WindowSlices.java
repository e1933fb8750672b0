package io.trailhound.core.rules.engine;

import io.trailhound.core.rules.ir.RowQuery;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A windowed query's partials per slice of event time, for {@link QueryWindows}. Slices are
 * {@code (k * width, (k + 1) * width]} with {@code width} dividing both the interval and the
 * look-back, so the window {@code [now - lookBack, now]} of every execution is whole slices plus
 * the events at exactly {@code now - lookBack}, which are aggregated again for that execution
 * (they sit at the end of the slice before). Slices before the window are let go.
 */
final class WindowSlices {
    /** More slices than this in a look-back: merging them would cost about what aggregating does. */
    static final long MAX_SLICES = 1440;

    private record Slice(long index, RowQuery.Partial partial) {
    }

    private final RowQuery.Slices slices;
    private final long width;
    private final long lookBack;
    private final ArrayDeque<Slice> held = new ArrayDeque<>();

    private WindowSlices(RowQuery.Slices slices, long width, long lookBack) {
        this.slices = slices;
        this.width = width;
        this.lookBack = lookBack;
    }

    /** Slices for this schedule, or null when the query has none or the slices would be too many. */
    static WindowSlices of(RowQuery.Slices slices, long interval, long lookBack) {
        long width = lookBack == 0 ? interval : gcd(interval, lookBack);
        if (slices == null || lookBack / width > MAX_SLICES) {
            return null;
        }
        return new WindowSlices(slices, width, lookBack);
    }

    /** The next input in event-time order, {@code id} its index. */
    void add(QueryWindows.Input in, int id) {
        long index = QueryWindows.ceilTo(in.timeMillis(), width) / width - 1;
        Slice last = held.peekLast();
        if (last == null || last.index() != index) {
            last = new Slice(index, slices.partial());
            held.addLast(last);
        }
        last.partial().add(in.row(), id);
    }

    /**
     * The execution at {@code now} (a multiple of the interval) whose first input is {@code lo}:
     * results naming inputs by index, or null when the partials cannot merge exactly.
     */
    List<RowQuery.Result> merge(List<? extends QueryWindows.Input> inputs, int lo, long now) {
        long start = now - lookBack;
        while (!held.isEmpty() && held.peekFirst().index() < start / width) {
            held.pollFirst();
        }
        List<RowQuery.Partial> parts = new ArrayList<>(held.size() + 1);
        RowQuery.Partial edge = null;
        for (int i = lo; i < inputs.size() && inputs.get(i).timeMillis() == start; i++) {
            if (edge == null) {
                edge = slices.partial();
                parts.add(edge);
            }
            edge.add(inputs.get(i).row(), i);
        }
        for (Slice s : held) {
            parts.add(s.partial());
        }
        return slices.merge(parts, now);
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
