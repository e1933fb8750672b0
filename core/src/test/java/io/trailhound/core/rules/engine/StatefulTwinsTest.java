package io.trailhound.core.rules.engine;

import static io.trailhound.core.rules.TestRules.field;
import static io.trailhound.core.rules.TestRules.path;
import static io.trailhound.core.rules.engine.StatefulRulesTest.ev;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.Severity;
import io.trailhound.core.alert.Alert;
import io.trailhound.core.alert.AlertEvent;
import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.TestRules;
import io.trailhound.core.rules.ir.CompiledRule;
import io.trailhound.core.rules.ir.Matchers;
import io.trailhound.core.rules.ir.Predicate;
import io.trailhound.core.rules.ir.Predicates;
import io.trailhound.core.rules.ir.RuleFormat;
import io.trailhound.core.rules.ir.Stateful;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Rules that make the same stateful candidates (the same rule in two packs) hold them once
 * ({@link RuleSet#twinOf}, {@link StatefulRules#withTwins}); each still alerts as it would alone.
 */
class StatefulTwinsTest {

    /** A new-terms rule built afresh each call, as a second load of its pack would build it. */
    private static CompiledRule newTerms(String name, Duration history) {
        Predicate condition = Predicates.and(List.of(field("eventName", "AssumeRoot"),
                Predicates.not(new Predicate.Exists(path("errorCode")))));
        return TestRules.stateful(name, RuleFormat.ELASTIC, Severity.LOW, condition,
                new Stateful.NewTerms(List.of(path("userIdentity.arn"), path("recipientAccountId")), history), Map.of());
    }

    private static CompiledRule threshold(String name, long count) {
        return TestRules.stateful(name, RuleFormat.ELASTIC, Severity.MEDIUM, new Predicate.Exists(path("errorCode")),
                new Stateful.Threshold(List.of(path("userIdentity.arn")), Duration.ofDays(2),
                        new Stateful.Count(Matchers.NumericOp.GE, count), null, null), Map.of());
    }

    private static CompiledRule firstMatch(CompiledRule r) {
        return new CompiledRule(r.info(), r.condition(), r.stateful(), r.output(), true);
    }

    @Test
    void theSameRuleLoadedTwiceIsPairedWithItsFirstLoadAndNothingElseIs() {
        RuleSet set = new RuleSet(List.of(newTerms("a", Duration.ofDays(10)), threshold("t", 3),
                newTerms("a #2", Duration.ofDays(10)), newTerms("other history", Duration.ofDays(5)),
                threshold("t #2", 3), threshold("other count", 4), newTerms("a #3", Duration.ofDays(10)),
                firstMatch(newTerms("first match", Duration.ofDays(10)))));
        assertThat(List.of(0, 1, 2, 3, 4, 5, 6, 7)).extracting(set::twinOf)
                .containsExactly(-1, -1, 0, -1, 1, -1, 0, -1);
    }

    /** Events of a few users and accounts, with and without errors, over a month, in a shuffled order. */
    private static List<CloudTrailEvent> events(long seed) {
        Random r = new Random(seed);
        List<CloudTrailEvent> out = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String time = "2024-05-%02dT%02d:%02d:00Z".formatted(1 + r.nextInt(28), r.nextInt(24), r.nextInt(4) * 3);
            out.add(ev(time, r.nextInt(3) == 0 ? "GetX" : "AssumeRoot", "u" + r.nextInt(6), "a" + r.nextInt(3),
                    r.nextInt(3) == 0 ? "AccessDenied" : null));
        }
        return out;
    }

    /** What a sink saw, in order: rule, event, output, its fields and context. */
    private static List<String> seen(List<Alert> alerts) {
        return alerts.stream().map(a -> a.rule().id() + " | " + a.event().eventID() + " | " + a.output() + " | "
                + a.outputFields() + " | " + a.context()).toList();
    }

    private static List<String> run(RuleSet set, List<CloudTrailEvent> events, boolean twins, int[] held) {
        return run(set, events, twins, held, TermHistory.inMemory());
    }

    private static List<String> run(RuleSet set, List<CloudTrailEvent> events, boolean twins, int[] held, TermHistory history) {
        Detector d = new Detector(set);
        StatefulRules s = new StatefulRules(history, null);
        if (twins) {
            s.withTwins(set);
        }
        for (CloudTrailEvent e : events) {
            Detection det = d.detect(e);
            if (det != null) {
                det.candidates().forEach(c -> s.add(c, det.event(), null));
            }
        }
        held[0] = s.pending();
        held[1] = s.heldWithTwins();
        List<Alert> out = new ArrayList<>();
        s.finish(out::add);
        return seen(out);
    }

    @Test
    void twinsAlertExactlyAsEachRuleWouldOnItsOwnInTheSameOrder() {
        RuleSet set = new RuleSet(List.of(newTerms("a", Duration.ofDays(3)), threshold("t", 3),
                newTerms("a #2", Duration.ofDays(3)), threshold("t #2", 3), newTerms("b", Duration.ofDays(1))));
        for (long seed = 1; seed <= 5; seed++) {
            List<CloudTrailEvent> events = events(seed);
            int[] apart = new int[2];
            int[] shared = new int[2];
            List<String> alone = run(set, events, false, apart);
            List<String> together = run(set, events, true, shared);
            assertThat(together).isEqualTo(alone);
            assertThat(alone).anyMatch(a -> a.startsWith("a #2 |")).anyMatch(a -> a.startsWith("t #2 |"));
            // Every candidate of the second loads was held with the first's, and is still counted as held.
            assertThat(shared[1]).isPositive();
            assertThat(apart[1]).isZero();
            assertThat(shared[0]).isEqualTo(apart[0]);
        }
    }

    /** The in-memory history, as a host's history that must stay on one thread would be. */
    private static TermHistory oneThread(TermHistory h) {
        return new TermHistory() {
            @Override
            public long[] sightings(String ruleId, String term) {
                return h.sightings(ruleId, term);
            }

            @Override
            public void record(String ruleId, String term, long timeMillis) {
                h.record(ruleId, term, timeMillis);
            }
        };
    }

    @Test
    void rulesDecidedOnTwoThreadsAlertAsOnOneInRuleOrderEvenWhenTwoShareAnId() {
        List<CompiledRule> rules = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            rules.add(i % 3 == 2 ? threshold("t" + i, 2 + i % 4) : newTerms("n" + i, Duration.ofDays(1 + i % 5)));
        }
        CompiledRule sameId = newTerms("n0", Duration.ofDays(2)); // another rule with n0's id: the two share its terms
        for (List<CompiledRule> set : List.of(rules, concat(rules, sameId))) {
            RuleSet rs = new RuleSet(set);
            for (long seed = 1; seed <= 3; seed++) {
                List<CloudTrailEvent> events = events(seed);
                List<String> oneThread = run(rs, events, true, new int[2], oneThread(TermHistory.inMemory()));
                assertThat(run(rs, events, true, new int[2])).isEqualTo(oneThread);
                assertThat(oneThread.stream().map(a -> a.substring(0, a.indexOf(' '))).distinct().count()).isGreaterThan(6);
            }
        }
    }

    private static List<CompiledRule> concat(List<CompiledRule> rules, CompiledRule more) {
        List<CompiledRule> out = new ArrayList<>(rules);
        out.add(more);
        return out;
    }

    @Test
    void aCandidateThatDiffersFromItsTwinsIsHeldOnItsOwnAndEachRuleDecidesOverItsOwn() {
        CompiledRule t = threshold("t", 2);
        CompiledRule copy = threshold("t #2", 2);
        RuleSet set = new RuleSet(List.of(t, copy));
        assertThat(set.twinOf(1)).isZero();
        // By hand, as a detector whose rendering failed for one rule on some events would hand them over.
        List<Object[]> candidates = new ArrayList<>();
        AlertEvent e1 = AlertEvent.of(ev("2024-05-01T00:00:00Z", "GetX", "alice", "1", "AccessDenied"));
        AlertEvent e2 = AlertEvent.of(ev("2024-05-01T00:01:00Z", "GetX", "alice", "1", "AccessDenied"));
        AlertEvent e3 = AlertEvent.of(ev("2024-05-01T00:02:00Z", "GetX", "alice", "1", "AccessDenied"));
        AlertEvent e4 = AlertEvent.of(ev("2024-05-01T00:03:00Z", "GetX", "alice", "1", "AccessDenied"));
        candidates.add(new Object[] {candidate(t, 0, "alice"), e2});
        candidates.add(new Object[] {candidate(copy, 1, "alice"), e2});  // joins t's
        candidates.add(new Object[] {candidate(t, 0, "alice"), e1});     // t only
        candidates.add(new Object[] {candidate(copy, 1, "bob"), e3});    // no twin on e3: its own
        candidates.add(new Object[] {candidate(t, 0, "alice"), e4});
        candidates.add(new Object[] {candidate(copy, 1, "carol"), e4});  // other keys than t's on e4: its own
        List<String> apart = decide(set, candidates, false);
        List<String> shared = decide(set, candidates, true);
        assertThat(shared).isEqualTo(apart);
        assertThat(shared).hasSize(1).allMatch(a -> a.startsWith("t |")); // the copy never saw two of one group
    }

    private static Detection.Candidate candidate(CompiledRule r, int ordinal, String key) {
        return new Detection.Candidate(r, ordinal, List.of(key), null, 0, r.info().name() + " out", Map.of(), null);
    }

    private static List<String> decide(RuleSet set, List<Object[]> candidates, boolean twins) {
        StatefulRules s = new StatefulRules(TermHistory.inMemory(), null);
        if (twins) {
            s.withTwins(set);
        }
        for (Object[] c : candidates) {
            s.add((Detection.Candidate) c[0], (AlertEvent) c[1], null);
        }
        List<Alert> out = new ArrayList<>();
        s.finish(out::add);
        return seen(out);
    }
}
