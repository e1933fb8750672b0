package io.trailhound.flink;

import io.trailhound.core.alert.AlertEvent;
import io.trailhound.core.alert.AlertJson;
import io.trailhound.core.rules.engine.Detection;
import io.trailhound.core.rules.engine.SignalBudget;
import io.trailhound.core.rules.engine.StatefulRules;
import io.trailhound.core.rules.engine.TermHistory;
import io.trailhound.core.rules.ir.CompiledRule;
import io.trailhound.core.rules.ir.Stateful;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * A stateful rule (new terms, threshold, EQL sequence, Sigma correlation, windowed ES|QL query) as
 * keyed state by rule and group: candidates wait until event time passes them, then go, in
 * event-time order, through the core's {@link StatefulRules}, which decides exactly as in a scan.
 * Decisions stay the attribution wait behind event time, since candidates come from attribution
 * that much after their event. Ties in time are broken by where the event was read (file, then offset), the order a scan reads
 * them in, so the alerts do not depend on parallelism. New-terms history lives in this state;
 * threshold, sequence and query groups keep the candidates of their look-back, replayed at the
 * next decision (alerts before it are not sent again; a query runs only the executions in event
 * time since the last decision, and a timer brings the next execution whose window holds a kept
 * candidate). Groups keyed by rule alone (new terms, queries) raise their rule's alerts in the
 * order a scan raises them, so Elastic's {@code max_signals} is counted here, in keyed state.
 */
final class StatefulGroup extends KeyedProcessFunction<String, Flow, String> {
    /** Read order: event time, then file (in path order, as a scan sorts the files it finds), then offset. */
    static final Comparator<Codec.Placed> READ_ORDER = Comparator.comparingLong((Codec.Placed p) -> p.event().timeMillis())
            .thenComparing(p -> p.event().file(), Comparator.nullsFirst(Comparator.<String>naturalOrder()))
            .thenComparingLong(p -> p.event().offset());

    private final JobOptions options;
    private final DecisionTime time;
    private transient JobRules rules;
    private transient ListState<byte[]> pending;
    private transient ListState<byte[]> recent;
    private transient ValueState<Long> decidedUntil;
    private transient MapState<String, long[]> terms;
    /** Elastic's max_signals count of a rule decided here alone: {window, count}. */
    private transient ValueState<long[]> signals;

    StatefulGroup(JobOptions options) {
        this.options = options;
        this.time = new DecisionTime(options);
    }

    /** Rules whose candidates all meet in one group: new terms (one alert per candidate) and windowed queries. */
    static boolean byRuleOnly(CompiledRule rule) {
        return rule.stateful() instanceof Stateful.NewTerms || rule.stateful() instanceof Stateful.Query;
    }

    @Override
    public void open(OpenContext context) {
        rules = JobRules.of(options);
        var bytes = PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO;
        var longs = PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO;
        pending = getRuntimeContext().getListState(new ListStateDescriptor<>("pending", bytes));
        recent = getRuntimeContext().getListState(new ListStateDescriptor<>("recent", bytes));
        decidedUntil = getRuntimeContext().getState(new ValueStateDescriptor<>("decided-until", Types.LONG));
        terms = getRuntimeContext().getMapState(new MapStateDescriptor<>("terms", Types.STRING, longs));
        signals = getRuntimeContext().getState(new ValueStateDescriptor<>("max-signals", longs));
    }

    @Override
    public void processElement(Flow f, Context ctx, Collector<String> out) throws Exception {
        pending.add(f.body);
        time.decideAt(Codec.placed(f.body).event().timeMillis(), ctx.timerService());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<String> out) throws Exception {
        long until = time.decidable(ctx.timerService().currentWatermark());
        List<Codec.Placed> now = new ArrayList<>();
        List<byte[]> later = new ArrayList<>();
        for (byte[] b : pending.get()) {
            Codec.Placed p = Codec.placed(b);
            if (p.event().timeMillis() <= until) {
                now.add(p);
            } else {
                later.add(b);
            }
        }
        String group = ctx.getCurrentKey();
        int sep = group.indexOf('\u001e');
        int ordinal = Integer.parseInt(group.substring(0, sep));
        CompiledRule rule = rules.rule(ordinal);
        String key = group.substring(sep + 1);
        boolean newTerms = rule.stateful() instanceof Stateful.NewTerms;
        boolean query = rule.stateful() instanceof Stateful.Query;
        List<Codec.Placed> replayed = new ArrayList<>();
        if (!newTerms) {
            for (byte[] b : recent.get()) {
                replayed.add(Codec.placed(b));
            }
        }
        // A query's executions come due with event time even when no candidate is new.
        if (now.isEmpty() && !(query && !replayed.isEmpty())) {
            return;
        }
        pending.update(later);
        Long before = decidedUntil.value();
        List<Codec.Placed> all = new ArrayList<>(replayed);
        all.addAll(now);
        all.sort(READ_ORDER);
        StatefulRules decide = new StatefulRules(history(), options.learnUntilMillis == null ? null
                : Instant.ofEpochMilli(options.learnUntilMillis))
                .executions(before == null ? Long.MIN_VALUE : before, until);
        SignalBudget.Limit limit = rules.limit(ordinal);
        boolean countHere = limit != null && byRuleOnly(rule);
        // Which of its event's group keys this group is: a scan raises an event's alerts in that order.
        Map<AlertEvent, Integer> keyIndex = limit != null && !countHere ? new IdentityHashMap<>() : Map.of();
        for (Codec.Placed p : all) {
            Codec.Candidate c = p.candidate();
            List<String> keys = newTerms ? c.keys() : List.of(key);
            if (limit != null && !countHere) {
                keyIndex.put(p.event(), Math.max(0, c.keys().indexOf(key)));
            }
            Object row = c.row() == null ? null : Codec.rows(((Stateful.Query) rule.stateful()).query(), c.row());
            decide.add(new Detection.Candidate(rule, c.ordinal(), keys, c.value(), c.steps(), c.output(), c.fields(), null, row),
                    p.event(), p.attribution());
        }
        long[] used = !countHere ? null : signals.value() == null ? SignalBudget.Limit.unused() : signals.value();
        decide.finish(alert -> {
            // A query's executions are bounded above; the others' alerts before the last decision went out then.
            if (!query && before != null && alert.event().timeMillis() <= before) {
                return;
            }
            if (limit == null) {
                out.collect(AlertJson.line(alert));
            } else if (!countHere) {
                // threshold and sequence groups: counted by rule, in read order, after all groups
                int index = keyIndex.getOrDefault(alert.event(), 0);
                ctx.output(SignalLimit.LIMITED, SignalLimit.of(ordinal, Codec.Limited.of(false, alert.event(), index,
                        AlertJson.line(alert))));
            } else if (limit.allow(alert.event().timeMillis(), used)) {
                out.collect(AlertJson.line(alert));
            }
        });
        if (countHere) {
            signals.update(used);
        }
        decidedUntil.update(until);
        if (!newTerms) {
            keepLookBack(rule, all, until, ctx);
        }
    }

    /**
     * Threshold, sequence and query groups keep what their window may still count; a query's next
     * execution that will see a kept candidate gets a timer.
     */
    private void keepLookBack(CompiledRule rule, List<Codec.Placed> all, long until, OnTimerContext ctx) throws Exception {
        long span = rule.stateful() instanceof Stateful.Threshold t ? t.window().toMillis()
                : rule.stateful() instanceof Stateful.Query q ? q.lookBack().toMillis()
                : ((Stateful.Sequence) rule.stateful()).maxspan().toMillis();
        List<byte[]> keep = new ArrayList<>();
        for (Codec.Placed p : all) {
            if (p.event().timeMillis() >= until - span) {
                keep.add(Codec.placed(p.candidate(), p.event(), p.attribution()));
            }
        }
        recent.update(keep);
        if (rule.stateful() instanceof Stateful.Query q && !keep.isEmpty() && until != Long.MAX_VALUE) {
            long interval = Math.max(1, q.interval().toMillis());
            long next = -Math.floorDiv(-(until + 1), interval) * interval; // the first execution after `until`
            time.decideAt(next, ctx.timerService());
        }
    }
    /** New-terms history in keyed state (the key is the rule): first and last sighting per term. */
    private TermHistory history() {
        return new TermHistory() {
            @Override
            public long[] sightings(String ruleId, String term) {
                try {
                    return terms.get(term);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public void record(String ruleId, String term, long timeMillis) {
                try {
                    long[] s = terms.get(term);
                    terms.put(term, s == null ? new long[] {timeMillis, timeMillis}
                            : new long[] {Math.min(s[0], timeMillis), Math.max(s[1], timeMillis)});
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        };
    }
}
