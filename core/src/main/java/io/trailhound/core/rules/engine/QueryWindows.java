package io.trailhound.core.rules.engine;

import io.trailhound.core.rules.ir.RowQuery;
import io.trailhound.core.rules.ir.Stateful;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a windowed {@link Stateful.Query} as Elastic schedules a rule, in event time: an execution
 * every {@code interval} (at whole multiples of it since the epoch), each over the rows of the
 * events in {@code [now - lookBack, now]}, with {@code now} as the query's evaluation time. Every
 * result row of every execution is reported: where look-backs overlap, the same row can come
 * again, as it does in Kibana (rules guard against it with {@code NOW()} filters or suppression).
 * Only executions whose window holds at least one event run.
 */
final class QueryWindows {
    /** One candidate: when it happened and the rows the query's per-event part gave it. */
    interface Input {
        long timeMillis();

        Object row();
    }

    /** Receives one result row of one execution with the inputs that made it. */
    interface Results<T> {
        void result(RowQuery.Result row, List<T> sources, long nowMillis);
    }

    private QueryWindows() {
    }

    /**
     * {@code inputs} in event-time order. Returns how many executions failed (and were skipped): a
     * rule must not stop a run, as in the reading threads.
     */
    static <T extends Input> int run(Stateful.Query q, List<T> inputs, Results<T> out) {
        int failed = 0;
        if (inputs.isEmpty()) {
            return failed;
        }
        long interval = Math.max(1, q.interval().toMillis());
        long lookBack = Math.max(0, q.lookBack().toMillis());
        RowQuery query = q.query();
        int lo = 0;
        int hi = 0;
        int prevLo = -1;
        int prevHi = -1;
        List<RowQuery.Result> prev = List.of();
        long now = ceilTo(inputs.get(0).timeMillis(), interval);
        while (lo < inputs.size()) {
            while (hi < inputs.size() && inputs.get(hi).timeMillis() <= now) {
                hi++;
            }
            while (lo < hi && inputs.get(lo).timeMillis() < now - lookBack) {
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
            if (lo == prevLo && hi == prevHi && !query.readsNow()) {
                results = prev; // same events, no clock: the same rows, without running it again
            } else {
                List<Object> rows = new ArrayList<>(hi - lo);
                for (int i = lo; i < hi; i++) {
                    rows.add(inputs.get(i).row());
                }
                try {
                    results = query.run(rows, now);
                } catch (RuntimeException e) {
                    failed++;
                    results = List.of();
                }
            }
            for (RowQuery.Result r : results) {
                List<T> sources = new ArrayList<>(r.sources().length);
                for (int i : r.sources()) {
                    sources.add(inputs.get(lo + i));
                }
                out.result(r, sources, now);
            }
            prevLo = lo;
            prevHi = hi;
            prev = results;
            now += interval;
        }
        return failed;
    }

    private static long ceilTo(long t, long step) {
        return -Math.floorDiv(-t, step) * step;
    }
}
