package io.trailhound.core.rules.elastic;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.alert.Alert;
import io.trailhound.core.alert.AlertJson;
import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.identity.Attribution;
import io.trailhound.core.identity.Confidence;
import io.trailhound.core.identity.Origin;
import io.trailhound.core.rules.engine.Detection;
import io.trailhound.core.rules.engine.Detector;
import io.trailhound.core.rules.engine.RuleSet;
import io.trailhound.core.rules.engine.StatefulRules;
import io.trailhound.core.rules.engine.TermHistory;
import io.trailhound.core.rules.ir.CompiledRule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Windowed ES|QL rules hold their candidates as bytes, on the heap up to a budget and in a
 * temporary file past it, until the end of the run: the alerts are the same wherever the bytes
 * were, for sliced and unsliced queries, over events given out of time order, with text UTF-8
 * would not give back (lone surrogates), non-ASCII text, and attributions known at once or later.
 */
class EsqlHeldCandidatesTest {
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    private static final String[] TARGETS = {"a", "b", "é", "x\ud800y", null};
    private static final String[] IPS = {"198.51.100.20", "192.0.2.10", "203.0.113.10"};
    private static final String PER_EVENT = "FROM logs-aws.cloudtrail-* | WHERE event.action == \"CreateAccessKey\" ";
    private static final List<String> QUERIES = List.of(
            PER_EVENT + "| STATS c = COUNT(*), d = COUNT_DISTINCT(source.ip), v = VALUES(user.target.name), "
                    + "first = MIN(@timestamp) BY user.target.name | WHERE c >= 3",
            PER_EVENT + "| STATS ips = VALUES(source.ip), c = COUNT(*) BY t = DATE_TRUNC(10 minutes, @timestamp) "
                    + "| SORT c DESC, t | LIMIT 2",
            PER_EVENT + "| SORT @timestamp DESC | LIMIT 3 | KEEP @timestamp, user.target.name, source.ip");

    @Test
    void alertsAreTheSameOnTheHeapAndInTheFile() {
        Random r = new Random(7);
        List<CloudTrailEvent> events = events(r, 600);
        Collections.shuffle(events, r); // files are read in path order, not in time order
        Attribution alice = new Attribution(new Origin("IAMUser", "arn:aws:iam::1:user/alice", null, null, "1"),
                Confidence.EXACT, null, List.of(), List.of());
        Attribution later = new Attribution(null, Confidence.UNKNOWN, "issuance not read yet", List.of(), List.of());
        for (String query : QUERIES) {
            CompiledRule rule = EsqlRuns.load("held", EsqlSemanticsTest.toml("now-30m", "10m", "", query));
            List<String> onHeap = run(rule, events, alice, later, Long.MAX_VALUE, null);
            assertThat(onHeap).as(query).isNotEmpty();
            if (query.contains("user.target.name")) { // the text comes back as it was, not as UTF-8 would give it
                assertThat(onHeap).as(query).anyMatch(l -> l.contains("x\ud800y")).anyMatch(l -> l.contains("é"))
                        .noneMatch(l -> l.contains("x?y"));
            }
            long[] spilled = new long[1];
            assertThat(run(rule, events, alice, later, 0, spilled)).as("all in the file: " + query).isEqualTo(onHeap);
            assertThat(spilled[0]).isPositive();
            assertThat(run(rule, events, alice, later, 4000, spilled)).as("partly in the file: " + query).isEqualTo(onHeap);
            assertThat(spilled[0]).isPositive();
        }
    }

    /** The rule's alerts as lines; every third event's attribution comes later (its credential was pending). */
    private static List<String> run(CompiledRule rule, List<CloudTrailEvent> events, Attribution known, Attribution later,
                                    long heapBytes, long[] spilled) {
        Detector d = new Detector(new RuleSet(List.of(rule)));
        StatefulRules s = new StatefulRules(TermHistory.inMemory(), null).candidateHeapBytes(heapBytes);
        List<Consumer<Attribution>> slots = new ArrayList<>();
        int k = 0;
        for (CloudTrailEvent e : events) {
            Detection det = d.detect(e);
            if (det == null) {
                continue;
            }
            for (Detection.Candidate c : det.candidates()) {
                int n = k++;
                Consumer<Attribution> slot = s.add(c, det.event(), n % 3 == 0 ? null : n % 3 == 1 ? known : null);
                if (n % 3 == 2) {
                    slots.add(slot);
                }
            }
        }
        slots.forEach(slot -> slot.accept(later));
        if (spilled != null) {
            spilled[0] = s.spilledBytes();
        }
        List<Alert> out = new ArrayList<>();
        s.finish(out::add);
        assertThat(d.failures()).isEmpty();
        assertThat(s.failures()).isEmpty();
        return out.stream().map(AlertJson::line).toList();
    }

    private static List<CloudTrailEvent> events(Random r, int n) {
        List<CloudTrailEvent> out = new ArrayList<>();
        long t = 0;
        for (int i = 0; i < n; i++) {
            t += r.nextInt(4) == 0 ? 0 : r.nextInt(120);
            String target = TARGETS[r.nextInt(TARGETS.length)];
            String rest = target == null ? "" : "\"requestParameters\":{\"userName\":\""
                    + target.replace("\ud800", "\\ud800") + "\"}";
            out.add(EsqlRuns.event(T0.plusSeconds(t), "iam.amazonaws.com", "CreateAccessKey", CloudTrailRecords.IAM_USER,
                    IPS[r.nextInt(IPS.length)], "aws-cli/2", "us-east-1", rest));
        }
        return out;
    }
}
