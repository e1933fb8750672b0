package io.trailhound.flink;

import io.trailhound.core.rules.engine.SignalBudget;
import java.util.ArrayList;
import java.util.List;
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
import org.apache.flink.util.OutputTag;

/**
 * Elastic's {@code max_signals}, counted by the core's {@link SignalBudget.Limit} as a scan counts
 * it, in keyed state by rule, for the alerts raised in parallel: a rule's stateless alerts (by
 * credential) and its threshold and sequence alerts (by group). They wait until event time has
 * passed them ({@link DecisionTime}), then are counted in the order a scan reads their events
 * (event time, file, offset), so the alerts kept do not depend on parallelism. An update of a
 * dropped alert is dropped too. (New-terms and windowed query rules, decided in one group per
 * rule, count in that group, in the order they raise alerts.)
 */
final class SignalLimit extends KeyedProcessFunction<String, Flow, String> {
    /** Alerts and updates of rules with a max_signals, keyed by rule, from attribution and the rule groups. */
    static final OutputTag<Flow> LIMITED = new OutputTag<>("limited-alerts") { };

    private final JobOptions options;
    private final DecisionTime time;
    private transient JobRules rules;
    private transient ListState<byte[]> waiting;
    private transient ValueState<long[]> used;
    private transient ValueState<Long> decidedUntil;
    /** Alerts dropped, by id, with their event time: their updates are dropped too (updates come only while event time advances). */
    private transient MapState<String, Long> dropped;

    SignalLimit(JobOptions options) {
        this.options = options;
        this.time = new DecisionTime(options);
    }

    /** An alert line of a rule with a max_signals, on its way here. */
    static Flow of(int ordinal, Codec.Limited l) {
        return new Flow(Flow.LIMITED, Integer.toString(ordinal), null, Codec.limited(l));
    }

    @Override
    public void open(OpenContext context) {
        rules = JobRules.of(options);
        waiting = getRuntimeContext().getListState(new ListStateDescriptor<>("waiting",
                PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        used = getRuntimeContext().getState(new ValueStateDescriptor<>("used", PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        decidedUntil = getRuntimeContext().getState(new ValueStateDescriptor<>("decided-until", Types.LONG));
        dropped = getRuntimeContext().getMapState(new MapStateDescriptor<>("dropped", Types.STRING, Types.LONG));
    }

    @Override
    public void processElement(Flow f, Context ctx, Collector<String> out) throws Exception {
        Codec.Limited l = Codec.limited(f.body);
        Long decided = decidedUntil.value();
        if (l.update() && decided != null && l.timeMillis() <= decided) {
            if (!dropped.contains(l.id())) {
                out.collect(l.line());
            }
            return;
        }
        waiting.add(f.body);
        time.decideAt(l.timeMillis(), ctx.timerService());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<String> out) throws Exception {
        long until = time.decidable(ctx.timerService().currentWatermark());
        List<Codec.Limited> now = new ArrayList<>();
        List<byte[]> later = new ArrayList<>();
        for (byte[] b : waiting.get()) {
            Codec.Limited l = Codec.limited(b);
            if (l.timeMillis() <= until) {
                now.add(l);
            } else {
                later.add(b);
            }
        }
        if (now.isEmpty()) {
            return;
        }
        waiting.update(later);
        now.sort(Codec.Limited.ORDER);
        SignalBudget.Limit limit = rules.limit(Integer.parseInt(ctx.getCurrentKey()));
        long[] count = used.value() == null ? SignalBudget.Limit.unused() : used.value();
        for (Codec.Limited l : now) {
            if (l.update()) {
                if (!dropped.contains(l.id())) {
                    out.collect(l.line());
                }
            } else if (limit.allow(l.timeMillis(), count)) {
                out.collect(l.line());
            } else if (options.watermarks()) {
                dropped.put(l.id(), l.timeMillis());
            }
        }
        used.update(count);
        Long before = decidedUntil.value();
        decidedUntil.update(until);
        // once an hour of event time
        if (before != null && Math.floorDiv(before, 3_600_000L) != Math.floorDiv(until, 3_600_000L)) {
            forgetDropped(until);
        }
    }

    /** Updates come while attribution keeps the credential: up to the ledger's retention past the event. */
    private void forgetDropped(long until) throws Exception {
        if (!options.watermarks() || until == Long.MAX_VALUE) {
            return;
        }
        long before = until - options.ledgerRetention.toMillis();
        List<String> old = new ArrayList<>();
        for (var e : dropped.entries()) {
            if (e.getValue() < before) {
                old.add(e.getKey());
            }
        }
        for (String id : old) {
            dropped.remove(id);
        }
    }
}
