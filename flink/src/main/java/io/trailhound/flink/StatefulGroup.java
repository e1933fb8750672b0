package io.trailhound.flink;

import io.trailhound.core.alert.AlertEvent;
import io.trailhound.core.alert.AlertJson;
import io.trailhound.core.rules.engine.Detection;
import io.trailhound.core.rules.engine.StatefulRules;
import io.trailhound.core.rules.engine.TermHistory;
import io.trailhound.core.rules.ir.CompiledRule;
import io.trailhound.core.rules.ir.Stateful;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
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

/**
 * A stateful rule (new terms, threshold, EQL sequence, Sigma correlation) as keyed state by rule
 * and group: candidates wait until event time passes them, then go, in event-time order, through
 * the core's {@link StatefulRules}, which decides exactly as in a scan. Ties in time are broken by
 * where the event was read (file, then offset), the order a scan reads them in, so the alerts do
 * not depend on parallelism. New-terms history lives in this state; threshold and sequence groups
 * keep the candidates of their look-back, replayed at the next decision (alerts before it are not
 * sent again).
 */
final class StatefulGroup extends KeyedProcessFunction<String, Flow, String> {
    /** Read order: event time, then file (in path order, as a scan sorts the files it finds), then offset. */
    static final Comparator<Codec.Placed> READ_ORDER = Comparator.comparingLong((Codec.Placed p) -> p.event().timeMillis())
            .thenComparing(p -> p.event().file(), Comparator.nullsFirst(Comparator.<String>naturalOrder()))
            .thenComparingLong(p -> p.event().offset());

    private final JobOptions options;
    private transient JobRules rules;
    private transient ListState<byte[]> pending;
    private transient ListState<byte[]> recent;
    private transient ValueState<Long> decidedUntil;
    private transient MapState<String, long[]> terms;

    StatefulGroup(JobOptions options) {
        this.options = options;
    }

    @Override
    public void open(OpenContext context) {
        rules = JobRules.of(options);
        var bytes = PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO;
        pending = getRuntimeContext().getListState(new ListStateDescriptor<>("pending", bytes));
        recent = getRuntimeContext().getListState(new ListStateDescriptor<>("recent", bytes));
        decidedUntil = getRuntimeContext().getState(new ValueStateDescriptor<>("decided-until", Types.LONG));
        terms = getRuntimeContext().getMapState(new MapStateDescriptor<>("terms", Types.STRING,
                PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
    }

    @Override
    public void processElement(Flow f, Context ctx, Collector<String> out) throws Exception {
        pending.add(f.body);
        ctx.timerService().registerEventTimeTimer(Codec.placed(f.body).event().timeMillis());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<String> out) throws Exception {
        long until = ctx.timerService().currentWatermark();
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
        if (now.isEmpty()) {
            return;
        }
        pending.update(later);
        String group = ctx.getCurrentKey();
        int sep = group.indexOf('\u001e');
        CompiledRule rule = rules.rule(Integer.parseInt(group.substring(0, sep)));
        String key = group.substring(sep + 1);
        boolean newTerms = rule.stateful() instanceof Stateful.NewTerms;
        Long before = decidedUntil.value();
        List<Codec.Placed> replayed = new ArrayList<>();
        if (!newTerms) {
            for (byte[] b : recent.get()) {
                replayed.add(Codec.placed(b));
            }
        }
        List<Codec.Placed> all = new ArrayList<>(replayed);
        all.addAll(now);
        all.sort(READ_ORDER);
        StatefulRules decide = new StatefulRules(history(), options.learnUntilMillis == null ? null
                : Instant.ofEpochMilli(options.learnUntilMillis));
        for (Codec.Placed p : all) {
            Codec.Candidate c = p.candidate();
            List<String> keys = newTerms ? c.keys() : List.of(key);
            decide.add(new Detection.Candidate(rule, c.ordinal(), keys, c.value(), c.steps(), c.output(), c.fields(), null),
                    p.event(), p.attribution());
        }
        decide.finish(alert -> {
            if (before == null || alert.event().timeMillis() > before) {
                out.collect(AlertJson.line(alert));
            }
        });
        decidedUntil.update(until);
        if (!newTerms) {
            keepLookBack(rule, all, until);
        }
    }

    /** Threshold and sequence groups keep what their window may still count. */
    private void keepLookBack(CompiledRule rule, List<Codec.Placed> all, long until) throws Exception {
        long span = rule.stateful() instanceof Stateful.Threshold t ? t.window().toMillis()
                : ((Stateful.Sequence) rule.stateful()).maxspan().toMillis();
        List<byte[]> keep = new ArrayList<>();
        for (Codec.Placed p : all) {
            if (p.event().timeMillis() >= until - span) {
                keep.add(Codec.placed(p.candidate(), p.event(), p.attribution()));
            }
        }
        recent.update(keep);
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
