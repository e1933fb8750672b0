package io.trailhound.flink;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.ingest.BadRecord;

/**
 * One thing read from a CloudTrail file: an event or a bad record. Handed from the source to the
 * operator chained to it by reference (object reuse), never serialized.
 */
final class Item {
    final CloudTrailEvent event;
    final BadRecord bad;

    private Item(CloudTrailEvent event, BadRecord bad) {
        this.event = event;
        this.bad = bad;
    }

    static Item of(CloudTrailEvent e) {
        return new Item(e, null);
    }

    static Item of(BadRecord b) {
        return new Item(null, b);
    }

    long timeMillis() {
        return event == null ? Long.MIN_VALUE : event.eventTimeMillis();
    }
}
