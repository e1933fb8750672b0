package io.trailhound.core.ingest;

import io.trailhound.core.event.CloudTrailEvent;
import java.util.ArrayList;
import java.util.List;

/** Collects what a reader hands out, in order (tests). */
public final class Collected implements RecordHandler {
    public final List<CloudTrailEvent> events = new ArrayList<>();
    public final List<BadRecord> bad = new ArrayList<>();

    static Collected read(String name, byte[] bytes) {
        return read(name, bytes, ReadLimits.defaults());
    }

    static Collected read(String name, byte[] bytes, ReadLimits limits) {
        return read(name, bytes, limits, false);
    }

    static Collected read(String name, byte[] bytes, ReadLimits limits, boolean readAhead) {
        Collected c = new Collected();
        new RecordReader(limits, readAhead).read(InputSource.bytes(name, bytes), c);
        return c;
    }

    List<QuarantineReason> reasons() {
        return bad.stream().map(BadRecord::reason).toList();
    }

    List<String> eventIds() {
        return events.stream().map(CloudTrailEvent::eventID).toList();
    }

    @Override
    public void event(CloudTrailEvent event) {
        events.add(event);
    }

    @Override
    public void bad(BadRecord b) {
        bad.add(b);
    }
}
