package io.trailhound.flink;

import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * What travels between the job's keyed operators: a kind, the key it is partitioned by, and its
 * content as bytes ({@link Codec}), written on the wire by {@link FlowSerializer}.
 */
@TypeInfo(FlowSerializer.Factory.class)
public class Flow {
    /**
     * An event, keyed by its credential: {@link #idHigh} and {@link #idLow} the eventID it is
     * deduplicated by (as the 128 bits of {@link io.trailhound.core.ingest.EventIdSet#keyOf}),
     * {@link #time} its event time, and its identity and what the rules found in it as
     * {@link #body}, which is null when nothing waits on its answer (no alert, no stateful
     * candidate, no events sink): attribution then only counts it as seen.
     */
    public static final byte EVENT = 1;
    /**
     * A ledger entry (an issuance, a console SwitchRole), keyed by each ID it can be looked up by,
     * {@link #requester} the entry's own ID ({@link LedgerHop#entryId}), made once where it is read.
     */
    public static final byte ENTRY = 2;
    /**
     * A credential needs what is known under an ID: keyed by that ID, {@link #requester} the
     * credential (or, between ledger rounds, the ID whose walk goes on there).
     */
    public static final byte NEED = 3;
    /**
     * An ID's walk goes on from another ID (in {@link #requester}): keyed by the first, for the
     * ledger rounds ({@link LedgerRound}).
     */
    public static final byte FRONTIER = 7;
    /** A ledger entry a credential's answer rests on, on its way to that credential ({@link #requester} its ID). */
    public static final byte FOUND = 4;
    /** A stateful rule's candidate with its event's answer, keyed by rule (and group). */
    public static final byte CANDIDATE = 5;
    /** An alert or update of a rule with a {@code max_signals}, keyed by rule ({@link Codec.Limited}). */
    public static final byte LIMITED = 6;

    public byte kind;
    public String key;
    public String requester;
    public byte[] body;
    /** An {@link #EVENT}'s event time. */
    public long time;
    /** An {@link #EVENT}'s eventID, high and low 64 bits ({@link SeenIds}). */
    public long idHigh;
    public long idLow;

    public Flow() {
    }

    public Flow(byte kind, String key, String requester, byte[] body) {
        this.kind = kind;
        this.key = key;
        this.requester = requester;
        this.body = body;
    }

    public String getKey() {
        return key;
    }
}
