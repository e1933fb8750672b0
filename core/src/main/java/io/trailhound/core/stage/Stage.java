package io.trailhound.core.stage;

import io.trailhound.core.event.CloudTrailEvent;
import java.util.List;

/**
 * One stage of the pipeline that every event passes once, in three parts:
 * <ul>
 *   <li>{@link #prepare}: in the reading threads, in parallel, as each event is decoded. It may
 *   touch only state that is safe to share; what it returns travels with the event.</li>
 *   <li>{@link #accept}: in one thread, once per event (duplicates dropped: {@link #dropped}), in delivery order.</li>
 *   <li>{@link #finish}: once, after the last event.</li>
 * </ul>
 * What a stage keeps from one event to the next is declared by {@link #held}, with what it is
 * keyed by: a host that spreads the pipeline over many machines (the Flink job) keeps exactly that
 * as keyed state, and everything else a stage does is work on one event.
 *
 * @param <P> what {@link #prepare} hands to {@link #accept} (Void when nothing)
 */
@FunctionalInterface
public interface Stage<P> {

    /** Reading threads, in parallel: per-event work that needs no state of this run but shared state. */
    default P prepare(CloudTrailEvent event) {
        return null;
    }

    /** One thread, each event once, with what {@link #prepare} returned for it. */
    void accept(CloudTrailEvent event, P prepared);

    /**
     * One thread: an event that was prepared and then dropped (a second copy of an eventID), never
     * accepted; a stage that counted it in {@link #prepare} takes it back here.
     */
    default void dropped(CloudTrailEvent event, P prepared) {
    }

    /** Once all input is read: decide what waited for more input. */
    default void finish() {
    }

    /** The state kept across events, now; empty for a stage that keeps none. */
    default List<HeldState> held() {
        return List.of();
    }
}
