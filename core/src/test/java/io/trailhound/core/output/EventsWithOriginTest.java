package io.trailhound.core.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.identity.Attributor;
import io.trailhound.core.testkit.CloudTrailRecord;
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
    void anEventWhoseCredentialIsPendingIsReadBackWholeFromTheSpillWithItsFinalOrigin() throws Exception {
        List<Out> out = new ArrayList<>();
        List<CloudTrailEvent> events = OutputSamples.events();
        Attributor attributor = new Attributor();
        try (EventsWithOrigin join = new EventsWithOrigin((e, o) -> out.add(new Out(e, o)), dir).bind(attributor)) {
            // The role session's key was issued by an AssumeRole not read yet: pending, so spilled.
            attributor.accept(events.get(0));
            join.accept(events.get(0));
            assertThat(join.waiting()).isEqualTo(1);
            assertThat(Files.list(dir)).hasSize(1);
            // The others name their principal: out at once, in the order read.
            for (CloudTrailEvent e : events.subList(1, events.size())) {
                attributor.accept(e);
                join.accept(e);
            }
            assertThat(out).extracting(o -> o.event().eventID())
                    .containsExactly(events.subList(1, events.size()).stream().map(CloudTrailEvent::eventID).toArray(String[]::new));
            // The issuance comes last in the input; once all is read, the spilled event goes out with it.
            attributor.accept(CloudTrailRecord.assumeRole(OutputSamples.ACCOUNT, "Admin", "alice", OutputSamples.KEY, 3600)
                    .at("2026-11-01T08:55:00Z").iamUser("alice", "AKIAALICEKEY00000001").decoded());
            attributor.finish();
            join.finish();
            assertThat(join.waiting()).isZero();
            assertThat(Files.list(dir)).isEmpty();
        }
        assertThat(Files.list(dir)).isEmpty();
        assertThat(out).hasSize(events.size());
        Out last = out.get(out.size() - 1);
        assertThat(last.event().rawJson()).isEqualTo(events.get(0).rawJson());
        assertThat(last.event().eventID()).isEqualTo(events.get(0).eventID());
        assertThat(last.event().position()).isEqualTo(events.get(0).position());
        assertThat(last.origin().arn()).isEqualTo(OutputSamples.ALICE);
        assertThat(last.origin().confidence()).isEqualTo("exact");
    }

    @Test
    void withoutAttributionEveryEventGoesOutAsItComesWithNoOrigin() throws Exception {
        List<Out> out = new ArrayList<>();
        try (EventsWithOrigin join = new EventsWithOrigin((e, o) -> out.add(new Out(e, o)), dir)) {
            OutputSamples.events().forEach(join::accept);
        }
        assertThat(out).hasSize(5).allMatch(o -> o.origin() == null && o.event().rawBytes() != null);
        assertThat(Files.list(dir)).isEmpty();
    }
}
