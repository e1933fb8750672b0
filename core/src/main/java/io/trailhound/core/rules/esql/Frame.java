package io.trailhound.core.rules.esql;

import io.trailhound.core.event.CloudTrailEvent;

/**
 * The row being computed: the event it comes from (per-event part only; null in a window), its
 * columns by slot, and the evaluation time ({@code NOW()}, windows only). One per row, mutable,
 * never shared between threads.
 */
final class Frame {
    CloudTrailEvent event;
    Object[] slots;
    long now;

    Frame(CloudTrailEvent event, Object[] slots, long now) {
        this.event = event;
        this.slots = slots;
        this.now = now;
    }
}
