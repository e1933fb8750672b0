package io.trailhound.core.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.TestEvents;
import io.trailhound.core.rules.ir.CompiledRule;
import io.trailhound.core.rules.ir.Predicate;
import io.trailhound.core.rules.ir.Wildcard;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Byte checks before Elastic's wildcards on {@code aws.cloudtrail.request_parameters}, whose value
 * renders the member as {@code {k=v, list=[a, b]}}: a text that spans the rendering's {@code =}, a
 * number Java writes otherwise ({@code 1e400} as {@code Infinity}) or an escaped quote still
 * matches exactly as without the checks, and parameters that cannot hold the text are not rendered.
 */
class RenderedMemberGatesTest {
    private static final String[] QUERIES = {
        "aws.cloudtrail.request_parameters: *userName=alice*",
        "aws.cloudtrail.request_parameters: *limit=Infinity*",
        "aws.cloudtrail.request_parameters: *a\\\"b*",
        "aws.cloudtrail.request_parameters: *limit=100.0*",
        "aws.cloudtrail.request_parameters: *tags=[x*",
        "aws.cloudtrail.request_parameters: *inner=\\{userName=al*",
        "aws.cloudtrail.request_parameters: *Effect=Allow*",
        "aws.cloudtrail.request_parameters: *enabled=false*",
        "aws.cloudtrail.request_parameters: *Effect=Allow* and (aws.cloudtrail.request_parameters: *AWS=*"
            + " or aws.cloudtrail.request_parameters: *aws\\:SourceAccount=*)",
    };

    private static List<CompiledRule> rules() {
        return KqlQueryRules.load("r", QUERIES);
    }

    private static final String[] USERS = {"\"alice\"", "\"alicex\"", "\"ali\\\"ce\"", "\"bob\"", "\"al\"", "7", "null", "\"\""};
    private static final String[] LIMITS = {"1e400", "-1e400", "100", "1e2", "100.0", "\"100.0\"", "\"Infinity\"", "true"};
    private static final String[] TAGS = {"[\"x\"]", "[\"y\",\"x\"]", "[]", "{\"x\":1}", "\"[x\"", "[\"-\",\"x\"]"};
    private static final String[] NAMES = {"\"a\\\"b\"", "\"a\\\"\\\"b\"", "\"ab\"", "\"a\\u0022b\"", "\"a\\\\\\\"b\""};

    /** Members that spell Effect=Allow in the rendering, or its two parts apart, in every shape the bytes allow. */
    private static final String[] POLICIES = {"{\"Effect\":\"Allow\"}", "{\"Effect\" : \"Allowed\"}", "{\"Effect\":\n\"Allow\"}",
        "[{\"Effect\":\"Deny\",\"Sid\":\"Allow\"}]", "{\"MyEffect\":\"Allow\"}", "{\"x=Effect\":\"Allow\"}",
        "\"Effect=Allow\"", "{\"Effect\":\"allow\"}", "{\"Effect \":\"Allow\"}", "{\"Effect\":{\"Allow\":1}}",
        "{\"Effect\":[\"Allow\"]}", "{\"Effect\":\"A\\\"llow\"}", "{\"Effect\":\"-\",\"e\":\"Allow\"}",
        "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn\"}}", "{\"Effect\":\"Allow\",\"AWS\":[\"a\",\"b\"]}",
        "{\"Effect\":\"Allow\",\"c\":{\"aws:SourceAccount\":\"1\"}}", "{\"Effect\":\"Allow\",\"a\":\"AWS\"}",
        "{\"Effect\":\"Allow\",\"a\":\"aws:SourceAccount\"}"};
    private static final String[] ENABLED = {"false", "true", "\"false\"", " false", "\"falsely\"", "null", "\"f\""};

    private static String record(Random r, int i) {
        List<String> members = new ArrayList<>();
        if (r.nextBoolean()) {
            members.add("\"policy\":" + POLICIES[r.nextInt(POLICIES.length)]);
        }
        if (r.nextBoolean()) {
            members.add("\"enabled\":" + ENABLED[r.nextInt(ENABLED.length)]);
        }
        if (r.nextInt(3) > 0) {
            members.add("\"userName\":" + USERS[r.nextInt(USERS.length)]);
        }
        if (r.nextBoolean()) {
            members.add("\"limit\":" + LIMITS[r.nextInt(LIMITS.length)]);
        }
        if (r.nextBoolean()) {
            members.add("\"tags\":" + TAGS[r.nextInt(TAGS.length)]);
        }
        if (r.nextBoolean()) {
            members.add("\"name\":" + NAMES[r.nextInt(NAMES.length)]);
        }
        if (r.nextInt(4) == 0) {
            members.add("\"inner\":{\"userName\":" + USERS[r.nextInt(USERS.length)] + "}");
        }
        String params = "{" + String.join(r.nextBoolean() ? "," : " , ", members) + "}";
        return "{\"eventTime\":\"2024-05-01T10:00:00Z\",\"eventID\":\"g" + i + "\",\"eventSource\":\"iam.amazonaws.com\","
                + "\"eventName\":\"PutUserPolicy\",\"eventType\":\"AwsApiCall\",\"userIdentity\":{\"type\":\"IAMUser\"},\"requestParameters\":"
                + (r.nextInt(20) == 0 ? "null" : params) + "}";
    }

    @Test
    void everyRuleMatchesAsItsQueryDoesOnRandomParameters() {
        List<CompiledRule> rules = rules();
        Random r = new Random(3305);
        GatedHits.assertSameAsPlainConditions(rules, i -> record(r, i), 4000);
    }

    @Test
    void parametersThatCannotHoldTheTextAreAnsweredFromTheirBytes() {
        CompiledRule alice = rules().get(0);
        Predicate gated = MemberGates.apply(alice.condition());
        List<Predicate.Exists> checks = new ArrayList<>();
        collectChecks(gated, checks);
        assertThat(checks).as(gated.toString()).hasSize(1);
        CloudTrailEvent bob = TestEvents.parse(event("{\"userName\":\"bob\",\"policyName\":\"p\"}"));
        CloudTrailEvent spelled = TestEvents.parse(event("{\"userName\":\"alice\"}"));
        CloudTrailEvent apart = TestEvents.parse(event("{\"x\":\"alice\",\"userName\":\"bob\"}"));
        CloudTrailEvent escaped = TestEvents.parse(event("{\"userName\":\"\\u0061lice\"}"));
        assertThat(checks.get(0).test(bob)).as("no alice in the bytes").isFalse();
        assertThat(checks.get(0).test(spelled)).isTrue();
        assertThat(checks.get(0).test(apart)).as("both texts are there, but not as key and value").isFalse();
        assertThat(checks.get(0).test(escaped)).as("a backslash-u can spell anything").isTrue();
        assertThat(alice.condition().test(spelled)).isTrue();
        assertThat(alice.condition().test(escaped)).isTrue();
        assertThat(alice.condition().test(apart)).isFalse();
        assertThat(alice.condition().test(bob)).isFalse();
    }

    @Test
    void partsSplitAtTheRenderingsSeparatorsAndSkipWhatNumbersRender() {
        assertThat(MemberGates.parts("userName=alice", "=")).containsExactly("userName", "alice");
        assertThat(MemberGates.parts("userName=alice")).containsExactly("userName=alice");
        assertThat(MemberGates.parts("limit=Infinity", "=")).containsExactly("limit");
        assertThat(MemberGates.parts("-Infinity,1.0E20", "")).isEmpty();
    }

    @Test
    void alternativesTheBytesAnswerComeBeforeTestsThatRenderTheMember() {
        CompiledRule rule = rules().get(QUERIES.length - 1);
        Predicate gated = MemberGates.apply(rule.condition());
        List<Predicate> children = ((Predicate.And) gated).children();
        int or = -1;
        int render = -1;
        for (int i = 0; i < children.size(); i++) {
            if (children.get(i) instanceof Predicate.Or) {
                or = i;
            } else if (children.get(i) instanceof Predicate.Match m && m.field().name().equals("aws.cloudtrail.request_parameters")) {
                render = i;
            }
        }
        assertThat(or).as(gated.toString()).isGreaterThanOrEqualTo(0).isLessThan(render);
        CloudTrailEvent allowOnly = TestEvents.parse(event("{\"Effect\":\"Allow\",\"a\":\"aws\"}"));
        CloudTrailEvent external = TestEvents.parse(event("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn\"}}"));
        assertThat(gated.test(allowOnly)).isFalse();
        assertThat(rule.condition().test(allowOnly)).isFalse();
        assertThat(gated.test(external)).isTrue();
        assertThat(rule.condition().test(external)).isTrue();
    }

    private static boolean pairIn(String part, String bytes) {
        MemberPair pair = MemberPair.of(part, MemberGates.NUMBER_CHARS);
        assertThat(pair).as(part).isNotNull();
        String l = "--" + bytes + "--";
        return pair.in(l, 2, l.length() - 2);
    }

    @Test
    void keyValuePairsAreLookedForWhole() {
        assertThat(pairIn("Effect=Allow", "{\"Effect\":\"Allow\"}")).isTrue();
        assertThat(pairIn("Effect=Allow", "{\"Effect\" :\t\"Allowed\"}")).isTrue();
        assertThat(pairIn("Effect=Allow", "{\"a\":\"x Effect=Allow y\"}")).as("inside one text").isTrue();
        assertThat(pairIn("enabled=false", "{\"enabled\":false}")).as("a boolean").isTrue();
        assertThat(pairIn("Effect=Allow", "{\"Effect\":\"Deny\",\"Sid\":\"Allow\"}")).as("both, apart").isFalse();
        assertThat(pairIn("Effect=Allow", "{\"Effect\":\"Deny\"},{\"Effect\":\"Allow\"}")).as("the second place").isTrue();
        assertThat(MemberPair.of("limit=100.0", MemberGates.NUMBER_CHARS)).as("a number renders otherwise").isNull();
        assertThat(MemberPair.of("a=b=c", MemberGates.NUMBER_CHARS)).isNull();
        assertThat(MemberPair.of("a\"=b", MemberGates.NUMBER_CHARS)).isNull();
        assertThat(MemberPair.of("=b", MemberGates.NUMBER_CHARS)).isNull();
    }

    @Test
    void caseSensitiveWildcardsRequireTheirLiteralRuns() {
        assertThat(Wildcard.parse("*user?ame=al*", false).requiredTexts()).containsExactly("user", "ame=al");
        assertThat(Wildcard.parse("exact", false).requiredTexts()).containsExactly("exact");
        assertThat(Wildcard.parse("a\\*b*", false).requiredTexts()).containsExactly("a*b");
        assertThat(Wildcard.parse("*x*", true).requiredTexts()).isEmpty();
        assertThat(Wildcard.parse("**", false).requiredTexts()).isEmpty();
    }

    private static String event(String params) {
        return "{\"eventTime\":\"2024-05-01T10:00:00Z\",\"eventID\":\"e\",\"eventSource\":\"iam.amazonaws.com\","
                + "\"eventName\":\"PutUserPolicy\",\"eventType\":\"AwsApiCall\",\"requestParameters\":" + params + "}";
    }

    private static void collectChecks(Predicate p, List<Predicate.Exists> out) {
        if (p instanceof Predicate.Exists x && x.field().name().startsWith("(bytes")) {
            out.add(x);
        } else if (p instanceof Predicate.And a) {
            a.children().forEach(c -> collectChecks(c, out));
        } else if (p instanceof Predicate.Or o) {
            o.children().forEach(c -> collectChecks(c, out));
        } else if (p instanceof Predicate.Not n) {
            collectChecks(n.child(), out);
        }
    }
}
