package io.trailhound.core.rules.engine;

import io.trailhound.core.alert.AlertSink;
import io.trailhound.core.rules.ir.RowQuery;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The window executions of a query that several rules run (one {@link RowQuery} instance: the same
 * query loaded twice), run once: the first rule's executions are recorded, and a later rule with the
 * same query, look-back and interval over the same candidates (the same held event and rows at every
 * place in event-time order: {@link CandidateStore} writes a candidate shared by such rules once)
 * gets the same result rows and failures, as its own alerts. The query is deterministic in its
 * inputs, so that is what running it again would give. A rule whose candidates differ (another
 * condition in front of the same query) runs its own executions. A recording is kept only while a
 * rule still to run has the query.
 */
final class QueryRuns {
    /** One result row of an execution (its sources as places in time order), or one failed execution. */
    record Outcome(RowQuery.Result row, int[] places, long nowMillis, RuntimeException failure) {
    }

    private record Run(QueryCandidates.Inputs inputs, List<Outcome> outcomes) {
    }

    private final Map<RowQuery, Integer> rulesLeft = new IdentityHashMap<>();
    private final Map<RowQuery, Run> runs = new IdentityHashMap<>();

    /** One more rule to run has {@code q}'s query. */
    void expect(QueryCandidates q) {
        rulesLeft.merge(q.query().query(), 1, Integer::sum);
    }

    /** As {@link QueryCandidates#run}, sharing executions as described. */
    void run(QueryCandidates q, long after, long until, AlertSink sink, Consumer<RuntimeException> failed) {
        RowQuery query = q.query().query();
        int stillToRun = rulesLeft.merge(query, -1, Integer::sum);
        Run earlier = stillToRun <= 0 ? runs.remove(query) : runs.get(query);
        QueryCandidates.Inputs inputs = q.inputs();
        if (earlier != null && earlier.inputs().sameAs(inputs)) {
            q.replay(inputs, earlier.outcomes(), sink, failed);
            return;
        }
        if (stillToRun <= 0 || q.size() == 0) {
            q.run(inputs, after, until, sink, failed, null);
            return;
        }
        List<Outcome> outcomes = new ArrayList<>();
        q.run(inputs, after, until, sink, failed, outcomes);
        runs.put(query, new Run(inputs, outcomes));
    }
}
