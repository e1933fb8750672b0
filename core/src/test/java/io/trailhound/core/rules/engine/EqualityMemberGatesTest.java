package io.trailhound.core.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.rules.LoadResult;
import io.trailhound.core.rules.RuleFile;
import io.trailhound.core.rules.falco.FalcoFrontEnd;
import io.trailhound.core.rules.ir.CompiledRule;
import io.trailhound.core.rules.ir.Matchers;
import io.trailhound.core.rules.ir.Predicate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Byte checks before case-sensitive equalities (KQL terms, Falco {@code =}, {@code startswith})
 * on fields read from one member, Elastic's flattened {@code request_parameters.*} keys included:
 * each rule still matches exactly what its plain condition matches, over values spelled with
 * escapes, as numbers and booleans, nested, in arrays of objects, or absent.
 */
class EqualityMemberGatesTest {
    private static final String[] KQL = {
        "aws.cloudtrail.flattened.request_parameters.reason: \"requestParameters too large\""
            + " and aws.cloudtrail.flattened.request_parameters.omitted: true",
        "aws.cloudtrail.flattened.request_parameters.userName: alice",
        "aws.cloudtrail.flattened.request_parameters.items.userName: alice",
        "event.action: PutUserPolicy and not aws.cloudtrail.flattened.request_parameters.userName: alice",
        "aws.cloudtrail.flattened.request_parameters.limit: 100",
        "aws.cloudtrail.flattened.response_elements.name: \"a b\"",
    };

    private static final String FALCO = """
            - rule: Equal name
              desc: d
              condition: ct.name="PutUserPolicy" and ct.request.username = "alice"
              output: equal
              priority: warning
              source: aws_cloudtrail
            - rule: Name prefix
              desc: d
              condition: ct.name="PutUserPolicy" and ct.request.username startswith "ali"
              output: prefix
              priority: warning
              source: aws_cloudtrail
            - rule: Not this name
              desc: d
              condition: ct.name="PutUserPolicy" and not ct.request.username = "alice"
              output: other
              priority: warning
              source: aws_cloudtrail
            """;

    private static List<CompiledRule> rules() {
        List<CompiledRule> elastic = KqlQueryRules.load("e", KQL);
        LoadResult falco = new FalcoFrontEnd().load(List.of(new RuleFile("eq.yaml", FALCO)));
        assertThat(falco.errors()).isEmpty();
        List<CompiledRule> all = new ArrayList<>(elastic);
        all.addAll(falco.rules());
        assertThat(all).hasSize(KQL.length + 3);
        return all;
    }

    private static final String[] USERS = {"\"alice\"", "\"alicex\"", "\"xalice\"", "\"\\u0061lice\"", "\"ali\\\"ce\"",
        "\"ALICE\"", "7", "null", "\"\"", "true", "[\"alice\",\"bob\"]", "{\"userName\":\"alice\"}"};
    private static final String[] REASONS = {"\"requestParameters too large\"", "\"requestParameters too\\u0020large\"",
        "\"requestParameters too large!\"", "\"other\"", "null"};
    private static final String[] OMITTED = {"true", "\"true\"", "false", "\"yes\"", "1"};
    private static final String[] LIMITS = {"100", "1e2", "100.0", "\"100\"", "[100]", "\"1\""};
    private static final String[] NAMES = {"\"a b\"", "\"a\\u0020b\"", "\"a\\tb\"", "\"ab\"", "[\"x\",\"a b\"]"};

    private static String record(Random r, int i) {
        List<String> members = new ArrayList<>();
        if (r.nextInt(3) > 0) {
            members.add("\"userName\":" + USERS[r.nextInt(USERS.length)]);
        }
        if (r.nextBoolean()) {
            members.add("\"reason\":" + REASONS[r.nextInt(REASONS.length)]);
            members.add("\"omitted\":" + OMITTED[r.nextInt(OMITTED.length)]);
        }
        if (r.nextBoolean()) {
            members.add("\"limit\":" + LIMITS[r.nextInt(LIMITS.length)]);
        }
        if (r.nextInt(3) == 0) {
            members.add("\"items\":[{\"userName\":" + USERS[r.nextInt(USERS.length)] + "},{\"userName\":\"bob\"}]");
        }
        String params = "{" + String.join(",", members) + "}";
        String response = r.nextBoolean() ? "null" : "{\"name\":" + NAMES[r.nextInt(NAMES.length)] + "}";
        return "{\"eventTime\":\"2024-05-01T10:00:00Z\",\"eventID\":\"q" + i + "\",\"eventSource\":\"iam.amazonaws.com\","
                + "\"eventName\":\"PutUserPolicy\",\"eventType\":\"AwsApiCall\",\"userIdentity\":{\"type\":\"IAMUser\"},"
                + "\"requestParameters\":" + (r.nextInt(20) == 0 ? "null" : params) + ",\"responseElements\":" + response + "}";
    }

    @Test
    void everyRuleMatchesAsItsConditionDoesOnRandomParameters() {
        List<CompiledRule> rules = rules();
        Random r = new Random(3307);
        GatedHits.assertSameAsPlainConditions(rules, i -> record(r, i), 4000);
    }

    @Test
    void equalitiesOnMemberFieldsGetAByteCheck() {
        List<CompiledRule> rules = rules();
        for (int i : new int[] {0, 1, 2, 3, 5, KQL.length, KQL.length + 1, KQL.length + 2}) {
            Predicate gated = MemberGates.apply(rules.get(i).condition());
            assertThat(gated.toString()).as(rules.get(i).info().name()).contains("(bytes of ");
        }
        // A number may be written otherwise in the bytes (1e2): no check.
        assertThat(MemberGates.apply(rules.get(4).condition()).toString()).doesNotContain("(bytes of ");
    }

    @Test
    void onlyCaseSensitiveEqualitiesAndAffixesRequireTheirText() {
        assertThat(Matchers.equalTo("alice", false).requiredTexts()).containsExactly("alice");
        assertThat(Matchers.equalTo("alice", true).requiredTexts()).isEmpty();
        assertThat(Matchers.equalTo("", false).requiredTexts()).isEmpty();
        assertThat(Matchers.in(List.of("a", "b"), false).requiredTexts()).isEmpty();
        assertThat(Matchers.startsWith("arn:", false).requiredTexts()).containsExactly("arn:");
        assertThat(Matchers.endsWith(".json", false).requiredTexts()).containsExactly(".json");
        assertThat(Matchers.startsWith("arn:", true).requiredTexts()).isEmpty();
        assertThat(Matchers.not(Matchers.equalTo("alice", false)).requiredTexts()).isEmpty();
    }
}
