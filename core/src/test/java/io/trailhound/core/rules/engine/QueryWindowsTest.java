package io.trailhound.core.rules.engine;

import static io.trailhound.core.rules.TestRules.field;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.Severity;
import io.trailhound.core.alert.Alert;
import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.identity.Attribution;
import io.trailhound.core.identity.Confidence;
import io.trailhound.core.identity.Origin;
import io.trailhound.core.rules.TestEvents;
import io.trailhound.core.rules.TestRules;
import io.trailhound.core.rules.ir.CompiledRule;
import io.trailhound.core.rules.ir.RowQuery;
import io.trailhound.core.rules.ir.RuleFormat;
import io.trailhound.core.rules.ir.Stateful;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The schedule of windowed query rules and what their alerts carry, with a query that counts its window. */
class QueryWindowsTest {
    /** Rows are event IDs; each execution gives one row naming the window's size and what it was run at. */
    private static class Counting implements RowQuery {
        final List<Long> executions = new ArrayList<>();
        final boolean now;

        Counting(boolean now) {
            this.now = now;
        }

        @Override
        public Object rows(CloudTrailEvent event) {
            return event.eventID();
        }

        @Override
        public boolean windowed() {
            return true;
        }

        @Override
        public boolean readsNow() {
            return now;
        }

        @Override
        public Map<String, String> columns(Object rows) {
            return Map.of();
        }

        @Override
        public List<Result> run(List<Object> inputs, long nowMillis) {
            executions.add(nowMillis);
            int[] all = new int[inputs.size()];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            return List.of(new Result(Map.of("n", Integer.toString(inputs.size())), all));
        }

        @Override
        public void writeRows(Object rows, java.io.DataOutput out) throws java.io.IOException {
            out.writeUTF((String) rows);
        }

        @Override
        public Object readRows(java.io.DataInput in) throws java.io.IOException {
            return in.readUTF();
        }
    }

    private static CloudTrailEvent ev(String id, String time) {
        return TestEvents.parse("""
                {"eventTime":"%s","eventID":"%s","eventSource":"iam.amazonaws.com","eventName":"CreateUser",
                 "userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::1:user/a"}}""".formatted(time, id));
    }

    private static List<Alert> run(Counting q, Attribution[] who, CloudTrailEvent... events) {
        CompiledRule rule = TestRules.stateful("q", RuleFormat.ELASTIC, Severity.LOW, field("eventName", "CreateUser"),
                new Stateful.Query(q, Duration.ofMinutes(10), Duration.ofMinutes(5)), Map.of());
        Detector d = new Detector(new RuleSet(List.of(rule)));
        StatefulRules s = new StatefulRules(TermHistory.inMemory(), null);
        for (int i = 0; i < events.length; i++) {
            Detection det = d.detect(events[i]);
            Attribution a = who[i];
            det.candidates().forEach(c -> s.add(c, det.event(), a));
        }
        List<Alert> out = new ArrayList<>();
        s.finish(out::add);
        return out;
    }

    @Test
    void executionsRunEveryIntervalOverTheLookBackSkippingEmptyOnes() {
        Counting q = new Counting(true);
        Attribution alice = new Attribution(new Origin("IAMUser", "arn:aws:iam::1:user/alice", null, null, "1"),
                Confidence.EXACT, null, List.of(), List.of());
        Attribution unknown = new Attribution(null, Confidence.UNKNOWN, "no issuance", List.of(), List.of());
        List<Alert> alerts = run(q, new Attribution[] {alice, unknown, alice},
                ev("e2", "2024-05-01T10:07:00Z"), ev("e1", "2024-05-01T10:01:00Z"), ev("e3", "2024-05-01T13:00:00Z"));
        // [now - 10m, now], both ends included as Kibana's range query does: 10:01 is seen at 10:05 and
        // 10:10, 10:07 at 10:10 and 10:15, 13:00 at 13:00, 13:05 and 13:10.
        assertThat(q.executions).extracting(t -> java.time.Instant.ofEpochMilli(t).toString()).containsExactly(
                "2024-05-01T10:05:00Z", "2024-05-01T10:10:00Z", "2024-05-01T10:15:00Z", "2024-05-01T13:00:00Z",
                "2024-05-01T13:05:00Z", "2024-05-01T13:10:00Z");
        Alert both = alerts.get(1);
        assertThat(both.context()).containsEntry("n", "2").containsEntry("events", "2").containsEntry("eventIDs", "e1,e2")
                .containsEntry("origins", "unknown (unknown); arn:aws:iam::1:user/alice (exact)"); // e1's, then e2's
        assertThat(both.event().eventID()).as("the latest event").isEqualTo("e2");
        assertThat(both.attribution()).isSameAs(alice);
    }

    @Test
    void stretchesOfEventTimeWithTheLookBackGivenAgainRunEachExecutionOnce() {
        // A streaming host (the Flink job) decides up to 10:07, then up to the end, giving the
        // inputs of the look-back again: the executions and their rows are those of one run.
        Counting whole = new Counting(true);
        CloudTrailEvent[] events = {ev("a", "2024-05-01T10:01:00Z"), ev("b", "2024-05-01T10:06:00Z"),
            ev("c", "2024-05-01T10:09:00Z"), ev("d", "2024-05-01T10:30:00Z")};
        List<String> expected = run(whole, new Attribution[4], events).stream().map(a -> a.event().eventID() + " "
                + a.context().get("n")).toList();
        Counting parts = new Counting(true);
        CompiledRule rule = TestRules.stateful("q", RuleFormat.ELASTIC, Severity.LOW, field("eventName", "CreateUser"),
                new Stateful.Query(parts, Duration.ofMinutes(10), Duration.ofMinutes(5)), Map.of());
        Detector d = new Detector(new RuleSet(List.of(rule)));
        long cut = java.time.Instant.parse("2024-05-01T10:07:00Z").toEpochMilli();
        List<String> got = new ArrayList<>();
        StatefulRules first = new StatefulRules(TermHistory.inMemory(), null).executions(Long.MIN_VALUE, cut);
        for (CloudTrailEvent e : List.of(events[0], events[1])) {
            Detection det = d.detect(e);
            det.candidates().forEach(c -> first.add(c, det.event(), null));
        }
        first.finish(a -> got.add(a.event().eventID() + " " + a.context().get("n")));
        StatefulRules second = new StatefulRules(TermHistory.inMemory(), null).executions(cut, Long.MAX_VALUE);
        for (CloudTrailEvent e : events) { // 10:01 and 10:06 again: still in the look-back of 10:10
            Detection det = d.detect(e);
            det.candidates().forEach(c -> second.add(c, det.event(), null));
        }
        second.finish(a -> got.add(a.event().eventID() + " " + a.context().get("n")));
        assertThat(got).isEqualTo(expected);
        assertThat(parts.executions).isEqualTo(whole.executions);
    }

    @Test
    void aWindowWithTheSameEventsRunsOnceWhenTheQueryDoesNotReadTheClock() {
        Counting q = new Counting(false);
        Attribution[] none = new Attribution[2];
        List<Alert> alerts = run(q, none, ev("a", "2024-05-01T10:01:00Z"), ev("b", "2024-05-01T10:02:00Z"));
        assertThat(alerts).hasSize(2); // the executions at 10:05 and 10:10 both alert, as Kibana's would
        assertThat(q.executions).hasSize(1);
    }

    /** An input that records when it was let go (the execution under way then). */
    private static final class Tracked implements QueryWindows.Input {
        final long time;
        Object row = "row";
        long releasedDuring = Long.MIN_VALUE;
        static long current;

        Tracked(long time) {
            this.time = time;
        }

        @Override
        public long timeMillis() {
            return time;
        }

        @Override
        public Object row() {
            return row;
        }

        @Override
        public void release() {
            row = null;
            releasedDuring = current;
        }
    }

    @Test
    void rowsAreLetGoOnceNoLaterWindowIncludesThem() {
        Counting q = new Counting(true);
        long minute = 60_000;
        List<Tracked> inputs = new ArrayList<>();
        for (long t = 1; t <= 60; t += 3) {
            inputs.add(new Tracked(t * minute));
        }
        Stateful.Query query = new Stateful.Query(new Counting(true) {
            @Override
            public List<Result> run(List<Object> rows, long now) {
                Tracked.current = now;
                // Every row of the window is still there, and every input before it is gone.
                assertThat(rows).doesNotContainNull();
                for (Tracked t : inputs) {
                    if (t.time < now - 10 * minute) {
                        assertThat(t.row).as("before the window of " + now).isNull();
                    }
                }
                return q.run(rows, now);
            }
        }, Duration.ofMinutes(10), Duration.ofMinutes(5));
        QueryWindows.run(query, inputs, (row, sources, now) -> { }, e -> {
            throw e;
        });
        assertThat(q.executions).hasSize(13); // 00:05 to 01:05
        assertThat(inputs).allSatisfy(t -> assertThat(t.row).as("all let go at the end").isNull());
        assertThat(inputs.get(0).releasedDuring).as("00:01 let go after 00:10, the last execution that sees it").isEqualTo(10 * minute);
    }

    @Test
    void aFailingExecutionIsSkippedAndCountedInTheRunsRuleErrors() {
        Counting failing = new Counting(true) {
            @Override
            public List<Result> run(List<Object> inputs, long nowMillis) {
                throw new IllegalStateException("boom");
            }
        };
        CompiledRule rule = TestRules.stateful("q", RuleFormat.ELASTIC, Severity.LOW, field("eventName", "CreateUser"),
                new Stateful.Query(failing, Duration.ofMinutes(10), Duration.ofMinutes(5)), Map.of());
        DetectionStage stage = DetectionStage.inMemory(new Detector(new RuleSet(List.of(rule))), null, a -> { });
        CloudTrailEvent e = ev("f1", "2024-05-01T10:01:00Z");
        stage.accept(e, stage.prepare(e));
        stage.finish();
        assertThat(stage.ruleErrors()).containsEntry("q: java.lang.IllegalStateException", 2L);
    }
}
