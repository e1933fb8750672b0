package io.trailhound.core.ingest;

import io.trailhound.core.event.CloudTrailEvent;

/** Where a run delivers each event once, after duplicates are dropped. Called by one thread at a time. */
@FunctionalInterface
public interface EventSink {
    void accept(CloudTrailEvent event);
}
