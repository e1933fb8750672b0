package io.trailhound.core.ingest;

import io.trailhound.core.event.CloudTrailEvent;

/** Receives what a reader finds in one input, in input order. */
public interface RecordHandler {
    void event(CloudTrailEvent event);

    void bad(BadRecord bad);
}
