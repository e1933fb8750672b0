package io.trailhound.core.rules.falco;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.LoadProblem;
import io.trailhound.core.rules.LoadResult;
import io.trailhound.core.rules.ir.Predicates;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Falco's condition grammar and evaluation semantics (falco.md §5, §6), compiled to the IR. */
class ConditionLanguageTest {
    private static final CloudTrailEvent RUN = Records.event("ec2.amazonaws.com", "RunInstances", Records.ALICE, """
            ,"requestParameters":{"instanceType":"t3.micro","userName":"Alice","policy":"L3Zhci9ydW4=",
              "functionName":"/opt/app/bin/run.sh","target":"/var/run/docker.sock"},
             "responseElements":{"instancesSet":{"items":[{"imageId":"ami-1"},{"imageId":"ami-2"}]}},
             "additionalEventData":{"bytesTransferredIn":100.7,"bytesTransferredOut":50}""");

    private static boolean holds(String condition) {
        return TestRuleFiles.compile(condition).condition().test(RUN);
    }

    private static boolean holds(String preamble, String condition) {
        return TestRuleFiles.compile(preamble, condition).condition().test(RUN);
    }

    private static LoadProblem onlyError(LoadResult r) {
        assertThat(r.errors()).hasSize(1);
        return r.errors().get(0);
    }

    @Test
    void comparisonOperators() {
        assertThat(holds("ct.name = RunInstances")).isTrue();
        assertThat(holds("ct.name == \"RunInstances\"")).isTrue();
        assertThat(holds("ct.name = runinstances")).isFalse();
        assertThat(holds("ct.name != 'StopInstances'")).isTrue();
        assertThat(holds("ct.name startswith Run and ct.name endswith Instances")).isTrue();
        assertThat(holds("ct.name contains unInst and ct.name icontains RUNINST")).isTrue();
        assertThat(holds("ct.name contains RUNINST")).isFalse();
        assertThat(holds("ct.name > Q and ct.name < S and ct.name >= RunInstances and ct.name <= RunInstances"))
                .isTrue();
    }

    @Test
    void globsAndRegexesMatchTheWholeValue() {
        assertThat(holds("ct.name glob 'Run*'")).isTrue();
        assertThat(holds("ct.name glob 'run*'")).isFalse();
        assertThat(holds("ct.name iglob 'run*'")).isTrue();
        assertThat(holds("ct.name glob 'R?n[A-Z]nstances'")).isTrue();
        assertThat(holds("ct.name glob '[!R]*'")).isFalse();
        assertThat(holds("ct.request.functionname glob '*run.sh'")).as("* crosses '/'").isTrue();
        assertThat(holds("ct.name regex 'Run.*'")).isTrue();
        assertThat(holds("ct.name regex 'Instances'")).as("anchored").isFalse();
        assertThat(holds("ct.name glob 'Run\\\\*'")).as("escaped star is literal").isFalse();
    }

    @Test
    void listOperatorsAndPathPrefixes() {
        assertThat(holds("ct.name in (StopInstances, RunInstances)")).isTrue();
        assertThat(holds("ct.name in ('a b', c)")).isFalse();
        assertThat(holds("ct.name intersects (RunInstances)")).isTrue();
        assertThat(holds("ct.request.target pmatch (/var/run, /tmp)")).isTrue();
        assertThat(holds("ct.request.target pmatch (/var/ru)")).isFalse();
        assertThat(holds("ct.request.target pmatch (/var/*/docker.sock)")).isTrue();
        assertThat(holds("ct.name startswith anyof (Stop, Run)")).isTrue();
        assertThat(holds("ct.name startswith allof (Stop, Run)")).isFalse();
    }

    @Test
    void listFieldsTakeInAsEveryAndIntersectsAsAny() {
        assertThat(holds("ec2.imageids in (ami-1, ami-2, ami-3)")).isTrue();
        assertThat(holds("ec2.imageids in (ami-1)")).isFalse();
        assertThat(holds("ec2.imageids intersects (ami-2, ami-9)")).isTrue();
        assertThat(holds("ec2.imageids[1] in (ami-2)")).isTrue();
        LoadResult r = TestRuleFiles.load(TestRuleFiles.ruleYaml("", "ec2.imageids = ami-1"));
        assertThat(onlyError(r).message()).contains("only 'in', 'intersects' and 'exists'");
    }

    @Test
    void aMissingFieldFailsEveryComparisonButNotItsNegation() {
        assertThat(holds("ct.error exists")).isFalse();
        assertThat(holds("ct.error != AccessDenied")).isFalse();
        assertThat(holds("not ct.error = AccessDenied")).isTrue();
        assertThat(holds("not ct.error exists")).isTrue();
        assertThat(holds("ct.error in (AccessDenied)")).isFalse();
    }

    @Test
    void booleanStructureAndPrecedence() {
        assertThat(holds("ct.name = X or ct.name = RunInstances and ct.region = us-east-1")).isTrue();
        assertThat(holds("(ct.name = X or ct.name = RunInstances) and ct.region = eu-west-1")).isFalse();
        assertThat(holds("not ct.name = X and ct.name = RunInstances")).isTrue();
        assertThat(holds("not(ct.name = X)and(ct.region = us-east-1)")).isTrue();
        assertThat(holds("not not ct.name = RunInstances")).isTrue();
    }

    @Test
    void transformersOnEitherSide() {
        assertThat(holds("tolower(ct.name) = runinstances and toupper(ct.name) = RUNINSTANCES")).isTrue();
        assertThat(holds("b64(ct.request.policy) = /var/run")).isTrue();
        assertThat(holds("basename(ct.request.functionname) = run.sh")).isTrue();
        assertThat(holds("len(ct.name) = 12 and len(ec2.imageids) > 1")).isTrue();
        assertThat(holds("toupper(tolower(ct.name)) = RUNINSTANCES")).isTrue();
        assertThat(holds("ct.request.username = val(ct.user)")).isFalse();
        assertThat(holds("tolower(ct.request.username) = val(ct.user)")).isTrue();
        assertThat(holds("ct.request.username != val(ct.user)")).isTrue();
        assertThat(holds("ct.user = tolower(ct.request.username)")).isTrue();
        assertThat(holds("ct.request.username = val(ct.error)")).as("absent right side").isFalse();
    }

    @Test
    void numbersOnNumericFields() {
        assertThat(holds("evt.num > 0")).isTrue();
        assertThat(holds("s3.bytes = 150 and s3.bytes.in >= 100 and s3.bytes < 0x100")).isTrue();
        assertThat(holds("s3.bytes in (0x96)")).isTrue(); // a list of numbers compares numbers
        assertThat(holds("s3.bytes in (+150, 7)")).isTrue();
        assertThat(holds("s3.bytes in (151)")).isFalse();
        LoadProblem p = onlyError(TestRuleFiles.load(TestRuleFiles.ruleYaml("", "s3.bytes > many")));
        assertThat(p.message()).contains("'many' is not a number");
        assertThat(onlyError(TestRuleFiles.load(TestRuleFiles.ruleYaml("", "s3.bytes contains 1"))).message())
                .contains("not allowed on the numeric field");
    }

    @Test
    void listsAreSubstitutedAsTextIncludingListsInLists() {
        String lists = """
                - list: regions
                  items: [us-east-1, "eu west"]
                - list: more
                  items: [regions, ap-south-1]
                - list: empty
                  items: []
                """;
        assertThat(holds(lists, "ct.region in (more)")).isTrue();
        assertThat(holds(lists, "ct.region in (empty, regions)")).isTrue();
        assertThat(holds(lists, "ct.region in (empty)")).isFalse();
        assertThat(holds(lists, "ct.region in (ap-south-1, empty)")).isFalse();
        // Substitution is textual, wherever the name stands alone, as in Falco: this becomes
        // `ct.name = us-east-1, "eu west"`, which does not parse.
        assertThat(TestRuleFiles.load(TestRuleFiles.ruleYaml(lists, "ct.name = regions")).errors()).hasSize(1);
    }

    @Test
    void macrosExpandInsideMacrosAndKeepIndexing() {
        String macros = """
                - macro: is_run
                  condition: ct.name = RunInstances
                - macro: ok_run
                  condition: is_run and not ct.error exists
                """;
        var rule = TestRuleFiles.compile(macros, "ok_run and ct.region = us-east-1");
        assertThat(rule.condition().test(RUN)).isTrue();
        assertThat(Predicates.requiredEventNames(rule.condition())).isEqualTo(Set.of("runinstances"));
    }

    @Test
    void aMacroSeesOnlyEarlierMacros() {
        LoadResult r = TestRuleFiles.load(TestRuleFiles.ruleYaml("""
                - macro: first
                  condition: second
                - macro: second
                  condition: ct.name = X
                """, "first"));
        LoadProblem p = onlyError(r);
        assertThat(p.message()).contains("in macro 'first'", "undefined macro 'second'");
        assertThat(p.line()).isEqualTo(2);
        assertThat(p.column()).isEqualTo(14);
    }

    @Test
    void stringEscapes() {
        CloudTrailEvent e = Records.event("iam.amazonaws.com", "CreateUser", Records.ALICE,
                ",\"requestParameters\":{\"userName\":\"a\\\"b\\\\c\"}");
        assertThat(TestRuleFiles.compile("ct.request.username = \"a\\\"b\\\\c\"").condition().test(e)).isTrue();
        assertThat(TestRuleFiles.compile("ct.request.username = 'a\"b\\x5cc'").condition().test(e)).isTrue();
        assertThat(onlyError(TestRuleFiles.load(TestRuleFiles.ruleYaml("", "ct.name = 'a\\qb'"))).message())
                .contains("invalid escape");
    }

    @Test
    void unknownFieldNamesRuleFileLineAndColumn() {
        LoadResult r = TestRuleFiles.load(TestRuleFiles.ruleYaml("", "ct.name = X and ct.nosuch = 1"));
        LoadProblem p = onlyError(r);
        assertThat(p.code()).isEqualTo("LOAD_ERR_COMPILE_CONDITION");
        assertThat(p.rule()).isEqualTo("r");
        assertThat(p.file()).isEqualTo("test.yaml");
        assertThat(p.message()).contains("unknown field 'ct.nosuch'");
        assertThat(p.line()).isEqualTo(3);
        assertThat(p.column()).isEqualTo(31); // the field, inside `  condition: "..."`
    }

    @Test
    void syntaxErrorsGiveLineAndColumnInsideMultiLineConditions() {
        LoadResult r = TestRuleFiles.load("""
                - rule: broken
                  desc: d
                  condition:
                    ct.name = X
                    and ct.region startswith
                  output: o
                  priority: INFO
                  source: aws_cloudtrail
                """);
        LoadProblem p = onlyError(r);
        assertThat(p.rule()).isEqualTo("broken");
        assertThat(p.message()).contains("expecting a value");
        assertThat(p.line()).isEqualTo(5);
        assertThat(p.column()).isEqualTo(29);

        LoadProblem q = onlyError(TestRuleFiles.load(TestRuleFiles.ruleYaml("", "ct.name = X or")));
        assertThat(q.message()).contains("unexpected end of condition");
        LoadProblem u = onlyError(TestRuleFiles.load(TestRuleFiles.ruleYaml("", "ct.name = X ct.region = Y")));
        assertThat(u.message()).contains("expecting 'or', 'and'");
        assertThat(u.column()).isEqualTo(27);
        LoadProblem op = onlyError(TestRuleFiles.load(TestRuleFiles.ruleYaml("", "ct.name like X")));
        assertThat(op.message()).contains("unknown operator 'like'");
        assertThat(onlyError(TestRuleFiles.load(TestRuleFiles.ruleYaml("", "ct.name bcontains CAFE"))).message())
                .contains("binary buffers");
        assertThat(onlyError(TestRuleFiles.load(TestRuleFiles.ruleYaml("", "ct.name regex '('"))).message())
                .contains("invalid regex");
    }

    @Test
    void deepNestingIsAnErrorNotACrash() {
        String deep = "(".repeat(5000) + "ct.name = X" + ")".repeat(5000);
        assertThat(onlyError(TestRuleFiles.load(TestRuleFiles.ruleYaml("", deep))).message())
                .contains("nested deeper than");
    }
}
