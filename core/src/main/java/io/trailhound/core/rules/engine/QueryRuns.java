package io.trailhound.core.rules.engine;

import io.trailhound.core.rules.ir.RowQuery;
import io.trailhound.core.rules.ir.Stateful;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The window executions of a query that several rules run (one {@link RowQuery} instance: the same
 * query loaded twice), run once: the first rule's executions are recorded, and a later rule with the
 * same query, look-back and interval over the same events (same event and rows at every place, in
 * event-time order) gets the same result rows and failures, as its own alerts. The query is
 * deterministic in its inputs, so that is what running it again would give. A rule whose inputs
 * differ (another condition in front of the same query) runs its own executions. A recording is
 * kept only while a rule still to run has the query.
 */
final class QueryRuns<T extends QueryWindows.Input> {
    /** One result row of an execution (its sources as indexes into the inputs), or one failed execution. */
    private record Outcome(RowQuery.Result row, int[] sources, long nowMillis, RuntimeException failure) {
    }

    private record Run(Stateful.Query query, Object[] events, Object[] rows, List<Outcome> outcomes) {
        boolean sameInputs(Stateful.Query q, List<? extends QueryWindows.Input> inputs, Function<Object, Object> eventOf) {
            if (!q.lookBack().equals(query.lookBack()) || !q.interval().equals(query.interval())
                    || inputs.size() != events.length) {
                return false;
            }
            for (int i = 0; i < events.length; i++) {
                QueryWindows.Input in = inputs.get(i);
                if (eventOf.apply(in) != events[i] || in.row() != rows[i]) {
                    return false;
                }
            }
            return true;
        }
    }

    private final Function<Object, Object> eventOf;
    private final Map<RowQuery, Integer> rulesLeft = new IdentityHashMap<>();
    private final Map<RowQuery, Run> runs = new IdentityHashMap<>();

    /** @param eventOf the event an input is of (compared by identity) */
    @SuppressWarnings("unchecked")
    QueryRuns(Function<T, Object> eventOf) {
        this.eventOf = in -> eventOf.apply((T) in);
    }

    /** One more rule to run has {@code q}. */
    void expect(Stateful.Query q) {
        rulesLeft.merge(q.query(), 1, Integer::sum);
    }

    /** As {@link QueryWindows#run(Stateful.Query, List, long, long, QueryWindows.Results, Consumer)}, sharing executions as described. */
    void run(Stateful.Query q, List<T> inputs, long after, long until, QueryWindows.Results<T> out,
             Consumer<RuntimeException> failed) {
        RowQuery query = q.query();
        int stillToRun = rulesLeft.merge(query, -1, Integer::sum);
        Run earlier = stillToRun <= 0 ? runs.remove(query) : runs.get(query);
        if (earlier != null && earlier.sameInputs(q, inputs, eventOf)) {
            replay(earlier, inputs, out, failed);
            return;
        }
        if (stillToRun <= 0 || inputs.isEmpty()) {
            QueryWindows.run(q, inputs, after, until, out, failed);
            return;
        }
        Object[] events = new Object[inputs.size()];
        Object[] rows = new Object[inputs.size()];
        Map<T, Integer> index = new IdentityHashMap<>(inputs.size() * 2);
        for (int i = 0; i < events.length; i++) {
            events[i] = eventOf.apply(inputs.get(i));
            rows[i] = inputs.get(i).row();
            index.put(inputs.get(i), i);
        }
        List<Outcome> outcomes = new ArrayList<>();
        QueryWindows.run(q, inputs, after, until, (row, sources, now) -> {
            int[] at = new int[sources.size()];
            for (int i = 0; i < at.length; i++) {
                at[i] = index.get(sources.get(i));
            }
            outcomes.add(new Outcome(row, at, now, null));
            out.result(row, sources, now);
        }, e -> {
            outcomes.add(new Outcome(null, null, 0, e));
            failed.accept(e);
        });
        runs.put(query, new Run(q, events, rows, outcomes));
    }

    private static <T extends QueryWindows.Input> void replay(Run run, List<T> inputs, QueryWindows.Results<T> out,
                                                              Consumer<RuntimeException> failed) {
        for (Outcome o : run.outcomes()) {
            if (o.failure() != null) {
                failed.accept(o.failure());
                continue;
            }
            List<T> sources = new ArrayList<>(o.sources().length);
            for (int i : o.sources()) {
                sources.add(inputs.get(i));
            }
            out.result(o.row(), sources, o.nowMillis());
        }
        for (T in : inputs) {
            in.release();
        }
    }
}
