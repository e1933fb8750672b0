package io.trailhound.core.rules.engine;

import io.trailhound.core.alert.Alert;
import io.trailhound.core.alert.AlertEvent;
import io.trailhound.core.alert.AlertSink;
import io.trailhound.core.identity.Attribution;
import io.trailhound.core.rules.ir.CompiledRule;
import io.trailhound.core.rules.ir.RowQuery;
import io.trailhound.core.rules.ir.Stateful;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One windowed query rule's candidates (an ES|QL {@code STATS} over a look-back), held from the
 * event that made each until the end of the run, when {@link QueryWindows} runs the rule's
 * executions over them in event-time order. A batch scan reads files in path order, not in time
 * order, so no window is closed before the input ends; what a candidate costs is what grows. So
 * each is held as 20 bytes on the heap (its time, its attribution's number, where its bytes are)
 * and its event and rows as bytes in the run's {@link CandidateStore} (a temporary file past a
 * budget); at the end, only the inputs of the window being run are objects, and their rows and
 * events are read back when the executions ask for them.
 */
final class QueryCandidates {
    /** Contributing events listed in a query alert's context at most; the count says how many there were. */
    static final int MAX_LISTED_EVENTS = 100;

    private final CompiledRule rule;
    private final Stateful.Query query;
    private final CandidateStore store;
    private long[] times = new long[16];
    private int[] attributions = new int[16];
    private long[] positions = new long[16];
    /** What the query's {@link RowQuery.Needs} said of each candidate, when it has needs. */
    private long[] described;
    private final RowQuery.Needs needs;
    private int n;

    QueryCandidates(CompiledRule rule, CandidateStore store) {
        this.rule = rule;
        this.query = (Stateful.Query) rule.stateful();
        this.store = store;
        this.needs = query.query().needs();
        this.described = needs == null ? null : new long[16];
    }

    String ruleName() {
        return rule.info().name();
    }

    /** Candidates held. */
    int size() {
        return n;
    }

    /** As {@link #add(AlertEvent, Object, CandidateBytes.Prepared, Attribution)} with nothing prepared. */
    Consumer<Attribution> add(AlertEvent event, Object rows, Attribution attribution) {
        return add(event, rows, null, attribution);
    }

    /**
     * One candidate (its event's rows as the query gave them, and their bytes and needs when the
     * reading thread made them); returns where its final attribution goes when not known yet.
     */
    Consumer<Attribution> add(AlertEvent event, Object rows, CandidateBytes.Prepared prepared, Attribution attribution) {
        if (n == times.length) {
            int grown = n * 2;
            times = Arrays.copyOf(times, grown);
            attributions = Arrays.copyOf(attributions, grown);
            positions = Arrays.copyOf(positions, grown);
            described = described == null ? null : Arrays.copyOf(described, grown);
        }
        int i = n++;
        times[i] = event.timeMillis();
        if (needs != null) {
            described[i] = prepared != null ? prepared.described() : CandidateBytes.describe(needs, rows);
        }
        attributions[i] = store.attribution(attribution);
        positions[i] = store.write(event, query.query(), rows, prepared);
        return a -> attributions[i] = store.attribution(a);
    }

    Stateful.Query query() {
        return query;
    }

    /**
     * The candidates in event-time order (arrival order among equal times), with where each is held:
     * two rules whose inputs are {@link Inputs#sameAs the same} get the same executions.
     */
    record Inputs(Stateful.Query query, Integer[] order, long[] positions) {
        boolean sameAs(Inputs other) {
            return query.lookBack().equals(other.query.lookBack()) && query.interval().equals(other.query.interval())
                    && Arrays.equals(positions, other.positions);
        }
    }

    Inputs inputs() {
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> times[a] != times[b] ? Long.compare(times[a], times[b]) : Integer.compare(a, b));
        if (needs != null) {
            order = needed(order);
        }
        long[] inOrder = new long[order.length];
        for (int k = 0; k < order.length; k++) {
            inOrder[k] = positions[order[k]];
        }
        return new Inputs(query, order, inOrder);
    }

    /** The candidates of {@code order} that can be in a result ({@link NeededRows}), in that order. */
    private Integer[] needed(Integer[] order) {
        long[] d = new long[order.length];
        long[] t = new long[order.length];
        for (int k = 0; k < order.length; k++) {
            d[k] = described[order[k]];
            t[k] = times[order[k]];
        }
        boolean[] keep = NeededRows.keep(d, t, needs, Math.max(0, query.lookBack().toMillis()));
        int kept = 0;
        for (int k = 0; k < order.length; k++) {
            if (keep[k]) {
                order[kept++] = order[k];
            }
        }
        return Arrays.copyOf(order, kept);
    }

    /**
     * Runs the rule's executions in {@code (after, until]} over the candidates in event-time order,
     * adding each result and failure to {@code record} when given (for {@link #replay} by a rule
     * with the same inputs).
     */
    void run(Inputs inputs, long after, long until, AlertSink sink, Consumer<RuntimeException> failed,
             List<QueryRuns.Outcome> record) {
        QueryWindows.run(query, new InTimeOrder(inputs.order()), after, until, (row, sources, now) -> {
            if (record != null) {
                int[] places = new int[sources.size()];
                for (int k = 0; k < places.length; k++) {
                    places[k] = sources.get(k).place;
                }
                record.add(new QueryRuns.Outcome(row, places, now, null));
            }
            sink.alert(alert(row, sources));
        }, e -> {
            if (record != null) {
                record.add(new QueryRuns.Outcome(null, null, 0, e));
            }
            failed.accept(e);
        });
    }

    /** What another rule's {@link #run} over the {@link Inputs#sameAs same} inputs gave, as this rule's alerts. */
    void replay(Inputs inputs, List<QueryRuns.Outcome> outcomes, AlertSink sink, Consumer<RuntimeException> failed) {
        for (QueryRuns.Outcome o : outcomes) {
            if (o.failure() != null) {
                failed.accept(o.failure());
                continue;
            }
            List<Held> sources = new java.util.ArrayList<>(o.places().length);
            for (int k : o.places()) {
                sources.add(new Held(inputs.order()[k], k));
            }
            sink.alert(alert(o.row(), sources));
        }
    }

    /** One candidate as an execution sees it: its rows and event read back when asked for. */
    private final class Held implements QueryWindows.Input {
        final int i;
        /** Its place in event-time order. */
        final int place;
        boolean released;
        /** Its rows once read back, until released: only the window's inputs hold theirs. */
        private Object rows;

        Held(int i, int place) {
            this.i = i;
            this.place = place;
        }

        @Override
        public long timeMillis() {
            return times[i];
        }

        @Override
        public Object row() {
            if (released) {
                return null;
            }
            if (rows == null) { // read back once: every window over it asks again
                rows = store.rows(positions[i], query.query());
            }
            return rows;
        }

        @Override
        public void release() {
            released = true;
            rows = null;
        }

        AlertEvent event() {
            return store.event(positions[i]);
        }

        Attribution attribution() {
            return store.attribution(attributions[i]);
        }
    }

    /**
     * The candidates in event-time order, as objects only from the first not yet released to the
     * last asked for: {@link QueryWindows} moves through them in order and lets go behind it.
     */
    private final class InTimeOrder extends AbstractList<Held> {
        private final Integer[] order;
        private Held[] ring = new Held[64];
        /** Position (in time order) of the ring's first object, and how many it holds. */
        private int first;
        private int count;
        private int head;

        InTimeOrder(Integer[] order) {
            this.order = order;
        }

        @Override
        public Held get(int k) {
            while (count > 0 && ring[head].released) { // what the executions let go of goes
                ring[head] = null;
                head = (head + 1) % ring.length;
                first++;
                count--;
            }
            if (count == 0 && k >= first) {
                first = k;
            }
            if (k < first) {
                return new Held(order[k], k); // behind the window: asked again only to be let go
            }
            while (k >= first + count) {
                if (count == ring.length) {
                    Held[] bigger = new Held[ring.length * 2];
                    for (int j = 0; j < count; j++) {
                        bigger[j] = ring[(head + j) % ring.length];
                    }
                    ring = bigger;
                    head = 0;
                }
                ring[(head + count) % ring.length] = new Held(order[first + count], first + count);
                count++;
            }
            return ring[(head + k - first) % ring.length];
        }

        @Override
        public int size() {
            return order.length;
        }
    }

    /**
     * A query's result row as an alert: on the latest event that made it, with that event's
     * attribution; the row is the context, with the eventIDs of the events that made it and the
     * distinct origins behind them.
     */
    private Alert alert(RowQuery.Result row, List<Held> sources) {
        Held last = sources.get(0);
        for (Held p : sources) {
            if (p.timeMillis() > last.timeMillis() || p.timeMillis() == last.timeMillis() && p.i > last.i) {
                last = p;
            }
        }
        Map<String, String> ctx = new LinkedHashMap<>(row.columns());
        Set<String> ids = new LinkedHashSet<>();
        Set<String> origins = new LinkedHashSet<>();
        for (Held p : sources) {
            if (ids.size() < MAX_LISTED_EVENTS) {
                String id = p.event().eventID();
                if (id != null) {
                    ids.add(id);
                }
            }
            Attribution a = p.attribution();
            if (a != null && origins.size() < MAX_LISTED_EVENTS) {
                origins.add(originText(a));
            }
        }
        ctx.put("events", Integer.toString(sources.size()));
        ctx.put("eventIDs", String.join(",", ids));
        if (!origins.isEmpty()) {
            ctx.put("origins", String.join("; ", origins));
        }
        return new Alert(rule.info(), rule.info().name(), Map.of(), last.event(), last.attribution(), ctx);
    }

    /** {@code ARN (confidence)}, or {@code unknown (confidence)}. */
    private static String originText(Attribution a) {
        String who = a.origin() == null ? "unknown" : a.origin().label();
        return who + " (" + a.confidence().jsonName() + ")";
    }
}
