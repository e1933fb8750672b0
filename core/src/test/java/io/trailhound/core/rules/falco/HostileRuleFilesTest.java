package io.trailhound.core.rules.falco;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.Hostile;
import io.trailhound.core.rules.LoadProblem;
import io.trailhound.core.rules.LoadResult;
import io.trailhound.core.rules.load.RuleLimits;
import org.junit.jupiter.api.Test;

/**
 * Small hostile Falco files (issue 32, items 11 and 12): each fails with an error at a position,
 * fast, without a stack overflow, and the file's other rules still load; what is merely unusual
 * but valid loads and evaluates on a small stack.
 */
class HostileRuleFilesTest {
    private static final CloudTrailEvent CREATE_USER = Records.event("iam.amazonaws.com", "CreateUser", Records.ALICE, "");
    /** A well-formed rule after the hostile part: it must still load. */
    private static final String GOOD_RULE = """
            - rule: good
              desc: d
              condition: ct.name = CreateUser
              output: o
              priority: INFO
              source: aws_cloudtrail
            """;

    private static LoadResult load(String yaml) {
        return Hostile.run(() -> TestRuleFiles.load(yaml));
    }

    private static LoadProblem onlyError(LoadResult r) {
        assertThat(r.errors()).hasSize(1);
        return r.errors().get(0);
    }

    private static String rule(String name, String condition) {
        return TestRuleFiles.ruleYaml("", condition).replace("- rule: r", "- rule: " + name);
    }

    @Test
    void parenthesesNestedPastTheLimitFailAtTheirPosition() {
        String deep = "(".repeat(5000) + "ct.name = X" + ")".repeat(5000);
        LoadResult r = load(rule("deep", deep) + GOOD_RULE);
        LoadProblem p = onlyError(r);
        assertThat(p.message()).contains("nested deeper than " + RuleLimits.MAX_NESTING);
        assertThat(p.line()).isEqualTo(3);
        assertThat(p.column()).isGreaterThan(RuleLimits.MAX_NESTING);
        assertThat(r.rules()).extracting(c -> c.info().name()).containsExactly("good");
    }

    @Test
    void legitimateDeepConditionsLoadAndEvaluateOnASmallStack() {
        StringBuilder c = new StringBuilder();
        int depth = RuleLimits.MAX_NESTING - 10;
        for (int i = 0; i < depth; i++) {
            c.append("ct.name = CreateUser ").append(i % 2 == 0 ? "and not (" : "or (");
        }
        c.append("ct.name = CreateUser").append(")".repeat(depth));
        LoadResult r = load(rule("deep", c.toString()));
        assertThat(r.errors()).isEmpty();
        assertThat(Hostile.run(() -> Hostile.matches(r, CREATE_USER))).isNotNull();
    }

    @Test
    void notChainsOfAnyLengthAreReadByTheirParity() {
        LoadResult r = load(rule("even", "not ".repeat(100_000) + "ct.name = CreateUser")
                + rule("odd", "not ".repeat(100_001) + "ct.name = CreateUser"));
        assertThat(r.errors()).isEmpty();
        assertThat(Hostile.run(() -> Hostile.matches(r, CREATE_USER))).containsExactly("even");
    }

    @Test
    void yamlNestedFiveThousandDeepInBlockOrHundredThousandInFlowFailsTheFileAtItsPosition() {
        StringBuilder block = new StringBuilder("- rule: x\n  desc:\n");
        for (int i = 0; i < 5000; i++) {
            block.append("  ".repeat(i + 2)).append("k:\n");
        }
        LoadProblem b = onlyError(load(block.toString()));
        assertThat(b.code()).isEqualTo("LOAD_ERR_YAML_PARSE");
        assertThat(b.message()).contains("nested deeper than");
        assertThat(b.line()).isGreaterThan(90).isLessThan(110);
        assertThat(b.column()).isPositive();
        LoadProblem f = onlyError(load("- rule: x\n  desc: " + "[".repeat(100_000) + "]".repeat(100_000) + "\n"));
        assertThat(f.message()).contains("nested deeper than");
        assertThat(f.line()).isEqualTo(2);
        assertThat(f.column()).isGreaterThan(100);
    }

    @Test
    void aDuplicateKeyFailsTheFileAtTheSecondKey() {
        LoadProblem p = onlyError(load(GOOD_RULE + "  condition: ct.name = DeleteUser\n"));
        assertThat(p.message()).contains("duplicate key 'condition'");
        assertThat(p.line()).isEqualTo(7);
    }

    @Test
    void tenThousandChainedMacrosFailTheRuleAtItsReference() {
        StringBuilder sb = new StringBuilder("- macro: m0\n  condition: ct.name = CreateUser\n");
        for (int i = 1; i < 10_000; i++) {
            sb.append("- macro: m").append(i).append("\n  condition: m").append(i - 1).append('\n');
        }
        LoadResult r = load(sb + rule("chained", "ct.region = x or m9999") + GOOD_RULE);
        LoadProblem p = onlyError(r);
        assertThat(p.rule()).isEqualTo("chained");
        assertThat(p.message()).contains("nested deeper than " + RuleLimits.MAX_TREE_DEPTH + " levels once macros are expanded");
        assertThat(p.line()).isEqualTo(20_003);
        assertThat(p.column()).isEqualTo(15 + "ct.region = x or ".length()); // after the opening quote
        assertThat(r.rules()).extracting(c -> c.info().name()).containsExactly("good");
    }

    @Test
    void macrosMadeOfTwoCopiesOfTheOneBeforeFailTheRule() {
        StringBuilder sb = new StringBuilder("- macro: m0\n  condition: ct.name = CreateUser\n");
        for (int i = 1; i < 40; i++) {
            sb.append("- macro: m").append(i).append("\n  condition: (m").append(i - 1).append(" or not m")
                    .append(i - 1).append(")\n");
        }
        LoadResult r = load(sb + rule("doubled", "m39") + GOOD_RULE);
        LoadProblem p = onlyError(r);
        assertThat(p.rule()).isEqualTo("doubled");
        assertThat(p.message()).contains("expands to more than " + RuleLimits.MAX_TERMS + " tests");
        assertThat(r.rules()).extracting(c -> c.info().name()).containsExactly("good");
    }

    @Test
    void listsMadeOfTwoCopiesOfTheOneBeforeFailWithEveryRuleUsingThem() {
        StringBuilder sb = new StringBuilder("- list: l0\n  items: [a, b]\n");
        for (int i = 1; i < 40; i++) {
            sb.append("- list: l").append(i).append("\n  items: [l").append(i - 1).append(", l").append(i - 1)
                    .append("]\n");
        }
        LoadResult r = load(sb + rule("listed", "ct.name in (l39)") + GOOD_RULE);
        // 2^17 items is the first list past the limit; each list after it fails for including it
        assertThat(r.errors()).hasSize(40 - 16 + 1);
        LoadProblem first = r.errors().get(0);
        assertThat(first.message()).contains("list 'l16'").contains("more than " + RuleLimits.MAX_LIST_ITEMS + " items");
        assertThat(first.line()).isEqualTo(33);
        LoadProblem ruleError = r.errors().get(r.errors().size() - 1);
        assertThat(ruleError.rule()).isEqualTo("listed");
        assertThat(ruleError.message()).contains("uses list 'l39', which failed to load");
        assertThat(ruleError.line()).isEqualTo(83);
        assertThat(r.rules()).extracting(c -> c.info().name()).containsExactly("good");
    }

    @Test
    void tenThousandAliasesOfOneLargeScalarFailTheFile() {
        StringBuilder sb = new StringBuilder("- list: big\n  items: [&a ").append("x".repeat(100_000));
        for (int i = 0; i < 10_000; i++) {
            sb.append(", *a");
        }
        LoadProblem p = onlyError(load(sb + "]\n" + rule("aliased", "ct.name in (big)")));
        assertThat(p.code()).isEqualTo("LOAD_ERR_YAML_PARSE");
        assertThat(p.message()).contains("with its aliases expanded");
        assertThat(p.line()).isEqualTo(2);
    }

    @Test
    void regexesWithHugeProgramsFailTheRule() {
        LoadResult r = load(rule("huge", "ct.name regex '((a{1000}){1000}){1000}'") + GOOD_RULE);
        LoadProblem p = onlyError(r);
        assertThat(p.message()).contains("invalid regex").contains("more than 1000 copies");
        assertThat(p.line()).isEqualTo(3);
        assertThat(p.column()).isEqualTo(15 + "ct.name regex ".length());
        LoadProblem glob = onlyError(load(rule("glob", "ct.name glob '" + "*a".repeat(60_000) + "'")));
        assertThat(glob.message()).contains("invalid glob").contains("too large");
    }

    @Test
    void outputsWithTransformersNestedPastTheLimitFailTheRule() {
        String output = "%" + "tolower(".repeat(10_000) + "ct.name" + ")".repeat(10_000);
        LoadResult r = load(GOOD_RULE.replace("output: o", "output: '" + output + "'"));
        LoadProblem p = onlyError(r);
        assertThat(p.code()).isEqualTo("LOAD_ERR_COMPILE_OUTPUT");
        assertThat(p.message()).contains("transformers nested deeper than " + RuleLimits.MAX_NESTING);
    }
}
