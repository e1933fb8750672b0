package io.trailhound.core.rules.sigma;

import static io.trailhound.core.rules.sigma.SigmaFixtures.event;
import static io.trailhound.core.rules.sigma.SigmaFixtures.rule;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.Hostile;
import io.trailhound.core.rules.LoadProblem;
import io.trailhound.core.rules.LoadResult;
import io.trailhound.core.rules.RuleFile;
import io.trailhound.core.rules.load.RuleLimits;
import io.trailhound.core.rules.load.RuleYaml;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Small hostile Sigma files (issue 32, items 11 to 13): each fails with an error at its line,
 * fast, without a stack overflow; what is merely unusual but valid loads and evaluates on a
 * small stack, in bounded time.
 */
class HostileRuleFilesTest {
    private static final CloudTrailEvent CREATE_USER = event("iam.amazonaws.com", "CreateUser", "");

    private static LoadResult load(String yaml) {
        return load(yaml, Map.of());
    }

    private static LoadResult load(String yaml, Map<String, List<String>> placeholders) {
        return Hostile.run(() -> new SigmaFrontEnd(placeholders).load(List.of(new RuleFile("test.yml", yaml))));
    }

    private static LoadProblem onlyError(LoadResult r) {
        assertThat(r.errors()).hasSize(1);
        return r.errors().get(0);
    }

    @Test
    void twoThousandNestedParenthesesFailAtTheConditionsLine() {
        LoadProblem p = onlyError(load(rule("""
                sel:
                    eventName: CreateUser
                condition: %ssel%s
                """.formatted("(".repeat(2000), ")".repeat(2000)))));
        assertThat(p.code()).isEqualTo("SIGMA_BAD_CONDITION");
        assertThat(p.message()).contains("nested deeper than " + RuleLimits.MAX_NESTING)
                .contains("at character " + (RuleLimits.MAX_NESTING + 1));
        assertThat(p.line()).isEqualTo(10);
    }

    @Test
    void notChainsOfAnyLengthAreReadByTheirParity() {
        LoadResult r = load(rule("""
                sel:
                    eventName: CreateUser
                condition: %ssel
                """.formatted("not ".repeat(100_000))));
        assertThat(r.errors()).isEmpty();
        assertThat(Hostile.run(() -> Hostile.matches(r, CREATE_USER))).containsExactly("Test rule");
    }

    @Test
    void yamlNestedDeepFailsTheFileAtItsLine() {
        StringBuilder block = new StringBuilder("title: x\nx:\n");
        for (int i = 1; i < 5000; i++) {
            block.append("  ".repeat(i)).append("x:\n");
        }
        LoadProblem b = onlyError(load(block.toString()));
        assertThat(b.code()).isEqualTo("SIGMA_TOO_LARGE");
        assertThat(b.message()).contains("nested deeper than " + RuleYaml.MAX_DEPTH);
        assertThat(b.line()).isEqualTo(RuleYaml.MAX_DEPTH + 2);
        LoadProblem f = onlyError(load("title: x\nx: " + "[".repeat(100_000) + "]".repeat(100_000) + "\n"));
        assertThat(f.message()).contains("nested deeper than");
        assertThat(f.line()).isEqualTo(2);
    }

    @Test
    void tenThousandAliasesOfOneLargeScalarFailTheFile() {
        StringBuilder sb = new StringBuilder("sel:\n    eventName|contains: [&a ").append("x".repeat(100_000));
        for (int i = 0; i < 10_000; i++) {
            sb.append(", *a");
        }
        LoadProblem p = onlyError(load(rule(sb + "]\ncondition: sel\n")));
        assertThat(p.code()).isEqualTo("SIGMA_TOO_LARGE");
        assertThat(p.message()).contains("with its aliases expanded");
        assertThat(p.line()).isEqualTo(9);
    }

    @Test
    void oneOfTenThousandSelectionsLoadsAndRunsAsOneFlatTest() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            sb.append("sel").append(i).append(":\n    eventName: CreateUser").append(i == 9_999 ? "" : i).append('\n');
        }
        LoadResult r = load(rule(sb + "condition: 1 of sel*\n"));
        assertThat(r.errors()).isEmpty();
        assertThat(Hostile.run(() -> Hostile.matches(r, CREATE_USER))).containsExactly("Test rule");
        assertThat(Hostile.run(() -> Hostile.matches(r, event("iam.amazonaws.com", "DeleteUser", "")))).isEmpty();
    }

    @Test
    void base64offsetContainsWithTenThousandValuesOverLargeFieldsIsOneSearchPerField() {
        StringBuilder sb = new StringBuilder("sel:\n    requestParameters.policyDocument|base64offset|contains:\n");
        for (int i = 0; i < 10_000; i++) {
            sb.append("        - 'secret-").append(i).append("'\n");
        }
        LoadResult r = load(rule(sb + "condition: sel\n"));
        assertThat(r.errors()).isEmpty();
        String filler = "QUJD".repeat(225_000); // 900 KB of base64 that holds none of the values
        String planted = java.util.Base64.getEncoder().encodeToString("xx secret-9876 xx".getBytes());
        int hits = Hostile.run(() -> {
            int n = 0;
            for (int i = 0; i < 25; i++) {
                String doc = i == 12 ? filler + planted : filler;
                CloudTrailEvent e = event("iam.amazonaws.com", "CreatePolicy",
                        "\"requestParameters\":{\"policyDocument\":\"" + doc + "\"}");
                n += Hostile.matches(r, e).size();
            }
            return n;
        });
        assertThat(hits).isEqualTo(1);
    }

    @Test
    void regexesWithHugeProgramsFailTheRule() {
        LoadProblem p = onlyError(load(rule("""
                sel:
                    eventName|re: '((a{1000}){1000}){1000}'
                condition: sel
                """)));
        assertThat(p.code()).isEqualTo("SIGMA_BAD_REGEX");
        assertThat(p.message()).contains("more than 1000 copies");
        assertThat(p.line()).isEqualTo(9);
    }

    @Test
    void placeholdersExpandingPastTheLimitFailTheRule() {
        LoadProblem p = onlyError(load(rule("""
                sel:
                    eventName|expand: '%s'
                condition: sel
                """.formatted("%p%".repeat(100))), Map.of("p", List.of("a", "b"))));
        assertThat(p.code()).isEqualTo("SIGMA_TOO_LARGE");
        assertThat(p.message()).contains("more than " + RuleLimits.MAX_VALUE_EXPANSION + " alternatives");
        assertThat(p.line()).isEqualTo(9);
    }

    @Test
    void aGlobalBlockRepeatedIntoThousandsOfRulesFailsTheCollection() {
        StringBuilder sb = new StringBuilder("action: global\nlogsource:\n    product: aws\ndetection:\n    sel:\n"
                + "        eventName:\n");
        for (int i = 0; i < 20_000; i++) {
            sb.append("            - E").append(i).append('\n');
        }
        sb.append("    condition: sel\n");
        for (int i = 0; i < 1_000; i++) {
            sb.append("---\ntitle: r").append(i).append('\n');
        }
        LoadProblem p = onlyError(load(sb.toString()));
        assertThat(p.code()).isEqualTo("SIGMA_TOO_LARGE");
        assertThat(p.message()).contains("rule collection expands to more than " + RuleYaml.MAX_EXPANDED_NODES);
    }
}
