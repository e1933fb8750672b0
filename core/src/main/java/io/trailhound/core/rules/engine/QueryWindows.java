package io.trailhound.core.rules.engine;

import io.trailhound.core.rules.ir.RowQuery;
import io.trailhound.core.rules.ir.Stateful;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs a windowed {@link Stateful.Query} as Elastic schedules a rule, in event time: an execution
 * every {@code interval} (at whole multiples of it since the epoch), each over the rows of the
 * events in {@code [now - lookBack, now]}, with {@code now} as the query's evaluation time. Every
 * result row of every execution is reported: where look-backs overlap, the same row can come
 * again, as it does in Kibana (rules guard against it with {@code NOW()} filters or suppression).
 * Only executions whose window holds at least one event run. A query that offers
 * {@link RowQuery#slices} aggregates each event once into its slice ({@link WindowSlices}) and an
 * execution merges the window's slices; otherwise each execution runs over its window's rows. An
 * input's row is let go once no later window can include it.
 */
final class QueryWindows {
    /** One candidate: when it happened and the rows the query's per-event part gave it. */
    interface Input {
        long timeMillis();

        Object row();

        /** No window to come includes this input: its row may go. */
        void release();
    }

    /** Receives one result row of one execution with the inputs that made it. */
    interface Results<T> {
        void result(RowQuery.Result row, List<T> sources, long nowMillis);
    }

    private QueryWindows() {
    }

    /**
     * {@code inputs} in event-time order. An execution that throws is skipped and handed to
     * {@code failed}: a rule must not stop a run, as in the reading threads.
     */
    static <T extends Input> void run(Stateful.Query q, List<T> inputs, Results<T> out, Consumer<RuntimeException> failed) {
        run(q, inputs, Long.MIN_VALUE, Long.MAX_VALUE, out, failed);
    }

    /**
     * As {@link #run(Stateful.Query, List, Results, Consumer)}, running only the executions at
     * times in {@code (after, until]}: a streaming host decides a stretch of event time at a time,
     * with the inputs of the look-back before it given again.
     */
    static <T extends Input> void run(Stateful.Query q, List<T> inputs, long after, long until, Results<T> out,
                                      Consumer<RuntimeException> failed) {
        if (inputs.isEmpty()) {
            return;
        }
        long interval = Math.max(1, q.interval().toMillis());
        long lookBack = Math.max(0, q.lookBack().toMillis());
        RowQuery query = q.query();
        WindowSlices slices = WindowSlices.of(query.slices(), interval, lookBack);
        int lo = 0;
        int hi = 0;
        int prevLo = -1;
        int prevHi = -1;
        List<RowQuery.Result> prev = List.of();
        int prevBase = 0;
        long now = ceilTo(inputs.get(0).timeMillis(), interval);
        if (now <= after) {
            now = ceilTo(after + 1, interval);
        }
        while (lo < inputs.size() && now <= until) {
            while (hi < inputs.size() && inputs.get(hi).timeMillis() <= now) {
                if (slices != null) {
                    slices.add(inputs.get(hi), hi);
                }
                hi++;
            }
            while (lo < hi && inputs.get(lo).timeMillis() < now - lookBack) {
                inputs.get(lo).release();
                lo++;
            }
            if (lo == hi) {
                if (hi == inputs.size()) {
                    break;
                }
                // Nothing in this window: skip to the first execution that sees the next event.
                now = Math.max(now + interval, ceilTo(inputs.get(hi).timeMillis(), interval));
                continue;
            }
            List<RowQuery.Result> results;
            int base; // results name their inputs from this index on
            if (lo == prevLo && hi == prevHi && !query.readsNow()) {
                results = prev; // same events, no clock: the same rows, without running it again
                base = prevBase;
            } else {
                try {
                    results = slices == null ? null : slices.merge(inputs, lo, now);
                    base = 0;
                    if (results == null) {
                        results = query.run(rows(inputs, lo, hi), now);
                        base = lo;
                    }
                } catch (RuntimeException e) {
                    failed.accept(e);
                    results = List.of();
                    base = lo;
                }
            }
            for (RowQuery.Result r : results) {
                List<T> sources = new ArrayList<>(r.sources().length);
                for (int i : r.sources()) {
                    sources.add(inputs.get(base + i));
                }
                out.result(r, sources, now);
            }
            prevLo = lo;
            prevHi = hi;
            prev = results;
            prevBase = base;
            now += interval;
        }
        for (int i = lo; i < inputs.size(); i++) {
            inputs.get(i).release();
        }
    }

    private static List<Object> rows(List<? extends Input> inputs, int lo, int hi) {
        List<Object> rows = new ArrayList<>(hi - lo);
        for (int i = lo; i < hi; i++) {
            rows.add(inputs.get(i).row());
        }
        return rows;
    }

    static long ceilTo(long t, long step) {
        return -Math.floorDiv(-t, step) * step;
    }
}
