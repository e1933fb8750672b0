package io.trailhound.core.rules.elastic;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.rules.LoadProblem;
import io.trailhound.core.rules.LoadResult;
import io.trailhound.core.rules.ir.CompiledRule;
import io.trailhound.core.rules.ir.Predicates;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The load report over every Elastic peer rule: nothing fails, every runnable type is enabled. */
class PeerRulesLoadReportTest {
    private static final Set<String> RUNNABLE = Set.of("query", "new_terms", "threshold", "eql", "esql");
    /** The one peer ES|QL rule that reads no CloudTrail index (Kibana's alerts). */
    private static final String ALERTS_RULE = "AWS IAM Long-Term Access Key Correlated with Elevated Detection Alerts";

    @Test
    void everyPeerRuleLoadsAndEveryRunnableTypeIsEnabled() {
        LoadResult r = PeerRules.load();
        int files = PeerRules.files().size();
        List<CompiledRule> rules = r.rules();
        long enabled = rules.stream().filter(c -> c.info().enabled()).count();
        long disabled = rules.size() - enabled;
        Map<String, Long> byType = rules.stream().collect(Collectors.groupingBy(
                c -> c.info().extra().get("type") + (c.info().enabled() ? "" : " (disabled)"), TreeMap::new,
                Collectors.counting()));
        long indexed = rules.stream().filter(c -> c.info().enabled())
                .filter(c -> Predicates.requiredEventNames(c.condition()) != null).count();
        long withNeeds = rules.stream().filter(c -> !c.info().needs().isEmpty()).count();
        System.out.printf("Elastic peer rules: files=%d loaded=%d enabled=%d disabled-by-type=%d failed=%d "
                        + "indexed-by-event-name=%d with-needs=%d by type=%s%n", files, rules.size(), enabled, disabled,
                r.errors().size(), indexed, withNeeds, byType);
        r.problems().stream().filter(p -> p.level() != LoadProblem.Level.NOTICE).forEach(System.out::println);

        assertThat(r.errors()).isEmpty();
        assertThat(rules).hasSize(files);
        assertThat(rules).filteredOn(c -> RUNNABLE.contains(c.info().extra().get("type")))
                .filteredOn(c -> !c.info().name().equals(ALERTS_RULE))
                .allSatisfy(c -> assertThat(c.info().enabled()).as(c.info().name()).isTrue());
        assertThat(rules).filteredOn(c -> !RUNNABLE.contains(c.info().extra().get("type"))
                        || c.info().name().equals(ALERTS_RULE))
                .allSatisfy(c -> {
                    assertThat(c.info().enabled()).isFalse();
                    assertThat(c.info().disabledReason()).isNotBlank();
                });
        // 172 KQL/EQL rules and 25 of the 26 ES|QL rules; disabled: the 5 machine-learning rules and the ES|QL
        // rule over Kibana's alerts index.
        assertThat(enabled).isEqualTo(197);
        assertThat(disabled).isEqualTo(6);
    }

    @Test
    void rulesOnAsnOrGeoFieldsSayWhatTheyNeed() {
        assertThat(PeerRules.load().rules())
                .filteredOn(c -> c.info().enabled() && c.info().needs().stream().anyMatch(n -> n.startsWith("source.as")))
                .isNotEmpty()
                .allSatisfy(c -> assertThat(c.info().needs()).anyMatch(n -> n.contains("--geoip-asn")));
    }
}
