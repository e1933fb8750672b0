package io.trailhound.core.rules.engine;

import static io.trailhound.core.rules.TestRules.field;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.Severity;
import io.trailhound.core.alert.Alert;
import io.trailhound.core.event.CloudTrailEvent;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Windowed query rules of different query instances run their windows on two threads at the end
 * of a run; the alerts still reach the sink in rule order, with each rule's failures counted.
 */
class QueryFinishTest {
    /** One row per execution naming the window's size; a hook sees every execution; throws on a window of one when asked. */
    private static final class Windows implements RowQuery {
        final String name;
        final boolean failOnOne;
        final Consumer<String> hook;
        final List<String> threads = java.util.Collections.synchronizedList(new ArrayList<>());

        Windows(String name, boolean failOnOne, Consumer<String> hook) {
            this.name = name;
            this.failOnOne = failOnOne;
            this.hook = hook;
        }

        @Override
        public Object rows(CloudTrailEvent event) {
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
            threads.add(Thread.currentThread().getName());
            hook.accept(name);
            if (failOnOne && inputs.size() == 1) {
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
            out.writeUTF((String) ((Object[]) rows)[0]);
        }

        @Override
        public Object readRows(java.io.DataInput in) throws java.io.IOException {
            return new Object[] {in.readUTF()};
        }
    }

    private static CloudTrailEvent ev(String id, String time) {
        return TestEvents.parse("""
                {"eventTime":"%s","eventID":"%s","eventSource":"iam.amazonaws.com","eventName":"CreateUser",
                 "userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::1:user/a"}}""".formatted(time, id));
    }

    private static final List<CloudTrailEvent> EVENTS = List.of(ev("c", "2024-05-01T10:03:00Z"),
            ev("a", "2024-05-01T10:01:00Z"), ev("e", "2024-05-01T11:00:00Z"), ev("b", "2024-05-01T10:02:00Z"));

    private static CompiledRule rule(String name, RowQuery q) {
        return TestRules.stateful(name, RuleFormat.ELASTIC, Severity.LOW, field("eventSource", "iam.amazonaws.com"),
                new Stateful.Query(q, Duration.ofMinutes(10), Duration.ofMinutes(5)), Map.of());
    }

    private static List<String> run(List<CompiledRule> rules, StatefulRules s) {
        Detector d = new Detector(new RuleSet(rules));
        for (CloudTrailEvent e : EVENTS) {
            Detection det = d.detect(e);
            if (det != null) {
                det.candidates().forEach(c -> s.add(c, det.event(), null));
            }
        }
        List<Alert> out = new ArrayList<>();
        s.finish(out::add);
        return out.stream().map(a -> a.rule().name() + " " + a.event().eventID() + " " + a.context().get("n")).toList();
    }

    @Test
    void groupsRunOnTwoThreadsAndAlertInRuleOrder() throws Exception {
        // The first group waits until the last has started, so the last runs on the helper thread
        // while the finishing thread is on the first; the middle one waits until the first has
        // started, so the helper cannot have taken the first too.
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch lastStarted = new CountDownLatch(1);
        boolean[] waitedInVain = {false};
        Consumer<String> hook = name -> {
            try {
                if (name.equals("last")) {
                    lastStarted.countDown();
                } else if (name.equals("first")) {
                    firstStarted.countDown();
                    waitedInVain[0] |= !lastStarted.await(20, TimeUnit.SECONDS);
                } else {
                    waitedInVain[0] |= !firstStarted.await(20, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        Windows first = new Windows("first", false, hook);
        Windows middle = new Windows("middle", true, hook);
        Windows last = new Windows("last", false, hook);
        StatefulRules s = new StatefulRules(TermHistory.inMemory(), null);
        List<String> alerts = run(List.of(rule("A", first), rule("B", middle), rule("A copy", first), rule("C", last)), s);

        assertThat(waitedInVain[0]).as("the groups ran at once").isFalse();
        assertThat(last.threads).containsOnly("trailhound-rule-finish");
        assertThat(first.threads).doesNotContain("trailhound-rule-finish");
        // Each rule's alerts in its place in rule order, as one thread gives them.
        List<String> expected = new ArrayList<>();
        for (String r : List.of("A", "B", "A copy", "C")) {
            expected.add(r + " c 3");
            expected.add(r + " c 3");
            if (!r.equals("B")) {
                expected.add(r + " e 1"); // B fails on the windows of one event instead
                expected.add(r + " e 1");
                expected.add(r + " e 1");
            }
        }
        assertThat(alerts).isEqualTo(expected);
        assertThat(s.failures()).containsExactly(Map.entry("B: java.lang.IllegalStateException", 3L));
        assertThat(s.queryFailures()).isEqualTo(3);
    }
}
