package io.trailhound.core.rules.elastic;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.rules.LoadProblem;
import io.trailhound.core.rules.ir.CompiledRule;
import io.trailhound.core.rules.ir.Predicates;
import io.trailhound.core.rules.ir.Stateful;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The 26 ES|QL rules of the peer set: each loads, and runs unless it reads no CloudTrail. */
class EsqlPeerRulesLoadTest {
    static List<CompiledRule> esqlRules() {
        return PeerRules.load().rules().stream().filter(r -> "esql".equals(r.info().extra().get("type"))).toList();
    }

    @Test
    void everyEsqlRuleLoadsAndAllButTheAlertsIndexRuleRun() {
        List<CompiledRule> rules = esqlRules();
        for (CompiledRule r : rules) {
            System.out.printf("%-8s %-9s %-30s %s | %s%n", r.info().enabled() ? "enabled" : "DISABLED",
                    r.stateful() instanceof Stateful.Query q && q.query().windowed() ? "windowed" : "per-event",
                    Predicates.requiredEventNames(r.condition()), r.info().name(),
                    r.info().enabled() ? String.join("; ", r.info().needs()) : r.info().disabledReason());
        }
        PeerRules.load().problems().stream().filter(p -> p.code().startsWith("ELASTIC_ESQL"))
                .forEach(System.out::println);
        assertThat(rules).hasSize(26);
        assertThat(PeerRules.load().problems()).filteredOn(p -> p.level() == LoadProblem.Level.ERROR).isEmpty();
        assertThat(rules).filteredOn(r -> !r.info().enabled()).extracting(r -> r.info().name())
                .containsExactly("AWS IAM Long-Term Access Key Correlated with Elevated Detection Alerts");
    }
}
