package io.trailhound.core.rules.engine;

import static io.trailhound.core.rules.TestRules.field;
import static io.trailhound.core.rules.TestRules.rule;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.Severity;
import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.RuleSelection;
import io.trailhound.core.rules.TestEvents;
import io.trailhound.core.rules.TestRules;
import io.trailhound.core.rules.ir.CompiledRule;
import io.trailhound.core.rules.ir.Predicate;
import io.trailhound.core.rules.ir.Predicates;
import io.trailhound.core.rules.ir.RuleFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class DetectorTest {
    static CloudTrailEvent event(String name, String region) {
        return TestEvents.parse("""
                {"eventTime":"2024-05-01T10:00:00Z","eventID":"id-%s","eventSource":"ec2.amazonaws.com",
                 "eventName":"%s","awsRegion":"%s","userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::1:user/a"}}
                """.formatted(name + region, name, region));
    }

    private static final CompiledRule RUN = rule("Run", RuleFormat.FALCO, Severity.MEDIUM, field("eventName", "RunInstances"));
    private static final CompiledRule RUN_REGION = rule("RunRegion", RuleFormat.FALCO, Severity.HIGH,
            Predicates.and(List.of(field("eventName", "RunInstances"),
                    Predicates.not(field("awsRegion", "us-east-0")))));
    private static final CompiledRule ANY_EAST = rule("AnyEast", RuleFormat.SIGMA, Severity.LOW, field("awsRegion", "us-east-1"));

    @Test
    void indexesByEventNameAndKeepsCatchAllRules() {
        RuleSet set = new RuleSet(List.of(RUN, RUN_REGION, ANY_EAST));
        assertThat(set.catchAll()).extracting(e -> e.rule().info().name()).containsExactly("AnyEast");
        assertThat(set.candidates("RunInstances", "ec2.amazonaws.com")).extracting(e -> e.rule().info().name())
                .containsExactly("Run", "RunRegion", "AnyEast");
        assertThat(set.candidates("runinstances", "ec2.amazonaws.com")).hasSize(1); // the rules compare case-sensitively
        assertThat(set.candidates("ListBuckets", "s3.amazonaws.com")).extracting(e -> e.rule().info().name())
                .containsExactly("AnyEast");
        assertThat(set.candidates(null, null)).hasSize(1);
        assertThat(set.indexedByName()).isEqualTo(2);
    }

    @Test
    void wildcardNamesNegationsAndSourcesNarrowRulesToo() {
        CompiledRule prefix = rule("Prefix", RuleFormat.ELASTIC, Severity.LOW, new Predicate.Match(TestRules.path("eventName"),
                io.trailhound.core.rules.ir.Wildcard.parse("Run*", false), io.trailhound.core.rules.ir.Quantifier.ANY));
        CompiledRule notRun = rule("NotRun", RuleFormat.SIGMA, Severity.LOW,
                Predicates.not(field("eventName", "RunInstances")));
        CompiledRule bySource = rule("S3", RuleFormat.SIGMA, Severity.LOW, field("eventSource", "s3.amazonaws.com"));
        RuleSet set = new RuleSet(List.of(prefix, notRun, bySource));
        assertThat(set.catchAll()).isEmpty();
        assertThat(set.candidates("RunInstances", "ec2.amazonaws.com")).extracting(e -> e.rule().info().name())
                .containsExactly("Prefix");
        assertThat(set.candidates("ListBuckets", "s3.amazonaws.com")).extracting(e -> e.rule().info().name())
                .containsExactly("NotRun", "S3");
    }

    @Test
    void aNegatedSourceTestStillSeesEventsWithoutOrWithAnEmptySource() {
        CompiledRule notS3 = rule("NotS3", RuleFormat.SIGMA, Severity.LOW, Predicates.and(List.of(
                field("eventName", "GetObject"), Predicates.not(field("eventSource", "s3.amazonaws.com")))));
        Detector d = new Detector(new RuleSet(List.of(notS3)));
        String base = "{\"eventTime\":\"2024-05-01T10:00:00Z\",\"eventID\":\"%s\",%s\"eventName\":\"GetObject\","
                + "\"userIdentity\":{\"type\":\"IAMUser\"}}";
        CloudTrailEvent none = TestEvents.parse(base.formatted("a", ""));
        CloudTrailEvent empty = TestEvents.parse(base.formatted("b", "\"eventSource\":\"\","));
        CloudTrailEvent s3 = TestEvents.parse(base.formatted("c", "\"eventSource\":\"s3.amazonaws.com\","));
        assertThat(d.detect(none)).isNotNull();   // first: caches the no-source answer
        assertThat(d.detect(empty)).isNotNull();  // must not reuse it for the empty source
        assertThat(d.detect(s3)).isNull();
    }

    @Test
    void aRuleErrorIsCountedByKindNotByMessage() {
        CompiledRule broken = rule("Broken", RuleFormat.SIGMA, Severity.LOW, new Predicate.Match(
                TestRules.path("eventName"), v -> {
                    throw new IllegalStateException("bad value " + v);
                }, io.trailhound.core.rules.ir.Quantifier.ANY));
        Detector d = new Detector(new RuleSet(List.of(broken)));
        d.detect(event("RunInstances", "us-east-1"));
        d.detect(event("StopInstances", "us-east-1"));
        assertThat(d.failures()).containsExactly(java.util.Map.entry("Broken: java.lang.IllegalStateException", 2L));
    }

    @Test
    void allMatchingByDefaultFirstMatchOnlyAmongFlaggedRules() {
        CloudTrailEvent e = event("RunInstances", "us-east-1");
        RuleSet all = new RuleSet(List.of(RUN, RUN_REGION, ANY_EAST));
        assertThat(new Detector(all).detect(e).hits()).extracting(h -> h.rule().info().name())
                .containsExactly("Run", "RunRegion", "AnyEast");
        // Falco's rule_matching: first, as the Falco front end flags its rules: the other language still fires.
        RuleSet first = new RuleSet(List.of(firstMatch(RUN), firstMatch(RUN_REGION), ANY_EAST));
        assertThat(new Detector(first).detect(e).hits()).extracting(h -> h.rule().info().name())
                .containsExactly("Run", "AnyEast");
        assertThat(new Detector(all).detect(event("StopInstances", "eu-west-1"))).isNull();
    }

    @Test
    void theFirstMatchFlagIsTheRulesNotItsLanguagesAndSurvivesSelectionAndIndexing() {
        CloudTrailEvent e = event("RunInstances", "us-east-1");
        // A Falco rule without the flag does not hide the next one; an unflagged one never hides.
        RuleSet mixed = new RuleSet(RuleSelection.all().apply(List.of(RUN, firstMatch(RUN_REGION), firstMatch(ANY_EAST))));
        assertThat(mixed.enabled()).extracting(en -> en.rule().firstMatch()).containsExactly(false, true, true);
        assertThat(new Detector(mixed).detect(e).hits()).extracting(h -> h.rule().info().name())
                .containsExactly("Run", "RunRegion");
    }

    private static CompiledRule firstMatch(CompiledRule r) {
        return new CompiledRule(r.info(), r.condition(), r.stateful(), r.output(), true);
    }

    @Test
    void disabledRulesDoNotRunAndSelectionSwitchesThem() {
        CompiledRule off = RUN.withInfo(RUN.info().withEnabled(false, "enabled: false in the file"));
        RuleSet set = new RuleSet(List.of(off));
        assertThat(new Detector(set).detect(event("RunInstances", "x"))).isNull();
        RuleSelection enable = new RuleSelection(List.of("run"), List.of(), List.of(), null);
        assertThat(new RuleSet(enable.apply(List.of(off))).enabled()).hasSize(1);
        RuleSelection disableByTag = new RuleSelection(List.of(), List.of("t-Run*"), List.of(), null);
        assertThat(new RuleSet(disableByTag.apply(List.of(RUN, ANY_EAST))).enabled())
                .extracting(x -> x.rule().info().name()).containsExactly("AnyEast");
        RuleSelection min = new RuleSelection(List.of(), List.of(), List.of(), Severity.MEDIUM);
        assertThat(new RuleSet(min.apply(List.of(RUN, RUN_REGION, ANY_EAST))).enabled()).hasSize(2);
        RuleSelection tag = new RuleSelection(List.of(), List.of(), List.of("t-anyeast"), null);
        assertThat(new RuleSet(tag.apply(List.of(RUN, ANY_EAST))).enabled()).hasSize(1);
    }

    @Test
    void aRuleThatThrowsIsCountedAndDoesNotStopOthers() {
        CompiledRule broken = rule("Broken", RuleFormat.SIGMA, Severity.LOW, new Predicate.Match(
                TestRules.path("eventName"), v -> {
                    throw new IllegalStateException("boom");
                }, io.trailhound.core.rules.ir.Quantifier.ANY));
        Detector d = new Detector(new RuleSet(List.of(broken, ANY_EAST)));
        assertThat(d.detect(event("RunInstances", "us-east-1")).hits()).hasSize(1);
        assertThat(d.failures()).hasSize(1);
    }
}
