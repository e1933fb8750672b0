package io.trailhound.core.rules.ir;

import io.trailhound.core.event.CloudTrailEvent;
import java.util.List;
import java.util.Map;

/**
 * A query that turns each event into rows and, when {@link #windowed()}, the rows of a window of
 * events into result rows (an ES|QL {@code STATS ... BY}). Compiled by a front end; the engine
 * only calls it: {@link #rows} in the reading threads, {@link #run} once per execution of the
 * rule's schedule, in event time.
 */
public interface RowQuery {
    /**
     * The event's rows after the per-event part of the query, in a compact form of the query's own
     * choosing, or null when the event yields none. Never keeps the event itself.
     */
    Object rows(CloudTrailEvent event);

    /** True when result rows come from a window of events (aggregation, limit), false when each event's row is a result. */
    boolean windowed();

    /** Whether {@link #run} reads the evaluation time ({@code NOW()}): if not, the same inputs give the same rows. */
    boolean readsNow();

    /** A per-event result row's columns, as text (absent values left out). */
    Map<String, String> columns(Object rows);

    /**
     * One execution over a window: {@code inputs} are what {@link #rows} gave for the window's
     * events, in event-time order; {@code nowMillis} is the execution's evaluation time.
     */
    List<Result> run(List<Object> inputs, long nowMillis);

    /**
     * Writes what {@link #rows} gave, for a host that moves candidates between machines (the Flink
     * job); {@link #readRows} gives back rows that {@link #run} treats exactly as the originals.
     */
    void writeRows(Object rows, java.io.DataOutput out) throws java.io.IOException;

    /** What {@link #writeRows} wrote. */
    Object readRows(java.io.DataInput in) throws java.io.IOException;

    /**
     * True when {@link #readRows} gives back every text exactly as it was written, lone surrogates
     * included (UTF-8 alone gives '?' for them), so a host holding rows as bytes need not look at
     * every character first.
     */
    default boolean writesRowsExactly() {
        return false;
    }

    /**
     * Partial results kept per slice of time that merge into a window's result, so overlapping
     * windows aggregate each event once; null when the query's shape needs every window run from
     * scratch ({@link #run}). Take one per run of a rule's executions: it may remember what the
     * execution before merged.
     */
    default Slices slices() {
        return null;
    }

    /**
     * What a result's group must hold (a row with a flag, a positive value, a key that is not
     * null), so a host can leave out, before any window runs, the rows whose key has no such row
     * within a look-back of them: they cannot be in any result. Null when the query says nothing.
     */
    default Needs needs() {
        return null;
    }

    /** Necessary conditions on a window's group, each met or not by one row; see {@link #needs()}. */
    interface Needs {
        /** {@link #describe}'s answer for rows that must be kept whatever the others hold. */
        long KEEP = 1L << 31;

        /** How many conditions (at most 31). */
        int count();

        /** How many rows meeting condition {@code need} a group needs at least (a count's threshold; else 1). */
        int rows(int need);

        /**
         * What {@link RowQuery#rows} gave for one event: its group key's hash in the high 32 bits
         * (equal keys, equal hashes) and a bit per condition the row meets, or {@link #KEEP}.
         */
        long describe(Object rows);
    }

    /** A query's results as the merge of partials over consecutive slices of a window. */
    interface Slices {
        /** A partial over no rows. */
        Partial partial();

        /**
         * One execution over the partials of a window's slices, in event-time order; the results'
         * sources are the ids their rows were added with. Null when merging cannot give exactly
         * what {@link #run} gives on the same rows (the caller runs those from scratch).
         */
        List<Result> merge(List<Partial> parts, long nowMillis);
    }

    /** What a slice's rows aggregate to; rows are added in event-time order. */
    interface Partial {
        /** What {@link #rows} gave for one event, with an id that names the event in results. */
        void add(Object rows, int source);
    }

    /**
     * One result row: its columns as text, and the indexes (into the execution's {@code inputs})
     * of the events that made it.
     */
    record Result(Map<String, String> columns, int[] sources) {
    }
}
