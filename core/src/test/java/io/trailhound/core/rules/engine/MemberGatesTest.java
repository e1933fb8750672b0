package io.trailhound.core.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.LoadResult;
import io.trailhound.core.rules.RuleFile;
import io.trailhound.core.rules.TestEvents;
import io.trailhound.core.rules.falco.FalcoFrontEnd;
import io.trailhound.core.rules.ir.CompiledRule;
import io.trailhound.core.rules.ir.Predicate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Checks of a member's bytes before tests that need a text from it: they answer "no" only where
 * the test does, so every rule matches exactly what it matched without them, and a policy that
 * cannot hold the text is not parsed.
 */
class MemberGatesTest {
    /** Tests that read members and need texts: regular expressions, contains with quotes, colons and numbers. */
    private static final String RULES = """
            - rule: Full admin
              desc: d
              condition: >
                ct.name="PutRolePolicy"
                and json.value[/requestParameters/policyDocument] regex '(.|\\n)*"Effect"[[:space:]]*:[[:space:]]*"Allow"(.|\\n)*'
                and json.value[/requestParameters/policyDocument] regex '(.|\\n)*"Action"[[:space:]]*:[[:space:]]*([[][^]]*)?"[*](:[*])?"(.|\\n)*'
              output: admin
              priority: critical
              source: aws_cloudtrail
            - rule: Compact request
              desc: d
              condition: ct.name="PutRolePolicy" and ct.request contains '"limit":100'
              output: compact
              priority: warning
              source: aws_cloudtrail
            - rule: Quote inside
              desc: d
              condition: ct.name="PutRolePolicy" and (iam.policy contains 'a"b' or not iam.role contains 'x"*')
              output: quote
              priority: warning
              source: aws_cloudtrail
            - rule: Whole object
              desc: d
              condition: ct.name="PutRolePolicy" and json.value[/requestParameters/tags] contains '"k":"v w"'
              output: object
              priority: warning
              source: aws_cloudtrail
            - rule: Number
              desc: d
              condition: ct.name="PutRolePolicy" and json.value[/requestParameters/limit] contains '100.0'
              output: number
              priority: warning
              source: aws_cloudtrail
            """;

    private static List<CompiledRule> rules() {
        LoadResult r = new FalcoFrontEnd().load(List.of(new RuleFile("gates.yaml", RULES)));
        assertThat(r.errors()).isEmpty();
        assertThat(r.rules()).hasSize(5);
        return r.rules();
    }

    private static final String[] POLICY_PARTS = {"\\\"Effect\\\":\\\"Allow\\\"", "\\\"Effect\\\" : \\\"Deny\\\"",
        "\\\"Action\\\":\\\"*\\\"", "\\\"Action\\\":[\\\"s3:Get*\\\"]", "\\\"Action\\\": \\\"*:*\\\"", "\\\"Resource\\\":\\\"*\\\"",
        "\\\"Action\\\":\\\"\\u002a\\\"", "\\\"Sid\\\":\\\"a\\\\\\\"*\\\""};
    private static final String[] NAMES = {"\"a\\\"b\"", "\"a\\\"*b\"", "\"x\\\"*\"", "\"x*\"", "\"plain\"", "7", "null"};
    private static final String[] LIMITS = {"100", "100.0", "1e2", "1.00e2", "\"100.0\"", "[100.0]", "true"};
    private static final String[] TAGS = {"{\"k\":\"v w\"}", "{\"k\" : \"v w\"}", "[{\"k\":\"v w\"}]", "{\"k\":\"v\"}",
        "\"\\\"k\\\":\\\"v w\\\"\"", "{\"k\":\"v\\u0020w\"}"};

    private static String record(Random r, int i) {
        StringBuilder doc = new StringBuilder("{");
        int n = r.nextInt(4);
        for (int k = 0; k < n; k++) {
            doc.append(k == 0 ? "" : ",").append(POLICY_PARTS[r.nextInt(POLICY_PARTS.length)]);
        }
        doc.append('}');
        StringBuilder params = new StringBuilder("{");
        List<String> members = new ArrayList<>();
        if (r.nextInt(5) > 0) {
            members.add("\"policyDocument\":\"" + doc + "\"");
        }
        if (r.nextBoolean()) {
            members.add("\"policyName\":" + NAMES[r.nextInt(NAMES.length)]);
        }
        if (r.nextBoolean()) {
            members.add("\"roleName\":" + NAMES[r.nextInt(NAMES.length)]);
        }
        if (r.nextBoolean()) {
            members.add("\"limit\":" + LIMITS[r.nextInt(LIMITS.length)]);
        }
        if (r.nextBoolean()) {
            members.add("\"tags\":" + TAGS[r.nextInt(TAGS.length)]);
        }
        params.append(String.join(r.nextBoolean() ? "," : " , ", members)).append('}');
        return "{\"eventTime\":\"2024-05-01T10:00:00Z\",\"eventID\":\"g" + i + "\",\"eventSource\":\"iam.amazonaws.com\","
                + "\"eventName\":\"PutRolePolicy\",\"eventType\":\"AwsApiCall\",\"userIdentity\":{\"type\":\"IAMUser\"},\"requestParameters\":"
                + (r.nextInt(20) == 0 ? "null" : params) + "}";
    }

    @Test
    void everyRuleMatchesAsItsConditionDoesOnRandomMembers() {
        List<CompiledRule> rules = rules();
        Random r = new Random(3304);
        GatedHits.assertSameAsPlainConditions(rules, i -> record(r, i), 3000);
    }

    @Test
    void aPolicyThatCannotHoldTheTextIsAnsweredFromItsBytes() {
        CompiledRule admin = rules().get(0);
        Predicate gated = MemberGates.apply(admin.condition());
        assertThat(gated).isInstanceOf(Predicate.And.class);
        List<Predicate.Exists> checks = ((Predicate.And) gated).children().stream()
                .filter(c -> c instanceof Predicate.Exists x && x.field().name().startsWith("(bytes"))
                .map(c -> (Predicate.Exists) c).toList();
        assertThat(checks).hasSize(2);
        Predicate.Exists first = checks.get(1); // the second pattern's: it needs "*
        CloudTrailEvent noStar = TestEvents.parse("""
                {"eventTime":"2024-05-01T10:00:00Z","eventID":"n","eventSource":"iam.amazonaws.com","eventName":"PutRolePolicy","eventType":"AwsApiCall",
                 "requestParameters":{"policyDocument":"{\\"Effect\\":\\"Allow\\",\\"Action\\":[\\"s3:*\\"],\\"Resource\\":\\"arn:aws:s3:::b/*\\"}"}}""");
        CloudTrailEvent star = TestEvents.parse("""
                {"eventTime":"2024-05-01T10:00:00Z","eventID":"s","eventSource":"iam.amazonaws.com","eventName":"PutRolePolicy","eventType":"AwsApiCall",
                 "requestParameters":{"policyDocument":"{\\"Effect\\":\\"Allow\\",\\"Action\\":\\"*\\",\\"Resource\\":\\"*\\"}"}}""");
        CloudTrailEvent escaped = TestEvents.parse("""
                {"eventTime":"2024-05-01T10:00:00Z","eventID":"u","eventSource":"iam.amazonaws.com","eventName":"PutRolePolicy","eventType":"AwsApiCall",
                 "requestParameters":{"policyDocument":"{\\"Effect\\":\\"Allow\\",\\"Action\\":\\"\\u002a\\",\\"Resource\\":\\"*\\"}"}}""");
        assertThat(first.test(noStar)).as("no \"* in the bytes").isFalse();
        assertThat(first.test(star)).isTrue();
        assertThat(first.test(escaped)).as("a backslash-u can spell anything").isTrue();
        assertThat(admin.condition().test(star)).isTrue();
        assertThat(admin.condition().test(escaped)).isTrue();
        assertThat(admin.condition().test(noStar)).isFalse();
    }

    private static boolean spelled(String part, String bytes) {
        String l = "--" + bytes + "--";
        return new MemberGates.Part(part).in(l, 2, l.length() - 2);
    }

    @Test
    void partsAreTheRunsTheBytesSpellAlike() {
        assertThat(MemberGates.parts("\"Action\":\"*")).containsExactly("\"Action\"", "\"*");
        assertThat(MemberGates.parts("a/b{c} d,100.0:1e5")).containsExactly("a", "b", "c", "d");
        assertThat(spelled("\"k\"", "x\\\"k\\\"y")).as("escaped quotes").isTrue();
        assertThat(spelled("\"k\"", "{\"k\":1}")).isTrue();
        assertThat(spelled("\"k\"", "{\"kk\":1,\"k\\\":2}")).as("the second place").isTrue();
        assertThat(spelled("\"k\"", "{k}")).isFalse();
        assertThat(spelled("a\"b\"c", "a\\\"b\"c")).isTrue();
        assertThat(spelled("a\"bc", "a\\\"bc")).as("an escaped quote before the longest run").isTrue();
        assertThat(spelled("a\"bc", "a\"bc")).isTrue();
        assertThat(spelled("a\"bc", "ab\"bc")).isFalse();
        assertThat(spelled("\"*", "\"s3:*\",\"/*\\\"")).isFalse();
        assertThat(spelled("\"*", "[\\\"*\\\"]")).isTrue();
    }
}
