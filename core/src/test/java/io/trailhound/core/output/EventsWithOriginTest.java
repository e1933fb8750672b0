package io.trailhound.core.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.identity.Attribution;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Events reach the output whole and once, with their final origin, whether the answer came at once or at the end. */
class EventsWithOriginTest {
    @TempDir
    Path dir;

    record Out(CloudTrailEvent event, EventOrigin origin) {
    }

    @Test
    void anEventWhoseAnswerWaitsIsReadBackWholeFromTheSpill() throws Exception {
        List<Out> out = new ArrayList<>();
        List<CloudTrailEvent> events = OutputSamples.events();
        Attribution a = OutputSamples.viaRole();
        try (EventsWithOrigin join = new EventsWithOrigin((e, o) -> out.add(new Out(e, o)), true, dir)) {
            // The first event's answer is final at once: the attribution stage hands it over before onEvent.
            join.attributed(events.get(0), a);
            join.accept(events.get(0));
            // The second waits: onEvent sees it first; the answer comes at the end on a copy without its record.
            join.accept(events.get(1));
            assertThat(join.waiting()).isEqualTo(1);
            assertThat(Files.list(dir)).hasSize(1);
            join.accept(events.get(2));
            CloudTrailEvent copy = events.get(1).identityCopy(events.get(1).userIdentity());
            assertThat(copy.rawBytes()).isNull();
            join.attributed(copy, a);
            join.attributed(events.get(2).identityCopy(events.get(1).userIdentity()), a);
            assertThat(join.waiting()).isZero();
        }
        assertThat(Files.list(dir)).isEmpty();
        assertThat(out).hasSize(3);
        assertThat(out.get(1).event().rawJson()).isEqualTo(events.get(1).rawJson());
        assertThat(out.get(1).event().eventID()).isEqualTo(events.get(1).eventID());
        assertThat(out.get(1).event().position()).isEqualTo(events.get(1).position());
        assertThat(out.get(2).event().rawJson()).isEqualTo(events.get(2).rawJson());
        assertThat(out).allMatch(o -> o.origin().arn().equals(OutputSamples.ALICE));
    }

    @Test
    void withoutAttributionEveryEventGoesOutAsItComesWithNoOrigin() throws Exception {
        List<Out> out = new ArrayList<>();
        try (EventsWithOrigin join = new EventsWithOrigin((e, o) -> out.add(new Out(e, o)), false, dir)) {
            OutputSamples.events().forEach(join::accept);
        }
        assertThat(out).hasSize(5).allMatch(o -> o.origin() == null && o.event().rawBytes() != null);
        assertThat(Files.list(dir)).isEmpty();
    }
}
