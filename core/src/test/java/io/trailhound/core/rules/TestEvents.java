package io.trailhound.core.rules;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.testkit.CloudTrailRecord;

/** Events for rule tests, decoded exactly as a scan decodes them. */
public final class TestEvents {
    private TestEvents() {
    }

    /** One CloudTrail record from its JSON text (see {@link CloudTrailRecord#decode(String)}). */
    public static CloudTrailEvent parse(String json) {
        return CloudTrailRecord.decode(json);
    }
}
