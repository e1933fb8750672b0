package io.trailhound.flink;

import io.trailhound.core.alert.Alert;
import io.trailhound.core.alert.AlertEvent;
import io.trailhound.core.alert.AlertJson;
import io.trailhound.core.alert.AlertUpdate;
import io.trailhound.core.identity.Attribution;
import io.trailhound.core.identity.AttributionResolver;
import io.trailhound.core.identity.CredentialAnswer;
import io.trailhound.core.identity.CredentialIdentity;
import io.trailhound.core.identity.CredentialLedger;
import io.trailhound.core.rules.ir.CompiledRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.ListTypeInfo;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Attribution as keyed state by credential: the events made with it, waiting, and the ledger
 * entries its answer rests on (sent by the {@link LedgerHop}s). Each event waits until event time
 * passes its time plus the attribution wait (in a backfill that decides at its end, until all input
 * is read, as {@code trailhound scan} does); then the core's {@link AttributionResolver} answers it
 * from a ledger of exactly those entries, the event goes to the events sink, its stateless alerts
 * go out, and its stateful candidates go on to their rule's group. An entry that arrives after an
 * alert went out, and changes its answer, is sent as an {@code attribution_update}, never as a
 * second alert. Duplicates (same eventID, one credential) are dropped here; an event nothing waits
 * on (no alert, no stateful candidate, no events sink) comes as its ID and time alone, and only
 * counts as seen.
 */
final class Attribute extends KeyedProcessFunction<String, Flow, Flow> {
    static final OutputTag<String> ALERTS = new OutputTag<>("alerts") { };
    static final OutputTag<EventLine> EVENTS = new OutputTag<>("events") { };

    private final JobOptions options;
    private transient JobRules rules;
    private transient MapState<String, byte[]> entries;
    /** Events waiting, by the event time at which they go out. */
    private transient MapState<Long, List<byte[]>> waiting;
    /** The credential's eventIDs, high 64 bits to low ({@link SeenIds}). */
    private transient MapState<Long, long[]> seen;
    /** Events that alerted, and the answer their alerts went out with: for updates. */
    private transient MapState<String, byte[]> alerted;
    private transient MapState<String, byte[]> answered;
    /**
     * The credential's latest event that went out, and its answer (kept for the events sink alone):
     * a late entry that changes it is an update for all its events.
     */
    private transient ValueState<byte[]> lastEvent;
    private transient ValueState<byte[]> lastAnswer;
    private transient ValueState<Integer> entriesHeld;
    private transient ValueState<Long> keepUntil;
    private transient String cachedKey;
    private transient int cachedEntries;
    private transient Answers cached;

    Attribute(JobOptions options) {
        this.options = options;
    }

    @Override
    public void open(OpenContext context) {
        rules = JobRules.of(options);
        var bytes = PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO;
        entries = getRuntimeContext().getMapState(new MapStateDescriptor<>("entries", Types.STRING, bytes));
        waiting = getRuntimeContext().getMapState(new MapStateDescriptor<>("waiting", Types.LONG, new ListTypeInfo<>(bytes)));
        seen = getRuntimeContext().getMapState(SeenIds.descriptor());
        alerted = getRuntimeContext().getMapState(new MapStateDescriptor<>("alerted", Types.STRING, bytes));
        answered = getRuntimeContext().getMapState(new MapStateDescriptor<>("answered", Types.STRING, bytes));
        lastEvent = getRuntimeContext().getState(new ValueStateDescriptor<>("last-event", bytes));
        lastAnswer = getRuntimeContext().getState(new ValueStateDescriptor<>("last-answer", bytes));
        entriesHeld = getRuntimeContext().getState(new ValueStateDescriptor<>("entries-held", Types.INT));
        keepUntil = getRuntimeContext().getState(new ValueStateDescriptor<>("keep-until", Types.LONG));
    }

    @Override
    public void processElement(Flow f, Context ctx, Collector<Flow> out) throws Exception {
        if (f.kind == Flow.FOUND) {
            String id = LedgerHop.entryId(f);
            if (!entries.contains(id)) {
                entries.put(id, f.body);
                entriesHeld.update(entryCount() + 1);
                if (lastEvent.value() != null || !alerted.isEmpty()) {
                    update(ctx);
                }
            }
            return;
        }
        if (!SeenIds.add(seen, f.idHigh, f.idLow)) {
            return; // a duplicate (same eventID): dropped as the CLI drops it
        }
        keep(f.time, ctx);
        if (f.body == null) {
            return; // nothing waits on its answer
        }
        long at = dueAt(f.time);
        List<byte[]> due = waiting.get(at);
        if (due == null) {
            due = new ArrayList<>(4);
            ctx.timerService().registerEventTimeTimer(at);
        }
        due.add(f.body);
        waiting.put(at, due);
    }

    /**
     * Event time plus the wait, to the next whole second, so a credential's events share timers; in
     * a backfill that decides at its end, the end (one timer per credential, fired once all is read).
     */
    private long dueAt(long eventTime) {
        if (!options.watermarks()) {
            return Long.MAX_VALUE;
        }
        long t = eventTime + options.attributionWait.toMillis();
        return Math.floorDiv(t, 1000) * 1000 + 999;
    }

    /**
     * With event time advancing, a credential's state goes once event time passes its last use plus
     * the wait and the ledger's retention (dedupe of replayed events and late updates span as long).
     * A backfill that decides at its end keeps it to its end.
     */
    private void keep(long eventTime, Context ctx) throws Exception {
        if (!options.watermarks()) {
            return;
        }
        long until = dueAt(eventTime) + options.ledgerRetention.toMillis();
        Long now = keepUntil.value();
        if (now == null || until > now) {
            keepUntil.update(until);
            ctx.timerService().registerEventTimeTimer(until);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Flow> out) throws Exception {
        Long until = keepUntil.value();
        if (until != null && timestamp >= until && waiting.isEmpty()) {
            for (var s : List.of(entries, seen, alerted, answered)) {
                s.clear();
            }
            waiting.clear();
            lastEvent.clear();
            lastAnswer.clear();
            entriesHeld.clear();
            keepUntil.clear();
            cachedKey = null;
            return;
        }
        List<byte[]> due = waiting.get(timestamp);
        if (due == null) {
            return;
        }
        waiting.remove(timestamp);
        Answers answers = answers(ctx.getCurrentKey());
        Attribution a = null;
        for (byte[] body : due) {
            Codec.Event ev = Codec.event(body);
            a = answers.forEvent(ev.identity());
            if (options.eventsOut != null) {
                ctx.output(EVENTS, EventLine.of(ev.identity(), ev.sourceIPAddress(), ev.userAgent(), a));
            }
            AlertEvent alertEvent = ev.alertEvent();
            for (int k = 0; k < ev.hits().size(); k++) {
                Codec.Hit h = ev.hits().get(k);
                CompiledRule r = rules.rule(h.ordinal());
                alert(ctx, h.ordinal(), false, alertEvent, k, AlertJson.line(new Alert(r.info(), h.output(), h.fields(), alertEvent, a,
                        Map.of())));
            }
            if (!ev.hits().isEmpty()) {
                String id = Codec.eventId(ev.identity());
                alerted.put(id, body);
                answered.put(id, Codec.attribution(a));
            }
            for (Codec.Candidate c : ev.candidates()) {
                byte[] placed = Codec.placed(c, alertEvent, a);
                for (String group : groups(c)) {
                    out.collect(new Flow(Flow.CANDIDATE, group, null, placed));
                }
            }
        }
        if (options.eventsOut != null) { // only the events sink's updates read the credential's latest event
            lastEvent.update(due.get(due.size() - 1));
            lastAnswer.update(Codec.attribution(a));
        }
    }

    /** An alert line (or update) out, through its rule's count when the rule has a max_signals. */
    private void alert(Context ctx, int ordinal, boolean update, AlertEvent e, int index, String line) {
        if (rules.limit(ordinal) == null) {
            ctx.output(ALERTS, line);
        } else {
            ctx.output(SignalLimit.LIMITED, SignalLimit.of(ordinal, Codec.Limited.of(update, e, index, line)));
        }
    }

    /**
     * Where a candidate's rule decides: threshold and sequence rules by rule and group (each group
     * counts on its own); new-terms rules by rule, since one candidate with several terms alerts
     * once, on the first that is new; windowed query rules by rule, since an execution runs over
     * every row of its window.
     */
    private List<String> groups(Codec.Candidate c) {
        String rule = c.ordinal() + "\u001e";
        if (StatefulGroup.byRuleOnly(rules.rule(c.ordinal()))) {
            return List.of(rule);
        }
        List<String> out = new ArrayList<>(c.keys().size());
        for (String k : c.keys()) {
            out.add(rule + k);
        }
        return out;
    }

    /**
     * A late entry: when it changes the credential's answer, the events sink gets one update record
     * for the credential (its events join to it), and each alert already out whose answer changed
     * gets one.
     */
    private void update(Context ctx) throws Exception {
        Answers answers = answers(ctx.getCurrentKey());
        byte[] latest = lastEvent.value();
        if (latest != null) {
            Codec.Event last = Codec.event(latest);
            CredentialAnswer answer = answers.of(last.identity());
            if (!Objects.equals(answer.attribution(), Codec.attribution(lastAnswer.value()))) {
                lastAnswer.update(Codec.attribution(answer.attribution()));
                ctx.output(EVENTS, EventLine.update(ctx.getCurrentKey(), last.identity(), answer.attribution()));
            }
        }
        for (Map.Entry<String, byte[]> e : alerted.entries()) {
            Codec.Event ev = Codec.event(e.getValue());
            Attribution before = Codec.attribution(answered.get(e.getKey()));
            Attribution now = answers.forEvent(ev.identity());
            if (Objects.equals(now, before)) {
                continue;
            }
            answered.put(e.getKey(), Codec.attribution(now));
            boolean settled = !answers.of(ev.identity()).pending();
            for (int k = 0; k < ev.hits().size(); k++) {
                Codec.Hit h = ev.hits().get(k);
                CompiledRule r = rules.rule(h.ordinal());
                Alert sent = new Alert(r.info(), h.output(), h.fields(), ev.alertEvent(), before, Map.of());
                alert(ctx, h.ordinal(), true, sent.event(), k, AlertJson.line(new AlertUpdate(sent, now, settled)));
            }
        }
    }

    /**
     * The core's answers over this credential's ledger: one {@link CredentialAnswer} per credential
     * identity (every event made with a credential carries the same one), then each event's own
     * expiry check ({@link CredentialAnswer#forEvent}), as the scan's attribution stage gives them.
     */
    private static final class Answers {
        private final AttributionResolver resolver;
        private final Map<CredentialIdentity, CredentialAnswer> byIdentity = new java.util.HashMap<>(2);

        Answers(AttributionResolver resolver) {
            this.resolver = resolver;
        }

        CredentialAnswer of(io.trailhound.core.event.CloudTrailEvent e) {
            return byIdentity.computeIfAbsent(CredentialIdentity.of(e), resolver::resolve);
        }

        Attribution forEvent(io.trailhound.core.event.CloudTrailEvent e) {
            return of(e).forEvent(e.eventTimeMillis());
        }
    }

    /** The core's answers over a ledger of the entries this credential's answer rests on. */
    private Answers answers(String key) throws Exception {
        // Timers of one credential follow each other: its ledger is built once until an entry arrives.
        if (key.equals(cachedKey) && cachedEntries == entryCount()) {
            return cached;
        }
        CredentialLedger ledger = new CredentialLedger();
        for (byte[] entry : entries.values()) {
            Codec.addTo(ledger, entry);
        }
        cachedKey = key;
        cachedEntries = entryCount();
        cached = new Answers(new AttributionResolver(ledger, rules.trust));
        return cached;
    }

    private int entryCount() throws Exception {
        Integer n = entriesHeld.value();
        return n == null ? 0 : n;
    }
}
