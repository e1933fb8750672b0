package io.trailhound.flink;

import io.trailhound.core.identity.Issuance;
import java.io.Serializable;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;

/**
 * How long the ledger operators ({@link LedgerRound}, {@link LedgerHop}) keep what they hold under
 * an ID: until event time passes the latest of an issuance's expiry, the time of the record that
 * brought something, and the event time then, plus the ledger's retention (issuances at least that
 * long past their expiry; IDs asking that long past the time they asked). A backfill that decides
 * at its end keeps everything to its end.
 */
final class LedgerRetention implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Sessions last at most 12 h; an entry with no readable expiry is kept as if it had one. */
    private static final long LONGEST_SESSION = 12 * 3_600_000L;

    private final long retention;

    LedgerRetention(JobOptions options) {
        this.retention = options.watermarks() ? options.ledgerRetention.toMillis() : -1;
    }

    /** Keeps the ID's state at least until {@code atLeast} plus the retention (see the class). */
    void keep(long atLeast, KeyedProcessFunction<String, Flow, Flow>.Context ctx, ValueState<Long> keepUntil) throws Exception {
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

    /** Keeps the ID's state for an entry it holds: at least to the entry's {@link #expiry} plus the retention. */
    void keepEntry(byte[] entry, KeyedProcessFunction<String, Flow, Flow>.Context ctx, ValueState<Long> keepUntil)
            throws Exception {
        if (retention >= 0) { // reading once, nothing goes: the entry is not even decoded
            keep(expiry(entry), ctx, keepUntil);
        }
    }

    /** True when the timer at {@code timestamp} is the one after which the ID's state goes. */
    boolean expired(long timestamp, ValueState<Long> keepUntil) throws Exception {
        Long until = keepUntil.value();
        return until != null && timestamp >= until;
    }

    /** How long an entry itself must be kept: an issuance to its expiry; a SwitchRole link as long as the IDs asking for it. */
    private static long expiry(byte[] entry) {
        Issuance i = Codec.issuanceOf(entry);
        if (i == null) {
            return Long.MIN_VALUE;
        }
        return i.expiresAt() == Long.MAX_VALUE ? i.issuedAt() + LONGEST_SESSION : i.expiresAt();
    }
}
