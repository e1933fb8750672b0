package io.trailhound.core.rules.sigma;

import static io.trailhound.core.rules.sigma.SigmaFixtures.event;
import static io.trailhound.core.rules.sigma.SigmaFixtures.load;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.LoadProblem;
import io.trailhound.core.rules.LoadResult;
import io.trailhound.core.rules.ir.CompiledRule;
import io.trailhound.core.Severity;
import io.trailhound.core.rules.ir.Threat;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Files to rules: logsource filter, multi-document files, rule collections, metadata, YAML errors. */
class LoadingTest {
    private static final String META = """
            title: Trail deleted
            id: aaaaaaaa-0000-0000-0000-000000000001
            status: experimental
            description: A trail was deleted.
            author: Jane Doe, John Roe
            date: 2024-01-02
            modified: 2024-03-04
            references:
                - https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_DeleteTrail.html
            tags:
                - attack.defense-evasion
                - attack.t1562.008
            falsepositives:
                - Decommissioning
            level: high
            """;

    @Test
    void acceptsYmlAndYamlFiles() {
        SigmaFrontEnd f = new SigmaFrontEnd();
        assertThat(f.accepts(Path.of("rules/x.yml"))).isTrue();
        assertThat(f.accepts(Path.of("rules/x.YAML"))).isTrue();
        assertThat(f.accepts(Path.of("rules/x.toml"))).isFalse();
    }

    @Test
    void metadataBecomesRuleInfo() {
        LoadResult r = load(META + """
                logsource:
                    product: aws
                    service: cloudtrail
                detection:
                    sel:
                        eventName: DeleteTrail
                    condition: sel
                """);
        assertThat(r.problems()).isEmpty();
        var info = r.rules().get(0).info();
        assertThat(info.id()).isEqualTo("aaaaaaaa-0000-0000-0000-000000000001");
        assertThat(info.name()).isEqualTo("Trail deleted");
        assertThat(info.priority()).isEqualTo("high");
        assertThat(info.severity()).isEqualTo(Severity.HIGH);
        assertThat(info.author()).containsExactly("Jane Doe, John Roe");
        assertThat(info.description()).isEqualTo("A trail was deleted.");
        assertThat(info.threat()).containsExactly(
                new Threat("TA0005", "Defense Evasion", "T1562", null, "T1562.008", null));
        assertThat(info.extra()).containsEntry("status", "experimental").containsEntry("date", "2024-01-02")
                .containsEntry("modified", "2024-03-04").containsEntry("falsepositives", "Decommissioning")
                .containsEntry("logsource", "product=aws service=cloudtrail");
    }

    @Test
    void otherLogsourcesAreSkippedWithANotice() {
        String windows = """
                title: Windows thing
                id: w1
                logsource:
                    product: windows
                    category: process_creation
                detection:
                    sel:
                        Image|endswith: '\\cmd.exe'
                    condition: sel
                level: low
                ---
                title: Any AWS
                id: a1
                logsource:
                    product: aws
                detection:
                    sel:
                        eventName: DeleteTrail
                    condition: sel
                level: low
                ---
                title: S3 access logs
                id: s1
                logsource:
                    product: aws
                    service: s3
                detection:
                    sel:
                        operation: REST.GET.OBJECT
                    condition: sel
                level: low
                """;
        LoadResult r = load(windows);
        assertThat(r.rules()).extracting(x -> x.info().id()).containsExactly("a1");
        assertThat(r.skipped()).extracting(LoadResult.Skipped::rule).containsExactly("Windows thing", "S3 access logs");
        assertThat(r.skipped().get(1).line()).isEqualTo(22);
        assertThat(r.problems()).extracting(LoadProblem::level).containsOnly(LoadProblem.Level.NOTICE);
        assertThat(r.hasErrors()).isFalse();
    }

    @Test
    void ruleCollectionsApplyGlobalRepeatAndReset() {
        String collection = """
                action: global
                title: Trail tampering
                logsource:
                    product: aws
                    service: cloudtrail
                level: medium
                detection:
                    sel_src:
                        eventSource: cloudtrail.amazonaws.com
                    condition: sel_src and sel
                ---
                id: c1
                detection:
                    sel:
                        eventName: DeleteTrail
                ---
                action: repeat
                id: c2
                level: high
                detection:
                    sel:
                        eventName: StopLogging
                ---
                action: reset
                ---
                title: No global here
                id: c3
                logsource:
                    product: aws
                level: low
                detection:
                    sel:
                        eventName: StopLogging
                    condition: sel
                """;
        LoadResult r = load(collection);
        assertThat(r.problems()).isEmpty();
        assertThat(r.rules()).extracting(x -> x.info().id()).containsExactly("c1", "c2", "c3");
        CompiledRule c1 = r.rules().get(0);
        CompiledRule c2 = r.rules().get(1);
        CompiledRule c3 = r.rules().get(2);
        CloudTrailEvent delete = event("cloudtrail.amazonaws.com", "DeleteTrail", "");
        CloudTrailEvent stop = event("cloudtrail.amazonaws.com", "StopLogging", "");
        CloudTrailEvent stopElsewhere = event("other.amazonaws.com", "StopLogging", "");
        assertThat(c1.info().name()).isEqualTo("Trail tampering");
        assertThat(c1.condition().test(delete)).isTrue();
        assertThat(c1.condition().test(stop)).isFalse();
        assertThat(c2.info().severity()).isEqualTo(Severity.HIGH);
        assertThat(c2.condition().test(stop)).isTrue();
        assertThat(c2.condition().test(stopElsewhere)).isFalse();
        assertThat(c3.condition().test(stopElsewhere)).isTrue();
        assertThat(c3.info().name()).isEqualTo("No global here");
    }

    @Test
    void yamlErrorsNameFileAndLine() {
        LoadResult r = load("title: x\ndetection:\n  sel: [a, b\n  condition: sel\n");
        assertThat(r.rules()).isEmpty();
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo("SIGMA_YAML_SYNTAX");
            assertThat(e.file()).isEqualTo("test.yml");
            assertThat(e.line()).isGreaterThan(1);
        });
        LoadResult dup = load("title: x\ntitle: y\n");
        assertThat(dup.errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo("SIGMA_DUPLICATE_KEY");
            assertThat(e.line()).isEqualTo(2);
        });
    }

    @Test
    void aBadRuleDoesNotStopTheOthers() {
        LoadResult r = load("""
                title: no detection
                id: bad
                logsource:
                    product: aws
                level: low
                ---
                title: fine
                id: good
                logsource:
                    product: aws
                detection:
                    sel:
                        eventName: x
                    condition: sel
                level: low
                """);
        assertThat(r.rules()).extracting(x -> x.info().id()).containsExactly("good");
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.rule()).isEqualTo("no detection");
            assertThat(e.code()).isEqualTo("SIGMA_NO_DETECTION");
            assertThat(e.line()).isEqualTo(1);
        });
    }

    @Test
    void missingIdAndLevelAreWarningsWithFallbacks() {
        LoadResult r = load("""
                title: minimal
                logsource:
                    product: aws
                detection:
                    sel:
                        eventName: x
                    condition: sel
                """);
        assertThat(r.rules()).singleElement().satisfies(x -> {
            assertThat(x.info().id()).isEqualTo("minimal");
            assertThat(x.info().severity()).isEqualTo(Severity.MEDIUM);
        });
        assertThat(r.problems()).extracting(LoadProblem::code).containsExactly("SIGMA_NO_ID", "SIGMA_NO_LEVEL");
    }

    @Test
    void outputNamesTheTitleAndKeyFieldsOrTheRulesFields() {
        String base = """
                title: Trail deleted
                id: o1
                logsource:
                    product: aws
                level: low
                detection:
                    sel:
                        eventName: DeleteTrail
                    condition: sel
                """;
        CloudTrailEvent e = event("cloudtrail.amazonaws.com", "DeleteTrail",
                "\"sourceIPAddress\":\"198.51.100.7\",\"requestParameters\":{\"name\":\"main\"}");
        CompiledRule plain = load(base).rules().get(0);
        assertThat(plain.output().render(e)).isEqualTo("Trail deleted eventName=DeleteTrail "
                + "eventSource=cloudtrail.amazonaws.com userIdentity.arn=arn:aws:iam::111122223333:user/alice "
                + "sourceIPAddress=198.51.100.7");
        CompiledRule withFields = load(base + "fields:\n    - requestParameters.name\n    - errorCode\n").rules().get(0);
        assertThat(withFields.output().fields(e)).containsEntry("requestParameters.name", "main")
                .containsEntry("errorCode", null);
        assertThat(withFields.output().render(e)).isEqualTo("Trail deleted requestParameters.name=main errorCode=<NA>");
    }

    @Test
    void sigmaFilterDocumentsAreRefusedClearly() {
        LoadResult r = load("""
                title: Ignore the build role
                id: f1
                logsource:
                    product: aws
                filter:
                    rules:
                        - aaaaaaaa-0000-0000-0000-000000000001
                    selection:
                        userIdentity.arn|contains: build
                    condition: not selection
                """);
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo("SIGMA_UNSUPPORTED");
            assertThat(e.line()).isEqualTo(5);
        });
    }

    @Test
    void aliasExpansionIsBounded() {
        StringBuilder y = new StringBuilder("title: bomb\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 9; i++) {
            y.append("a").append(i).append(": &a").append(i).append(" [");
            y.append(String.join(", ", java.util.Collections.nCopies(10, "*a" + (i - 1)))).append("]\n");
        }
        LoadResult r = load(y.toString());
        assertThat(r.rules()).isEmpty();
        assertThat(r.errors()).hasSize(1);
    }

    @Test
    void aDuplicateIdIsAWarning() {
        String one = "title: %s\nid: same\nlogsource:\n    product: aws\nlevel: low\n"
                + "detection:\n    sel:\n        eventName: x\n    condition: sel\n";
        LoadResult r = load(one.formatted("first") + "---\n" + one.formatted("second"));
        assertThat(r.rules()).hasSize(2);
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo("SIGMA_DUPLICATE_ID");
            assertThat(p.level()).isEqualTo(LoadProblem.Level.WARNING);
            assertThat(p.rule()).isEqualTo("second");
        });
    }
}
