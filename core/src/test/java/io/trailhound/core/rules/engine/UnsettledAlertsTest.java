package io.trailhound.core.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.Severity;
import io.trailhound.core.alert.Alert;
import io.trailhound.core.alert.AlertEvent;
import io.trailhound.core.identity.Attribution;
import io.trailhound.core.identity.Confidence;
import io.trailhound.core.identity.CredentialAnswer;
import io.trailhound.core.identity.CredentialChange;
import io.trailhound.core.identity.Origin;
import io.trailhound.core.rules.ir.RuleFormat;
import io.trailhound.core.rules.ir.RuleInfo;
import io.trailhound.core.testkit.CollectedAlerts;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Alerts sent before their credential settled: updated once each, held once however often raised, forgotten past the retention. */
class UnsettledAlertsTest {
    private static Alert alert(String eventID, long time) {
        RuleInfo r = new RuleInfo("r", "Logging stopped", RuleFormat.FALCO, "f", 1, "WARNING", Severity.MEDIUM, null, List.of(),
                List.of(), List.of(), null, true, null, List.of(), Map.of());
        return new Alert(r, "stopped", Map.of(), new AlertEvent(time, "2026-11-01T00:00:00Z", eventID, "s", "StopLogging", "r",
                "1", "1.2.3.4", "AssumedRole", "arn", null, -1), null, Map.of());
    }

    @Test
    void anAlertRaisedTwiceIsUpdatedOnceAndOldOnesAreForgotten() {
        UnsettledAlerts u = new UnsettledAlerts();
        u.add("ASIAKEY", List.of(alert("e-1", 1_000), alert("e-2", 5_000)));
        u.add("ASIAKEY", List.of(alert("e-1", 1_000))); // the same alert again: a batch read again
        u.add("ASIAOLD", List.of(alert("e-3", 500)));
        assertThat(u.size()).isEqualTo(3);

        assertThat(u.forgetBefore(800)).isEqualTo(1);
        assertThat(u.size()).isEqualTo(2);

        CollectedAlerts sink = new CollectedAlerts();
        CredentialAnswer before = new CredentialAnswer(new Attribution(null, Confidence.UNKNOWN, "issuance not read yet", List.of(),
                List.of()), Long.MAX_VALUE, "ASIAKEY", null);
        CredentialAnswer now = new CredentialAnswer(new Attribution(new Origin("IAMUser", "arn:aws:iam::1:user/alice", "alice",
                null, "1"), Confidence.EXACT, null, List.of(), List.of()), Long.MAX_VALUE, null, null);
        assertThat(u.changed(new CredentialChange("ASIAKEY", null, before, now, 3), sink)).isEqualTo(2);
        assertThat(sink.updates).extracting(x -> x.alert().event().eventID()).containsExactly("e-1", "e-2");
        assertThat(sink.updates).allSatisfy(x -> assertThat(x.settled()).isTrue());
        assertThat(u.size()).isZero();
        assertThat(u.changed(new CredentialChange("ASIAKEY", null, before, now, 3), sink)).isZero();
    }
}
