package io.trailhound.flink;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * One round of the walk from ledger IDs to what they rest on, by pointer doubling, as keyed state
 * by ledger ID: a Flink job graph has no cycles, so instead of one operator per hop, each round
 * doubles how far every ID reaches. Coming into round r+1, an ID X holds the entries within 2^r
 * hops of it ({@link Flow#ENTRY} keyed by X) and its frontier, the IDs its walk goes on from after
 * them ({@link Flow#FRONTIER} keyed by X, the ID in {@code requester}); each frontier ID Y was asked
 * on X's behalf ({@link Flow#NEED} keyed by Y, X the requester). Y answers X with its own entries
 * and frontier, so X leaves the round with everything within 2^(r+1) hops and the frontier at
 * that depth. Entries and asks meet in either order (an issuance read late still reaches every ID
 * that asked), and each ID's own entries pass on to the next round. The reading tasks give round
 * 0 (an entry, its caller's IDs); {@link LedgerHop} hands the last round's entries to the
 * credentials that need them. With R rounds a credential sees 2^R hops of its chain.
 */
final class LedgerRound extends KeyedProcessFunction<String, Flow, Flow> {
    /** The rounds that reach past {@code hops} hops: the core's resolver then sees where a longer chain goes on. */
    static int rounds(int hops) {
        int r = 0;
        while ((1L << r) < hops + 1L) {
            r++;
        }
        return r;
    }

    private final boolean last;
    private final LedgerRetention retention;
    private transient MapState<String, byte[]> entries;
    private transient MapState<String, Boolean> frontier;
    private transient MapState<String, Boolean> askers;
    private transient ValueState<Long> keepUntil;

    /** {@code last}: the final round, whose entries go to the credentials; it asks no further. */
    LedgerRound(boolean last, JobOptions options) {
        this.last = last;
        this.retention = new LedgerRetention(options);
    }

    @Override
    public void open(OpenContext context) {
        entries = getRuntimeContext().getMapState(new MapStateDescriptor<>("entries", Types.STRING,
                PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        frontier = getRuntimeContext().getMapState(new MapStateDescriptor<>("frontier", Types.STRING, Types.BOOLEAN));
        askers = getRuntimeContext().getMapState(new MapStateDescriptor<>("askers", Types.STRING, Types.BOOLEAN));
        keepUntil = getRuntimeContext().getState(new ValueStateDescriptor<>("keep-until", Types.LONG));
    }

    @Override
    public void processElement(Flow f, Context ctx, Collector<Flow> out) throws Exception {
        if (f.kind == Flow.ENTRY) {
            String id = LedgerHop.entryId(f);
            if (entries.contains(id)) {
                return;
            }
            entries.put(id, f.body);
            retention.keepEntry(f.body, ctx, keepUntil);
            out.collect(new Flow(Flow.ENTRY, f.key, id, f.body)); // within 2^r hops, so within 2^(r+1)
            for (String asker : askers.keys()) {
                out.collect(new Flow(Flow.ENTRY, asker, id, f.body));
            }
        } else if (f.kind == Flow.FRONTIER) {
            if (frontier.contains(f.requester)) {
                return;
            }
            frontier.put(f.requester, Boolean.TRUE);
            retention.keep(Long.MIN_VALUE, ctx, keepUntil);
            for (String asker : askers.keys()) {
                goesOn(asker, f.requester, out);
            }
        } else if (f.kind == Flow.NEED && !askers.contains(f.requester)) {
            askers.put(f.requester, Boolean.TRUE);
            retention.keep(Long.MIN_VALUE, ctx, keepUntil);
            for (java.util.Map.Entry<String, byte[]> entry : entries.entries()) {
                out.collect(new Flow(Flow.ENTRY, f.requester, entry.getKey(), entry.getValue()));
            }
            for (String next : frontier.keys()) {
                goesOn(f.requester, next, out);
            }
        }
    }

    /** {@code asker}'s walk goes on from {@code next} in the next round: its frontier, and the ask. */
    private void goesOn(String asker, String next, Collector<Flow> out) {
        if (last) {
            return;
        }
        out.collect(new Flow(Flow.FRONTIER, asker, next, null));
        out.collect(new Flow(Flow.NEED, next, asker, null));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Flow> out) throws Exception {
        if (retention.expired(timestamp, keepUntil)) {
            entries.clear();
            frontier.clear();
            askers.clear();
            keepUntil.clear();
        }
    }
}
