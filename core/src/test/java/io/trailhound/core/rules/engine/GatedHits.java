package io.trailhound.core.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.rules.TestEvents;
import io.trailhound.core.rules.ir.CompiledRule;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The differential check the byte-gate tests share: on {@code count} records, the rule set (whose
 * conditions {@link MemberGates} rewrites) hits exactly the rules whose plain conditions match a
 * fresh copy of the record, and every rule both matches and misses often enough to tell.
 */
final class GatedHits {
    private GatedHits() {
    }

    static void assertSameAsPlainConditions(List<CompiledRule> rules, IntFunction<String> record, int count) {
        Detector detector = new Detector(new RuleSet(rules));
        int[] hits = new int[rules.size()];
        for (int i = 0; i < count; i++) {
            String json = record.apply(i);
            Detection d = detector.detect(TestEvents.parse(json));
            List<String> got = d == null ? List.of() : d.hits().stream().map(h -> h.rule().info().name()).toList();
            List<String> want = new ArrayList<>();
            for (int k = 0; k < rules.size(); k++) {
                if (rules.get(k).condition().test(TestEvents.parse(json))) {
                    want.add(rules.get(k).info().name());
                    hits[k]++;
                }
            }
            assertThat(got).as(json).isEqualTo(want);
        }
        for (int k = 0; k < rules.size(); k++) {
            assertThat(hits[k]).as("matches of " + rules.get(k).info().name()).isGreaterThan(10).isLessThan(count - 10);
        }
    }
}
