package io.trailhound.core.rules.falco;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.Severity;
import io.trailhound.core.rules.LoadResult;
import io.trailhound.core.rules.ir.CompiledRule;
import io.trailhound.core.rules.ir.Predicates;
import io.trailhound.core.rules.ir.RuleFormat;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The peer file loads unchanged: every rule compiles, with Falco's metadata and our index keys. */
class PeerRulesLoadTest {
    // Loaded before the tests rather than in a static initializer, so that where ../shared is absent
    // the assumption inside skips the class instead of failing it.
    private static LoadResult RESULT;

    @BeforeAll
    static void loadPeerRules() {
        RESULT = PeerRulesFixture.load();
    }

    @Test
    void everyRuleLoadsAndCompilesWithoutErrors() {
        assertThat(RESULT.errors()).isEmpty();
        assertThat(RESULT.rules()).hasSize(22);
        assertThat(RESULT.skipped()).isEmpty();
        assertThat(RESULT.rules()).allSatisfy(r -> assertThat(r.info().format()).isEqualTo(RuleFormat.FALCO));
    }

    @Test
    void twoRulesAreDisabledByTheFile() {
        assertThat(RESULT.rules().stream().filter(r -> !r.info().enabled()).map(r -> r.info().name()))
                .containsExactly("All Cloudtrail Events", "List Buckets");
    }

    @Test
    void metadataIsKeptAsWritten() {
        CompiledRule r = PeerRulesFixture.rule(RESULT, "Console Login Without MFA");
        assertThat(r.info().id()).isEqualTo("Console Login Without MFA");
        assertThat(r.info().priority()).isEqualTo("CRITICAL");
        assertThat(r.info().severity()).isEqualTo(Severity.CRITICAL);
        assertThat(r.info().tags()).startsWith("cloud", "aws");
        assertThat(r.info().description()).isEqualTo("Detect a console login without MFA.");
        assertThat(r.info().line()).isGreaterThan(40);
        assertThat(r.info().extra()).containsEntry("required_engine_version", "10")
                .containsEntry("required_plugin_versions", "cloudtrail 0.10.0, json 0.7.0");
    }

    @Test
    void rulesOnEventNamesAreIndexable() {
        assertThat(Predicates.requiredEventNames(PeerRulesFixture.rule(RESULT, "ECS Task Run or Started").condition()))
                .isEqualTo(Set.of("runtask", "starttask"));
        assertThat(Predicates.requiredEventNames(PeerRulesFixture.rule(RESULT, "Run Instances").condition()))
                .isEqualTo(Set.of("runinstances"));
        assertThat(Predicates.requiredEventNames(PeerRulesFixture.rule(RESULT, "All Cloudtrail Events").condition()))
                .isNull();
        long indexed = RESULT.rules().stream().filter(r -> Predicates.requiredEventNames(r.condition()) != null)
                .count();
        assertThat(indexed).isEqualTo(21);
    }

    @Test
    void theOnlyListIsUsedSoNoWarnings() {
        assertThat(RESULT.problems()).isEmpty();
    }
}
