package io.trailhound.flink;

import io.trailhound.core.identity.Issuance;
import org.apache.flink.api.common.functions.OpenContext;
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
 * One hop of the walk from a credential to its origin, as keyed state by ledger ID (an access key,
 * a session): the entries stored under the ID (issuances, SwitchRole links, from the reading tasks)
 * and the credentials that need them. Entries and needs meet here in either order: an issuance
 * read after the keys it issued were used still reaches every credential that asked, as does each
 * later hop (an issuance's caller is the next ID, asked of the next hop). The job chains
 * {@code chainHops} of these, since a Flink job graph has no cycles; each forwards needs to the
 * next one.
 */
final class LedgerHop extends KeyedProcessFunction<String, Flow, Flow> {
    /** Entries on their way to the credentials that need them. */
    static final OutputTag<Flow> FOUND = new OutputTag<>("found") { };

    /** Sessions last at most 12 h; an entry with no readable expiry is kept as if it had one. */
    private static final long LONGEST_SESSION = 12 * 3_600_000L;

    private final boolean last;
    private final long retention;
    private transient MapState<String, byte[]> entries;
    private transient MapState<String, Boolean> requesters;
    /** Event time after which everything under this ID may go (the ledger's retention). */
    private transient ValueState<Long> keepUntil;

    LedgerHop(boolean last, JobOptions options) {
        this.last = last;
        this.retention = options.watermarks() ? options.ledgerRetention.toMillis() : -1;
    }

    @Override
    public void open(OpenContext context) {
        entries = getRuntimeContext().getMapState(new MapStateDescriptor<>("entries", Types.STRING,
                PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        requesters = getRuntimeContext().getMapState(new MapStateDescriptor<>("requesters", Types.STRING, Types.BOOLEAN));
        keepUntil = getRuntimeContext().getState(new ValueStateDescriptor<>("keep-until", Types.LONG));
    }

    /**
     * Keeps this ID's state until event time passes {@code atLeast} (an issuance's expiry), the time
     * of the record that brought it, and the current event time, plus the retention (issuances at
     * least that long past their expiry; credentials asking that long past the time they asked). A
     * backfill that decides at its end keeps everything to its end.
     */
    private void keep(long atLeast, Context ctx) throws Exception {
        if (retention < 0) {
            return;
        }
        long base = Math.max(atLeast, ctx.timerService().currentWatermark());
        if (ctx.timestamp() != null) {
            base = Math.max(base, ctx.timestamp());
        }
        if (base == Long.MIN_VALUE) {
            return; // no time known yet: the next record with one sets it
        }
        long until = base + retention;
        Long now = keepUntil.value();
        if (now == null || until > now) {
            keepUntil.update(until);
            ctx.timerService().registerEventTimeTimer(until);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Flow> out) throws Exception {
        Long until = keepUntil.value();
        if (until != null && timestamp >= until) {
            entries.clear();
            requesters.clear();
            keepUntil.clear();
        }
    }

    private static long expiry(byte[] entry) {
        Issuance i = Codec.issuanceOf(entry);
        if (i == null) {
            return Long.MIN_VALUE; // a SwitchRole link: kept as long as the IDs asking for it
        }
        return i.expiresAt() == Long.MAX_VALUE ? i.issuedAt() + LONGEST_SESSION : i.expiresAt();
    }

    @Override
    public void processElement(Flow f, Context ctx, Collector<Flow> next) throws Exception {
        if (f.kind == Flow.ENTRY) {
            String id = entryId(f.body);
            if (entries.contains(id)) {
                return;
            }
            entries.put(id, f.body);
            keep(expiry(f.body), ctx);
            for (String credential : requesters.keys()) {
                send(f.body, credential, ctx, next);
            }
        } else if (!requesters.contains(f.requester)) {
            requesters.put(f.requester, Boolean.TRUE);
            keep(Long.MIN_VALUE, ctx);
            for (byte[] entry : entries.values()) {
                send(entry, f.requester, ctx, next);
            }
        }
    }

    /** The entry to the credential, and its caller's IDs to the next hop. */
    private void send(byte[] entry, String credential, Context ctx, Collector<Flow> next) {
        ctx.output(FOUND, new Flow(Flow.FOUND, credential, null, entry));
        if (last) {
            return;
        }
        Issuance i = Codec.issuanceOf(entry);
        if (i != null) {
            for (String id : LedgerIds.needsOf(i)) {
                next.collect(new Flow(Flow.NEED, id, credential, null));
            }
        }
    }

    /** Identical copies delivered twice (an issuance stored under two IDs meets itself again) count once. */
    static String entryId(byte[] entry) {
        return java.util.Base64.getEncoder().encodeToString(sha(entry));
    }

    private static byte[] sha(byte[] b) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(b);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
