package io.trailhound.core.rules.engine;

import static io.trailhound.core.rules.TestRules.field;
import static io.trailhound.core.rules.TestRules.path;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.alert.Alert;
import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.TestEvents;
import io.trailhound.core.rules.TestRules;
import io.trailhound.core.rules.ir.CompiledRule;
import io.trailhound.core.rules.ir.Matchers;
import io.trailhound.core.rules.ir.RuleFormat;
import io.trailhound.core.Severity;
import io.trailhound.core.rules.ir.Stateful;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatefulRulesTest {
    private static int ids;

    static CloudTrailEvent ev(String time, String name, String user, String account, String error) {
        return TestEvents.parse("""
                {"eventTime":"%s","eventID":"e%d","eventSource":"sts.amazonaws.com","eventName":"%s",
                 "recipientAccountId":"%s",%s"userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::1:user/%s"}}
                """.formatted(time, ids++, name, account, error == null ? "" : "\"errorCode\":\"" + error + "\",", user));
    }

    /** Runs events (in the order given, as files would deliver them) through detection and the stateful stage. */
    static List<Alert> run(CompiledRule rule, TermHistory history, Instant learnUntil, CloudTrailEvent... events) {
        Detector d = new Detector(new RuleSet(List.of(rule)));
        StatefulRules s = new StatefulRules(history, learnUntil);
        for (CloudTrailEvent e : events) {
            Detection det = d.detect(e);
            if (det != null) {
                det.candidates().forEach(c -> s.add(c, det.event(), null));
            }
        }
        List<Alert> out = new ArrayList<>();
        s.finish(out::add);
        return out;
    }

    static final CompiledRule ROOT = TestRules.stateful("rare AssumeRoot", RuleFormat.ELASTIC, Severity.LOW,
            io.trailhound.core.rules.ir.Predicates.and(List.of(field("eventName", "AssumeRoot"),
                    io.trailhound.core.rules.ir.Predicates.not(new io.trailhound.core.rules.ir.Predicate.Exists(path("errorCode"))))),
            new Stateful.NewTerms(List.of(path("userIdentity.arn"), path("recipientAccountId")), Duration.ofDays(10)),
            Map.of());

    @Test
    void newTermsAlertsOnFirstSightingInEventTimeOrderNotOnRepeats() {
        List<Alert> alerts = run(ROOT, TermHistory.inMemory(), null,
                ev("2024-05-03T00:00:00Z", "AssumeRoot", "alice", "222", null),
                ev("2024-05-01T00:00:00Z", "AssumeRoot", "alice", "222", null),   // earlier, read later
                ev("2024-05-02T00:00:00Z", "AssumeRoot", "alice", "333", null),
                ev("2024-05-02T00:00:00Z", "AssumeRoot", "bob", "222", "AccessDenied"),
                ev("2024-05-20T00:00:00Z", "AssumeRoot", "alice", "222", null));  // window passed: new again
        assertThat(alerts).extracting(a -> a.event().time())
                .containsExactly("2024-05-01T00:00:00Z", "2024-05-02T00:00:00Z", "2024-05-20T00:00:00Z");
        assertThat(alerts.get(0).context()).containsEntry("new_terms", "arn:aws:iam::1:user/alice,222");
        // rendered only when it alerts, from the event kept for it
        assertThat(alerts).allSatisfy(a -> assertThat(a.output()).isEqualTo("rare AssumeRoot on AssumeRoot"));
        assertThat(alerts.get(0).outputFields()).containsEntry("eventName", "AssumeRoot");
    }

    @Test
    void repeatsArrivingInAnyOrderNeverAlertAndTheirEventsAreLetGo() {
        // Ten sightings of one term an hour apart, read newest first: only the earliest alerts.
        CloudTrailEvent[] events = new CloudTrailEvent[10];
        for (int i = 0; i < 10; i++) {
            events[i] = ev("2024-05-01T%02d:00:00Z".formatted(9 - i), "AssumeRoot", "alice", "222", null);
        }
        List<Alert> alerts = run(ROOT, TermHistory.inMemory(), null, events);
        assertThat(alerts).extracting(a -> a.event().time()).containsExactly("2024-05-01T00:00:00Z");
        assertThat(alerts.get(0).output()).isEqualTo("rare AssumeRoot on AssumeRoot");
    }

    @Test
    void aBurstWithinOneSecondAlertsOnceAndARescanDoesNotAlertAgain() {
        TermHistory h = TermHistory.inMemory();
        CloudTrailEvent[] burst = {ev("2024-05-01T00:00:00Z", "AssumeRoot", "alice", "222", null),
            ev("2024-05-01T00:00:00Z", "AssumeRoot", "alice", "222", null),
            ev("2024-05-01T00:00:00Z", "AssumeRoot", "alice", "222", null)};
        assertThat(run(ROOT, h, null, burst)).hasSize(1);
        assertThat(run(ROOT, h, null, burst)).isEmpty(); // the same logs again, history kept
    }

    @Test
    void historySpansRunsAndLearnUntilOnlyTeaches() {
        TermHistory h = TermHistory.inMemory();
        assertThat(run(ROOT, h, Instant.parse("2024-06-01T00:00:00Z"),
                ev("2024-05-01T00:00:00Z", "AssumeRoot", "alice", "222", null))).isEmpty();
        assertThat(run(ROOT, h, null, ev("2024-05-05T00:00:00Z", "AssumeRoot", "alice", "222", null))).isEmpty();
        assertThat(run(ROOT, h, null, ev("2024-05-05T00:00:00Z", "AssumeRoot", "carol", "222", null))).hasSize(1);
    }

    @Test
    void thresholdCountsPerGroupWithinTheWindowAndRestartsAfterAnAlert() {
        CompiledRule rule = TestRules.stateful("many denials", RuleFormat.ELASTIC, Severity.MEDIUM,
                new io.trailhound.core.rules.ir.Predicate.Exists(path("errorCode")),
                new Stateful.Threshold(List.of(path("userIdentity.arn")), Duration.ofMinutes(10),
                        new Stateful.Count(Matchers.NumericOp.GE, 3), null, null), Map.of());
        List<Alert> alerts = run(rule, TermHistory.inMemory(), null,
                ev("2024-05-01T00:00:00Z", "GetX", "alice", "1", "AccessDenied"),
                ev("2024-05-01T00:01:00Z", "GetX", "alice", "1", "AccessDenied"),
                ev("2024-05-01T00:30:00Z", "GetX", "alice", "1", "AccessDenied"), // first two fell out
                ev("2024-05-01T00:31:00Z", "GetX", "alice", "1", "AccessDenied"),
                ev("2024-05-01T00:32:00Z", "GetX", "bob", "1", "AccessDenied"),
                ev("2024-05-01T00:33:00Z", "GetX", "alice", "1", "AccessDenied"),  // 3 within 10 min
                ev("2024-05-01T00:34:00Z", "GetX", "alice", "1", "AccessDenied"));
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).context()).containsEntry("count", "3").containsEntry("group", "arn:aws:iam::1:user/alice");
    }

    @Test
    void thresholdOnDistinctValues() {
        CompiledRule rule = TestRules.stateful("many accounts", RuleFormat.SIGMA, Severity.MEDIUM,
                field("eventName", "AssumeRole"),
                new Stateful.Threshold(List.of(path("userIdentity.arn")), Duration.ofHours(1), null,
                        path("recipientAccountId"), new Stateful.Count(Matchers.NumericOp.GE, 2)), Map.of());
        assertThat(run(rule, TermHistory.inMemory(), null,
                ev("2024-05-01T00:00:00Z", "AssumeRole", "alice", "1", null),
                ev("2024-05-01T00:01:00Z", "AssumeRole", "alice", "1", null))).isEmpty();
        assertThat(run(rule, TermHistory.inMemory(), null,
                ev("2024-05-01T00:00:00Z", "AssumeRole", "alice", "1", null),
                ev("2024-05-01T00:01:00Z", "AssumeRole", "alice", "2", null))).hasSize(1);
    }

    @Test
    void eventsWithoutTheCardinalityFieldStillCountTowardsTheEventCount() {
        CompiledRule rule = TestRules.stateful("many, from several accounts", RuleFormat.ELASTIC, Severity.MEDIUM,
                field("eventName", "AssumeRole"),
                new Stateful.Threshold(List.of(path("userIdentity.arn")), Duration.ofHours(1),
                        new Stateful.Count(Matchers.NumericOp.GE, 3), path("requestParameters.roleArn"),
                        new Stateful.Count(Matchers.NumericOp.GE, 1)), Map.of());
        CloudTrailEvent withRole = TestEvents.parse("""
                {"eventTime":"2024-05-01T00:02:00Z","eventID":"with-role","eventSource":"sts.amazonaws.com",
                 "eventName":"AssumeRole","userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::1:user/alice"},
                 "requestParameters":{"roleArn":"arn:aws:iam::2:role/Admin"}}
                """);
        assertThat(run(rule, TermHistory.inMemory(), null,
                ev("2024-05-01T00:00:00Z", "AssumeRole", "alice", "1", null),
                ev("2024-05-01T00:01:00Z", "AssumeRole", "alice", "1", null))).isEmpty(); // no distinct role at all
        List<Alert> alerts = run(rule, TermHistory.inMemory(), null,
                ev("2024-05-01T00:00:00Z", "AssumeRole", "alice", "1", null),
                ev("2024-05-01T00:01:00Z", "AssumeRole", "alice", "1", null), withRole);
        assertThat(alerts).hasSize(1); // three events, one distinct role
        assertThat(alerts.get(0).context()).containsEntry("count", "3").containsEntry("cardinality", "1");
    }

    @Test
    void orderedSequenceWithinMaxspanPerKey() {
        CompiledRule rule = TestRules.stateful("key then login", RuleFormat.ELASTIC, Severity.HIGH,
                io.trailhound.core.rules.ir.Predicates.or(List.of(field("eventName", "CreateAccessKey"),
                        field("eventName", "ConsoleLogin"))),
                new Stateful.Sequence(List.of(path("userIdentity.arn")), Duration.ofMinutes(5),
                        List.of(field("eventName", "CreateAccessKey"), field("eventName", "ConsoleLogin")), true),
                Map.of());
        assertThat(run(rule, TermHistory.inMemory(), null,
                ev("2024-05-01T00:02:00Z", "ConsoleLogin", "alice", "1", null),
                ev("2024-05-01T00:00:00Z", "CreateAccessKey", "alice", "1", null))).hasSize(1);
        assertThat(run(rule, TermHistory.inMemory(), null,
                ev("2024-05-01T00:00:00Z", "ConsoleLogin", "alice", "1", null),
                ev("2024-05-01T00:02:00Z", "CreateAccessKey", "alice", "1", null))).isEmpty();
        assertThat(run(rule, TermHistory.inMemory(), null,
                ev("2024-05-01T00:00:00Z", "CreateAccessKey", "alice", "1", null),
                ev("2024-05-01T00:09:00Z", "ConsoleLogin", "alice", "1", null))).isEmpty();
        assertThat(run(rule, TermHistory.inMemory(), null,
                ev("2024-05-01T00:00:00Z", "CreateAccessKey", "alice", "1", null),
                ev("2024-05-01T00:01:00Z", "ConsoleLogin", "bob", "1", null))).isEmpty();
    }
}
