package io.trailhound.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.alert.Alert;
import io.trailhound.core.alert.AlertEvent;
import io.trailhound.core.rules.ir.RuleFormat;
import io.trailhound.core.rules.ir.RuleInfo;
import io.trailhound.core.Severity;
import io.trailhound.core.rules.engine.MemoryTermHistory;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Alerts and new-terms history in the store: kept once per rule and event, across runs. */
class AlertStoreTest {
    private static final RuleInfo RULE = new RuleInfo("r1", "Rule one", RuleFormat.FALCO, "test", 1, "WARNING",
            Severity.MEDIUM, null, List.of(), List.of(), List.of(), "", true, null, List.of(), Map.of());

    private static Alert alert(String eventID, String file, long offset) {
        AlertEvent e = new AlertEvent(Instant.parse("2026-11-01T00:00:00Z").toEpochMilli(), "2026-11-01T00:00:00Z",
                eventID, "s3.amazonaws.com", "GetObject", "us-east-1", "111122223333", "198.51.100.1", "IAMUser",
                "arn:aws:iam::111122223333:user/alice", file, offset);
        return new Alert(RULE, "out", Map.of(), e, null, Map.of());
    }

    @Test
    void alertsAreKeptOncePerRuleAndEventAndEventsWithoutIdsStayApart() {
        Instant now = Instant.parse("2026-11-02T00:00:00Z");
        try (EventStore s = EventStore.open(EventStore.MEMORY, false)) {
            try (StoreWriter w = s.writer()) {
                w.alert(alert("e-1", "a.json", 0), now);
                w.alert(alert("e-1", "a.json", 0), now);      // the same alert twice in one run
                w.alert(alert(null, "b.json", 10), now);      // no eventID: told apart by where they were read
                w.alert(alert(null, "b.json", 20), now);
                w.alert(alert("at:b.json@10", "c.json", 0), now); // an eventID that looks like a position
                assertThat(w.commit().alertsAdded()).isEqualTo(4);
            }
            try (StoreWriter w = s.writer()) {
                w.alert(alert("e-1", "a.json", 0), now);      // a re-scan adds nothing
                assertThat(w.commit().alertsAdded()).isZero();
            }
            assertThat(s.counts().get("alerts")).isEqualTo(4);
        }
    }

    @Test
    void anAlertKeptAtAnEarlierBatchWhileItWaitedGetsTheLinePrintedWhenItWentOut() throws Exception {
        Instant now = Instant.parse("2026-11-02T00:00:00Z");
        try (EventStore s = EventStore.open(EventStore.MEMORY, false)) {
            try (StoreWriter w = s.writer()) {
                // kept at a cut with the answer it had then (a crash after this batch must not lose it)
                w.alert(alert("e-1", "a.json", 0), now, "{\"origin\":{\"confidence\":\"unknown\"}}");
                w.commitBatch(null);
                // released later in the run, printed with its final answer
                w.alert(alert("e-1", "a.json", 0), now, "{\"origin\":{\"confidence\":\"exact\"}}");
                StoreWriter.Committed c = w.commit(null);
                assertThat(c.batches()).isEqualTo(2);
                assertThat(c.alertsAdded()).isEqualTo(1);
            }
            assertThat(s.counts().get("alerts")).isEqualTo(1);
            assertThat(s.db().queryString("SELECT json FROM alerts WHERE eventID = 'e-1'"))
                    .isEqualTo("{\"origin\":{\"confidence\":\"exact\"}}");
        }
    }

    @Test
    void anAlertKeepsTheJsonLineItsHostPrinted() throws Exception {
        Instant now = Instant.parse("2026-11-02T00:00:00Z");
        try (EventStore s = EventStore.open(EventStore.MEMORY, false)) {
            try (StoreWriter w = s.writer()) {
                w.alert(alert("e-1", "a.json", 0), now, "{\"rule\":\"Rule one\",\"eventID\":\"e-1\"}");
                w.alert(alert("e-2", "a.json", 9), now);
                w.commit();
            }
            assertThat(s.db().queryString("SELECT json FROM alerts WHERE eventID = 'e-1'"))
                    .isEqualTo("{\"rule\":\"Rule one\",\"eventID\":\"e-1\"}");
            assertThat(s.db().queryString("SELECT json FROM alerts WHERE eventID = 'e-2'")).isNull();
        }
    }

    @Test
    void newTermsHistoryIsWrittenAndReadBackAndPrunedWithTheRest() {
        try (EventStore s = EventStore.open(EventStore.MEMORY, false)) {
            MemoryTermHistory h = new MemoryTermHistory();
            h.record("rule", "alice", Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());
            h.record("rule", "bob", Instant.parse("2026-10-30T00:00:00Z").toEpochMilli());
            h.record("rule", "bob", Instant.parse("2026-10-31T00:00:00Z").toEpochMilli());
            try (StoreWriter w = s.writer()) {
                w.terms(h);
                assertThat(w.commit().termsWritten()).isEqualTo(2);
            }
            assertThat(s.termHistory().sightings("rule", "bob")).containsExactly(
                    Instant.parse("2026-10-30T00:00:00Z").toEpochMilli(), Instant.parse("2026-10-31T00:00:00Z").toEpochMilli());
            s.prune(java.time.Duration.ofDays(90), Instant.parse("2026-11-02T00:00:00Z"));
            assertThat(s.termHistory().sightings("rule", "alice")).isNull();
            assertThat(s.termHistory().sightings("rule", "bob")).isNotNull();
        }
    }
}
