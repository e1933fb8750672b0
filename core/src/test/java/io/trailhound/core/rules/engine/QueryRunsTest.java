package io.trailhound.core.rules.engine;

import static io.trailhound.core.rules.TestRules.field;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.Severity;
import io.trailhound.core.alert.Alert;
import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.TestEvents;
import io.trailhound.core.rules.TestRules;
import io.trailhound.core.rules.ir.CompiledRule;
import io.trailhound.core.rules.ir.Predicate;
import io.trailhound.core.rules.ir.RowQuery;
import io.trailhound.core.rules.ir.RuleFormat;
import io.trailhound.core.rules.ir.Stateful;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Rules that run one query instance over the same events share its rows and window executions, each alerting as its own. */
class QueryRunsTest {
    /** Counts windows and rows; each execution gives one row naming its window's size, and fails on a window of one. */
    private static final class Counting implements RowQuery {
        final AtomicInteger rowsMade = new AtomicInteger();
        final List<Long> executions = new ArrayList<>();

        @Override
        public Object rows(CloudTrailEvent event) {
            rowsMade.incrementAndGet();
            return new Object[] {event.eventID()};
        }

        @Override
        public boolean windowed() {
            return true;
        }

        @Override
        public boolean readsNow() {
            return true;
        }

        @Override
        public Map<String, String> columns(Object rows) {
            return Map.of();
        }

        @Override
        public List<Result> run(List<Object> inputs, long nowMillis) {
            executions.add(nowMillis);
            if (inputs.size() == 1) {
                throw new IllegalStateException("a window of one");
            }
            int[] all = new int[inputs.size()];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            return List.of(new Result(Map.of("n", Integer.toString(inputs.size())), all));
        }

        @Override
        public void writeRows(Object rows, java.io.DataOutput out) throws java.io.IOException {
            out.writeUTF((String) ((Object[]) rows)[0]); // held candidates are kept as bytes
        }

        @Override
        public Object readRows(java.io.DataInput in) throws java.io.IOException {
            return new Object[] {in.readUTF()};
        }
    }

    private static CloudTrailEvent ev(String id, String name, String time) {
        return TestEvents.parse("""
                {"eventTime":"%s","eventID":"%s","eventSource":"iam.amazonaws.com","eventName":"%s",
                 "userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::1:user/a"}}""".formatted(time, id, name));
    }

    private static final List<CloudTrailEvent> EVENTS = List.of(ev("a", "CreateUser", "2024-05-01T10:01:00Z"),
            ev("b", "CreateUser", "2024-05-01T10:02:00Z"), ev("c", "DeleteUser", "2024-05-01T10:03:00Z"),
            ev("d", "CreateUser", "2024-05-01T10:04:00Z"), ev("e", "CreateUser", "2024-05-01T11:00:00Z"));

    private static CompiledRule rule(String name, Predicate condition, RowQuery q) {
        return TestRules.stateful(name, RuleFormat.ELASTIC, Severity.LOW, condition,
                new Stateful.Query(q, Duration.ofMinutes(10), Duration.ofMinutes(5)), Map.of());
    }

    /** Each alert as rule, latest event and window size; and the run's query failures. */
    private static List<String> run(List<CompiledRule> rules, List<String> failures) {
        Detector d = new Detector(new RuleSet(rules));
        StatefulRules s = new StatefulRules(TermHistory.inMemory(), null);
        for (CloudTrailEvent e : EVENTS) {
            Detection det = d.detect(e);
            if (det != null) {
                det.candidates().forEach(c -> s.add(c, det.event(), null));
            }
        }
        List<Alert> out = new ArrayList<>();
        s.finish(out::add);
        failures.addAll(s.failures().entrySet().stream().map(f -> f.getKey() + "=" + f.getValue()).toList());
        return out.stream().map(a -> a.rule().name() + " " + a.event().eventID() + " " + a.context().get("n")
                + " " + a.context().get("eventIDs")).toList();
    }

    @Test
    void twoRulesWithOneQueryRunItsWindowsOnceAndEachAlertsAsItsOwn() {
        Counting alone = new Counting();
        List<String> aloneFailures = new ArrayList<>();
        List<String> once = run(List.of(rule("first", field("eventSource", "iam.amazonaws.com"), alone)), aloneFailures);
        assertThat(once).containsExactly("first d 4 a,b,c,d", "first d 4 a,b,c,d");
        assertThat(aloneFailures).containsExactly("first: java.lang.IllegalStateException=3"); // e's windows

        Counting shared = new Counting();
        List<String> failures = new ArrayList<>();
        List<String> twice = run(List.of(rule("first", field("eventSource", "iam.amazonaws.com"), shared),
                rule("second", field("eventSource", "iam.amazonaws.com"), shared)), failures);
        List<String> expected = new ArrayList<>(once);
        once.forEach(a -> expected.add(a.replaceFirst("^first", "second")));
        assertThat(twice).isEqualTo(expected);
        assertThat(shared.executions).as("windows ran once for both rules").isEqualTo(alone.executions);
        assertThat(shared.rowsMade).as("rows made once per event").hasValue(alone.rowsMade.get());
        assertThat(failures).containsExactly(aloneFailures.get(0), aloneFailures.get(0).replaceFirst("^first", "second"));
    }

    @Test
    void theSameQueryBehindAnotherConditionRunsItsOwnWindows() {
        Counting shared = new Counting();
        List<String> alerts = run(List.of(rule("all", field("eventSource", "iam.amazonaws.com"), shared),
                rule("creates", field("eventName", "CreateUser"), shared)), new ArrayList<>());
        Counting all = new Counting();
        List<String> expected = new ArrayList<>(run(List.of(rule("all", field("eventSource", "iam.amazonaws.com"), all)),
                new ArrayList<>()));
        Counting creates = new Counting();
        expected.addAll(run(List.of(rule("creates", field("eventName", "CreateUser"), creates)), new ArrayList<>()));
        assertThat(expected).contains("creates d 3 a,b,d");
        assertThat(alerts).isEqualTo(expected);
        List<Long> both = new ArrayList<>(all.executions);
        both.addAll(creates.executions);
        assertThat(shared.executions).as("each rule ran its own windows").isEqualTo(both);
    }

    @Test
    void anotherQueryRulesCandidateBetweenTheTwoDoesNotMakeThemRunTwice() {
        // A pack loaded twice: the copy comes after the whole pack, so the event's candidates of
        // other query rules lie between a rule's and its copy's.
        Counting alone = new Counting();
        run(List.of(rule("first", field("eventSource", "iam.amazonaws.com"), alone)), new ArrayList<>());
        Counting shared = new Counting();
        Counting other = new Counting();
        List<String> alerts = run(List.of(rule("first", field("eventSource", "iam.amazonaws.com"), shared),
                rule("other", field("eventSource", "iam.amazonaws.com"), other),
                rule("second", field("eventSource", "iam.amazonaws.com"), shared)), new ArrayList<>());
        assertThat(shared.executions).as("windows ran once for both rules").isEqualTo(alone.executions);
        assertThat(alerts).filteredOn(a -> a.startsWith("second ")).containsExactly("second d 4 a,b,c,d",
                "second d 4 a,b,c,d");
        assertThat(alerts).filteredOn(a -> a.startsWith("other ")).hasSize(2);
    }
}
