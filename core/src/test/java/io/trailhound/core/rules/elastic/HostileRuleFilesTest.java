package io.trailhound.core.rules.elastic;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.Hostile;
import io.trailhound.core.rules.LoadProblem;
import io.trailhound.core.rules.LoadResult;
import io.trailhound.core.rules.RuleFile;
import io.trailhound.core.rules.TestEvents;
import io.trailhound.core.rules.load.RuleLimits;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Small hostile Elastic rule files (issue 32, items 11 and 14): KQL and EQL nested or repeated
 * far past anything real, and values of the wrong type, fail with an error at a position, fast,
 * without a stack overflow.
 */
class HostileRuleFilesTest {
    private static final CloudTrailEvent CREATE_USER = TestEvents.parse("""
            {"eventVersion":"1.08","eventTime":"2024-05-01T10:00:00Z","eventID":"e1","eventSource":"iam.amazonaws.com",
             "eventName":"CreateUser","awsRegion":"us-east-1","eventType":"AwsApiCall"}""");
    private static final String HEAD = """
            [metadata]
            creation_date = "2024/01/01"

            [rule]
            name = "Hostile"
            rule_id = "00000000-0000-0000-0000-000000000032"
            risk_score = 21
            severity = "low"
            """;

    private static LoadResult load(String toml) {
        return Hostile.run(() -> new ElasticFrontEnd().load(List.of(new RuleFile("rules/hostile.toml", toml))));
    }

    private static String kql(String query) {
        return HEAD + "type = \"query\"\nlanguage = \"kuery\"\nquery = '''\n" + query + "\n'''\n";
    }

    private static String eql(String query) {
        return HEAD + "type = \"eql\"\nlanguage = \"eql\"\nquery = '''\n" + query + "\n'''\n";
    }

    private static LoadProblem onlyError(LoadResult r) {
        assertThat(r.errors()).hasSize(1);
        return r.errors().get(0);
    }

    @Test
    void kqlWithTenThousandNestedGroupsFailsAtTheQuerysLine() {
        LoadProblem p = onlyError(load(kql("(".repeat(10_000) + "event.action: CreateUser" + ")".repeat(10_000))));
        assertThat(p.code()).isEqualTo("ELASTIC_KQL_SYNTAX");
        assertThat(p.message()).contains("nested deeper than " + RuleLimits.MAX_NESTING);
        assertThat(p.line()).isEqualTo(12);
        LoadProblem values = onlyError(load(kql("event.action: " + "(".repeat(10_000) + "CreateUser"
                + ")".repeat(10_000))));
        assertThat(values.message()).contains("nested deeper than");
    }

    @Test
    void eqlWithAHundredThousandNestedParenthesesFails() {
        LoadProblem p = onlyError(load(eql("any where " + "(".repeat(100_000) + "event.action == \"CreateUser\""
                + ")".repeat(100_000))));
        assertThat(p.code()).isEqualTo("ELASTIC_EQL_SYNTAX");
        assertThat(p.message()).contains("nested deeper than " + RuleLimits.MAX_NESTING);
        LoadProblem call = onlyError(load(eql("any where " + "length(".repeat(100_000) + "event.action"
                + ")".repeat(100_000) + " > 1")));
        assertThat(call.message()).contains("nested deeper than");
    }

    @Test
    void notChainsOfAnyLengthAreReadByTheirParity() {
        LoadResult k = load(kql("not ".repeat(100_000) + "event.action: CreateUser"));
        LoadResult e = load(eql("any where " + "not ".repeat(100_001) + "event.action == \"CreateUser\""));
        assertThat(k.errors()).isEmpty();
        assertThat(e.errors()).isEmpty();
        assertThat(Hostile.run(() -> Hostile.matches(k, CREATE_USER))).containsExactly("Hostile");
        assertThat(Hostile.run(() -> Hostile.matches(e, CREATE_USER))).isEmpty();
    }

    @Test
    void kqlFreeTextRepeatedHalfAMillionTimesFailsInsteadOfFillingTheMemory() {
        LoadProblem p = onlyError(load(kql("a" + " or a".repeat(500_000))));
        assertThat(p.code()).isEqualTo("ELASTIC_KQL_SYNTAX");
        assertThat(p.message()).contains("expands to more than " + RuleLimits.MAX_TERMS + " tests");
        assertThat(p.line()).isEqualTo(12);
    }

    @Test
    void aLongOrChainLoadsAndEvaluatesAsOneFlatTest() {
        LoadResult r = load(kql("event.action: X0" + " or event.action: X".repeat(50_000) + " or event.action: CreateUser"));
        assertThat(r.errors()).isEmpty();
        assertThat(Hostile.run(() -> Hostile.matches(r, CREATE_USER))).containsExactly("Hostile");
    }

    @Test
    void valuesOfTheWrongTypeFailAtTheirKey() {
        String rest = "type = \"query\"\nlanguage = \"kuery\"\n";
        LoadProblem q = onlyError(load(HEAD + rest + "query = 5\n"));
        assertThat(q.code()).isEqualTo("ELASTIC_BAD_VALUE");
        assertThat(q.message()).isEqualTo("rule.query must be a string, not a number");
        assertThat(q.line()).isEqualTo(11);
        assertThat(q.column()).isEqualTo(9);
        assertThat(onlyError(load(HEAD + "type = \"query\"\nlanguage = true\nquery = \"x: y\"\n")).message())
                .isEqualTo("rule.language must be a string, not a boolean");
        assertThat(onlyError(load(HEAD.replace("name = \"Hostile\"", "name = [\"a\"]") + rest + "query = \"x: y\"\n"))
                .message()).isEqualTo("rule.name must be a string, not an array");
        assertThat(onlyError(load(HEAD + "type = {q = 1}\nquery = \"x: y\"\n")).message())
                .isEqualTo("rule.type must be a string, not a table");
        LoadProblem tags = onlyError(load(HEAD + rest + "tags = [\"a\", 1]\nquery = \"x: y\"\n"));
        assertThat(tags.message()).isEqualTo("rule.tags must be an array of strings, not an array holding a number");
        assertThat(tags.line()).isEqualTo(11);
        assertThat(onlyError(load(HEAD.replace("risk_score = 21", "risk_score = \"high\"") + rest
                + "query = \"x: y\"\n")).message()).isEqualTo("rule.risk_score must be a whole number, not a string");
    }

    @Test
    void tomlNestedPastJacksonsLimitFailsTheFile() {
        LoadProblem p = onlyError(load(kql("x: y") + "extra = " + "[".repeat(100_000) + "]".repeat(100_000) + "\n"));
        assertThat(p.code()).isEqualTo("ELASTIC_TOML");
        assertThat(p.message()).contains("nesting depth");
    }
}
