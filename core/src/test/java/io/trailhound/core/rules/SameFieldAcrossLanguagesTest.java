package io.trailhound.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.rules.engine.RuleSet;
import io.trailhound.core.rules.ir.Accessor;
import io.trailhound.core.rules.ir.CompiledRule;
import io.trailhound.core.rules.ir.Predicate;
import io.trailhound.core.rules.ir.RuleFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * One CloudTrail field, three names: Falco's {@code ct.name}, ECS's {@code event.action} and Sigma's
 * {@code eventName} come from the one accessor kit, so they cost the same (cheapest-first ordering
 * treats them alike) and carry the same canonical name (the engine indexes them alike).
 */
class SameFieldAcrossLanguagesTest {
    private static final String FALCO = """
            - rule: Bucket policy
              desc: d
              condition: json.value[/requestParameters/bucketName] = logs and ct.name = PutBucketPolicy
              output: policy on %json.value[/requestParameters/bucketName]
              priority: WARNING
              source: aws_cloudtrail
            """;
    private static final String ELASTIC = """
            [metadata]
            creation_date = "2024/01/01"
            [rule]
            name = "Bucket policy"
            rule_id = "00000000-0000-4000-8000-000000000001"
            type = "query"
            language = "kuery"
            risk_score = 21
            severity = "low"
            description = "d"
            query = 'aws.cloudtrail.flattened.request_parameters.bucketName: logs and event.action: PutBucketPolicy'
            """;
    private static final String SIGMA = """
            title: Bucket policy
            id: 00000000-0000-4000-8000-000000000002
            logsource:
              product: aws
              service: cloudtrail
            detection:
              sel:
                requestParameters.bucketName: logs
                eventName: PutBucketPolicy
              condition: sel
            level: low
            """;

    @Test
    void ctNameEventActionAndEventNameCostTheSameAndShareTheirCanonicalName() {
        Accessor falco = field(load(RuleFormat.FALCO, "r.yaml", FALCO), "ct.name");
        Accessor ecs = field(load(RuleFormat.ELASTIC, "r.toml", ELASTIC), "event.action");
        Accessor sigma = field(load(RuleFormat.SIGMA, "r.yml", SIGMA), "eventName");
        for (Accessor a : List.of(falco, ecs, sigma)) {
            assertThat(a.cost()).as(a.name()).isEqualTo(0);
            assertThat(a.canonical()).as(a.name()).isEqualTo("eventName");
        }
    }

    @Test
    void cheapestFirstPutsTheEventNameTestFirstInEveryLanguage() {
        for (CompiledRule r : List.of(load(RuleFormat.FALCO, "r.yaml", FALCO),
                load(RuleFormat.ELASTIC, "r.toml", ELASTIC), load(RuleFormat.SIGMA, "r.yml", SIGMA))) {
            Predicate indexed = new RuleSet(List.of(r)).enabled().get(0).rule().condition();
            assertThat(indexed).isInstanceOf(Predicate.And.class);
            Predicate first = ((Predicate.And) indexed).children().get(0);
            assertThat(first).as(r.info().format().id()).isInstanceOfSatisfying(Predicate.Match.class,
                    m -> assertThat(m.field().canonical()).isEqualTo("eventName"));
        }
    }

    private static CompiledRule load(RuleFormat format, String file, String text) {
        LoadResult r = RuleFormats.standard().of(format).load(List.of(new RuleFile(file, text)));
        assertThat(r.errors()).isEmpty();
        return r.rules().get(0);
    }

    private static Accessor field(CompiledRule r, String name) {
        return find(r.condition(), name).orElseThrow(() -> new AssertionError(name + " not in " + r.condition()));
    }

    private static Optional<Accessor> find(Predicate p, String name) {
        if (p instanceof Predicate.Match m && m.field().name().equals(name)) {
            return Optional.of(m.field());
        }
        List<Predicate> kids = p instanceof Predicate.And a ? a.children() : p instanceof Predicate.Or o ? o.children()
                : p instanceof Predicate.Not n ? List.of(n.child()) : List.of();
        return kids.stream().map(c -> find(c, name)).flatMap(Optional::stream).findFirst();
    }
}
