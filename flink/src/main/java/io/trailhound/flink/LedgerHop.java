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
 * The last step of the walk from a credential to its origin, as keyed state by ledger ID (an
 * access key, a session): the entries the ID reaches (from the last {@link LedgerRound}: its own
 * issuances and SwitchRole links and those of the chain behind them) and the credentials that need
 * the ID (from the reading tasks). Entries and needs meet here in either order: an issuance read
 * after the keys it issued were used still reaches every credential that asked. Each goes to the
 * credential's attribution as {@link Flow#FOUND}, keyed by the credential.
 */
final class LedgerHop extends KeyedProcessFunction<String, Flow, Flow> {
    private final LedgerRetention retention;
    private transient MapState<String, byte[]> entries;
    private transient MapState<String, Boolean> requesters;
    /** Event time after which everything under this ID may go (the ledger's retention). */
    private transient ValueState<Long> keepUntil;

    LedgerHop(JobOptions options) {
        this.retention = new LedgerRetention(options);
    }

    @Override
    public void open(OpenContext context) {
        entries = getRuntimeContext().getMapState(new MapStateDescriptor<>("entries", Types.STRING,
                PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        requesters = getRuntimeContext().getMapState(new MapStateDescriptor<>("requesters", Types.STRING, Types.BOOLEAN));
        keepUntil = getRuntimeContext().getState(new ValueStateDescriptor<>("keep-until", Types.LONG));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Flow> out) throws Exception {
        if (retention.expired(timestamp, keepUntil)) {
            entries.clear();
            requesters.clear();
            keepUntil.clear();
        }
    }

    @Override
    public void processElement(Flow f, Context ctx, Collector<Flow> found) throws Exception {
        if (f.kind == Flow.ENTRY) {
            String id = entryId(f);
            if (entries.contains(id)) {
                return;
            }
            entries.put(id, f.body);
            retention.keepEntry(f.body, ctx, keepUntil);
            for (String credential : requesters.keys()) {
                found.collect(new Flow(Flow.FOUND, credential, id, f.body));
            }
        } else if (f.kind == Flow.NEED && !requesters.contains(f.requester)) {
            requesters.put(f.requester, Boolean.TRUE);
            retention.keep(Long.MIN_VALUE, ctx, keepUntil);
            for (java.util.Map.Entry<String, byte[]> entry : entries.entries()) {
                found.collect(new Flow(Flow.FOUND, f.requester, entry.getKey(), entry.getValue()));
            }
        }
    }

    /**
     * An entry's ID, as it travels with the entry ({@link Flow#requester} of an entry or a found
     * entry, given where the entry was read), else made from its bytes.
     */
    static String entryId(Flow entry) {
        return entry.requester != null ? entry.requester : entryId(entry.body);
    }

    /** Identical copies delivered twice (an issuance stored under two IDs meets itself again) count once. */
    static String entryId(byte[] entry) {
        return java.util.Base64.getEncoder().encodeToString(sha(entry));
    }

    private static byte[] sha(byte[] b) {
        return SHA256.get().digest(b); // digest() resets it for the next entry
    }

    /** One digest per thread: looking SHA-256 up among the security providers cost more than hashing an entry. */
    private static final ThreadLocal<java.security.MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });
}
