package io.trailhound.core.rules.engine;

import static io.trailhound.core.testkit.CloudTrailRecord.assumeRole;
import static io.trailhound.core.testkit.CloudTrailRecord.decode;
import static io.trailhound.core.testkit.CloudTrailRecord.event;
import static io.trailhound.core.testkit.Identities.iamUser;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.alert.Alert;
import io.trailhound.core.alert.AlertUpdate;
import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.identity.Attributor;
import io.trailhound.core.identity.Confidence;
import io.trailhound.core.identity.PreparedCredential;
import io.trailhound.core.rules.RuleFormats;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Alerts whose credential is pending: held until it settles or the input ends, or sent after the wait and then updated. */
class DetectionAttributionWaitTest {
    private static final String A = "111111111111";

    private final io.trailhound.core.testkit.CollectedAlerts sink = new io.trailhound.core.testkit.CollectedAlerts();
    private final List<Alert> alerts = sink.alerts;
    private final List<AlertUpdate> updates = sink.updates;

    private static CloudTrailEvent stopLogging(String time) {
        return decode(event("StopLogging").source("cloudtrail.amazonaws.com").at(time).account(A)
                .assumedRole("Admin", "alice", "ASIAWAIT000000000001", "2026-11-01T09:00:00Z").request("name", "trail").node());
    }

    private static CloudTrailEvent other(String time) {
        return decode(event("ListBuckets").source("s3.amazonaws.com").at(time).account(A)
                .iamUser("bob", "AKIABOB0000000000001").node());
    }

    private static CloudTrailEvent issuance() {
        return decode(assumeRole(A, "Admin", "alice", "ASIAWAIT000000000001", 3600).at("2026-11-01T09:00:00Z")
                .by(iamUser(A, "alice", "AKIAALICE00000000001")).account(A).node());
    }

    private static void feed(Attributor at, DetectionStage d, CloudTrailEvent e) {
        PreparedCredential p = at.prepare(e);
        Detection found = d.prepare(e);
        at.accept(e, p);
        d.accept(e, found);
    }

    private DetectionStage stage(Duration wait) {
        return DetectionStage.inMemory(new Detector(new RuleSet(RuleFormats.builtin().rules())), null, sink).withAttributionWait(wait);
    }

    @Test
    void afterTheWaitTheAlertGoesOutOnceAndALaterIssuanceIsAnUpdate() {
        Attributor at = new Attributor();
        DetectionStage d = stage(Duration.ofMinutes(20));
        d.awaitAttribution(at);
        feed(at, d, stopLogging("2026-11-01T09:20:00Z"));
        feed(at, d, other("2026-11-01T09:30:00Z"));
        assertThat(alerts).as("still within the wait").isEmpty();
        feed(at, d, other("2026-11-01T09:41:00Z"));
        assertThat(alerts).singleElement().satisfies(a -> assertThat(a.attribution().confidence()).isEqualTo(Confidence.INFERRED));
        String id = alerts.get(0).id();

        feed(at, d, issuance());
        at.finish();
        d.finish();
        assertThat(alerts).as("never a second alert").hasSize(1);
        assertThat(updates).singleElement().satisfies(u -> {
            assertThat(u.alertId()).isEqualTo(id);
            assertThat(u.attribution().confidence()).isEqualTo(Confidence.EXACT);
            assertThat(u.attribution().origin().arn()).isEqualTo("arn:aws:iam::" + A + ":user/alice");
            assertThat(u.settled()).isTrue();
        });
        assertThat(d.updates()).isEqualTo(1);
    }

    @Test
    void withoutAWaitTheAlertWaitsForTheIssuanceAndGoesOutOnceExact() {
        Attributor at = new Attributor();
        DetectionStage d = stage(null);
        d.awaitAttribution(at);
        feed(at, d, stopLogging("2026-11-01T09:20:00Z"));
        feed(at, d, other("2026-11-02T09:41:00Z"));
        assertThat(alerts).isEmpty();
        feed(at, d, issuance());
        assertThat(alerts).singleElement().satisfies(a -> assertThat(a.attribution().confidence()).isEqualTo(Confidence.EXACT));
        at.finish();
        d.finish();
        assertThat(alerts).hasSize(1);
        assertThat(updates).isEmpty();
        assertThat(d.held()).filteredOn(h -> h.name().equals("findings waiting for attribution"))
                .singleElement().satisfies(h -> assertThat(h.entries()).isZero());
    }

    @Test
    void whatStillWaitsAtTheEndGoesOutWithTheAnswerFinalForTheInput() {
        Attributor at = new Attributor();
        DetectionStage d = stage(null);
        d.awaitAttribution(at);
        feed(at, d, stopLogging("2026-11-01T09:20:00Z"));
        at.finish();
        d.finish();
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.attribution().confidence()).isEqualTo(Confidence.INFERRED);
            assertThat(a.attribution().reason()).startsWith("issuance not read yet");
        });
    }
}
