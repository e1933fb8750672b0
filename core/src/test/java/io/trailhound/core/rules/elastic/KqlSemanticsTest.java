package io.trailhound.core.rules.elastic;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.TestEvents;
import io.trailhound.core.rules.ir.Predicate;
import io.trailhound.core.rules.ir.Predicates;
import org.junit.jupiter.api.Test;

/** KQL over the ECS view with Kibana's keyword semantics. */
class KqlSemanticsTest {
    private static final CloudTrailEvent EVENT = TestEvents.parse("""
            {"eventVersion":"1.08","eventTime":"2024-05-01T10:00:00Z","eventID":"e1",
             "eventSource":"ec2.amazonaws.com","eventName":"AuthorizeSecurityGroupIngress","awsRegion":"us-east-1",
             "sourceIPAddress":"203.0.113.9","userAgent":"aws-cli/2.15.0 Terraform/1.6",
             "userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::111122223333:user/alice","userName":"alice",
               "principalId":"AIDAEXAMPLE","accountId":"111122223333","accessKeyId":"AKIAEXAMPLE"},
             "requestParameters":{"groupId":"sg-1","ipPermissions":{"items":[
               {"ipProtocol":"tcp","fromPort":22,"toPort":22,"ipRanges":{"items":[{"cidrIp":"0.0.0.0/0"}]}},
               {"ipProtocol":"tcp","fromPort":3389,"toPort":3389,"ipRanges":{"items":[{"cidrIp":"10.0.0.0/8"}]}}]}},
             "recipientAccountId":"111122223333"}
            """);

    private static boolean matches(String kql) {
        return matches(kql, EVENT);
    }

    private static boolean matches(String kql, CloudTrailEvent e) {
        return compile(kql).test(e);
    }

    private static Predicate compile(String kql) {
        return new KqlCompiler(new FieldResolver()).compile(KqlParser.parse(kql));
    }

    @Test
    void exactMatchIsCaseSensitiveOnKeywordFields() {
        assertThat(matches("event.action: \"AuthorizeSecurityGroupIngress\"")).isTrue();
        assertThat(matches("event.action: authorizesecuritygroupingress")).isFalse();
        assertThat(matches("event.outcome: success and event.dataset: aws.cloudtrail")).isTrue();
    }

    @Test
    void ipFieldsCompareAddressesAndTakeCidrNotation() {
        assertThat(matches("source.ip: 203.0.113.0/24")).isTrue();
        assertThat(matches("source.ip: \"203.0.113.9\"")).isTrue();
        assertThat(matches("source.ip: 198.51.100.0/24")).isFalse();
        assertThat(matches("source.ip: (198.51.100.0/24 or 203.0.113.0/24)")).isTrue();
        CloudTrailEvent v6 = TestEvents.parse("""
                {"eventTime":"2024-05-01T10:00:00Z","eventID":"e2","eventSource":"s3.amazonaws.com",
                 "eventName":"GetObject","sourceIPAddress":"2001:db8::1","userIdentity":{"type":"IAMUser"}}
                """);
        assertThat(matches("source.ip: \"2001:0db8:0:0:0:0:0:1\"", v6)).isTrue();
        assertThat(matches("source.ip: 2001\\:db8\\:\\:/32", v6)).isTrue();
    }

    @Test
    void wildcardsMatchTheWholeValueCaseSensitively() {
        assertThat(matches("event.action: Authorize*")).isTrue();
        assertThat(matches("event.action: *Security*")).isTrue();
        assertThat(matches("event.action: Security*")).isFalse();
        assertThat(matches("user_agent.original: *terraform*")).isFalse();
        assertThat(matches("user_agent.original: (*Terraform* or *terraform*)")).isTrue();
        // ? is not a KQL wildcard: literal text.
        assertThat(matches("event.action: AuthorizeSecurityGroupIngres?")).isFalse();
        // Inside quotes * is literal.
        assertThat(matches("event.action: \"Authorize*\"")).isFalse();
    }

    @Test
    void multiValuedFieldsMatchWhenAnyValueDoes() {
        String f = "aws.cloudtrail.flattened.request_parameters.ipPermissions.items.ipRanges.items.cidrIp";
        assertThat(matches(f + ": (\"0.0.0.0/0\" or \"::/0\")")).isTrue();
        assertThat(matches(f + ": \"192.168.0.0/16\"")).isFalse();
        assertThat(matches("not " + f + ": \"10.0.0.0/8\"")).isFalse();
    }

    @Test
    void numbersMatchTheKeywordStringsThatSpellThem() {
        String f = "aws.cloudtrail.flattened.request_parameters.ipPermissions.items.fromPort";
        assertThat(matches(f + ": (21 or 22)")).isTrue();
        assertThat(matches(f + ": 3389")).isTrue();
        assertThat(matches(f + ": 23")).isFalse();
        assertThat(matches(f + " >= 3000")).isTrue();
        assertThat(matches(f + " < 22")).isFalse();
    }

    @Test
    void notIsTrueOnMissingFieldsAndExistsTestsPresence() {
        assertThat(matches("aws.cloudtrail.error_code: AccessDenied")).isFalse();
        assertThat(matches("not aws.cloudtrail.error_code: AccessDenied")).isTrue();
        assertThat(matches("aws.cloudtrail.error_code: *")).isFalse();
        assertThat(matches("not aws.cloudtrail.user_identity.invoked_by: *")).isTrue();
        assertThat(matches("source.ip: *")).isTrue();
        assertThat(matches("no.such.field: x or event.provider: \"ec2.amazonaws.com\"")).isTrue();
    }

    @Test
    void booleanValueListsInsideAField() {
        assertThat(matches("aws.cloudtrail.user_identity.arn:(* and not *AWSServiceRoleForConfig*)")).isTrue();
        assertThat(matches("aws.cloudtrail.user_identity.arn:(* and not *alice)")).isFalse();
        assertThat(matches("user.name:(bob or (al* and not *x*))")).isTrue();
    }

    @Test
    void precedenceAndParenthesesChangeTheResult() {
        // and binds tighter: true or (false and false) is true; (true or false) and false is false.
        assertThat(matches("user.name:alice or user.name:bob and user.name:carol")).isTrue();
        assertThat(matches("(user.name:alice or user.name:bob) and user.name:carol")).isFalse();
        assertThat(matches("not user.name:bob and user.name:alice")).isTrue();
        assertThat(matches("not (user.name:bob or user.name:alice)")).isFalse();
    }

    @Test
    void escapedSpecialCharactersMatchLiterally() {
        CloudTrailEvent ec2 = TestEvents.parse("""
                {"eventTime":"2024-05-01T10:00:00Z","eventID":"e2","eventSource":"iam.amazonaws.com",
                 "eventName":"CreateUser","userIdentity":{"type":"AssumedRole","principalId":"AROAX:i-0abc1234",
                 "arn":"arn:aws:sts::111122223333:assumed-role/ec2role/i-0abc1234","accountId":"111122223333"}}
                """);
        assertThat(matches("user.id: *\\:i-*", ec2)).isTrue();
        assertThat(matches("user.id: *\\:j-*", ec2)).isFalse();
    }

    @Test
    void requestParametersOverIgnoreAboveAreNotSearchable() {
        String small = event("\"policyDocument\":\"" + "a".repeat(100) + "logging enabled=false\"");
        String big = event("\"policyDocument\":\"" + "a".repeat(9000) + "logging enabled=false\"");
        String q = "aws.cloudtrail.request_parameters: *logging*enabled=false*";
        assertThat(matches(q, TestEvents.parse(small))).isTrue();
        assertThat(matches(q, TestEvents.parse(big))).isFalse();
        assertThat(matches("aws.cloudtrail.request_parameters: *", TestEvents.parse(big))).isFalse();
        // The flattened copy has no such limit below 32,766 characters.
        assertThat(matches("aws.cloudtrail.flattened.request_parameters.policyDocument: *logging*",
                TestEvents.parse(big))).isTrue();
    }

    private static String event(String requestParameters) {
        return "{\"eventTime\":\"2024-05-01T10:00:00Z\",\"eventID\":\"e3\",\"eventSource\":\"s3.amazonaws.com\","
                + "\"eventName\":\"PutBucketPolicy\",\"requestParameters\":{" + requestParameters + "}}";
    }

    @Test
    void wildcardFieldNamesAndNestedQueries() {
        assertThat(matches("event.pro*: \"ec2.amazonaws.com\"")).isTrue();
        assertThat(matches("aws.cloudtrail.user_identity:{ type: IAMUser and access_key_id: AKIA* }")).isTrue();
        assertThat(matches("aws.cloudtrail.user_identity:{ type: Root }")).isFalse();
    }

    @Test
    void freeTextSearchesEveryField() {
        assertThat(matches("alice")).isTrue();
        assertThat(matches("mallory")).isFalse();
    }

    @Test
    void eventActionEqualityIndexesTheRuleByEventName() {
        assertThat(Predicates.requiredEventNames(compile(
                "event.provider:iam.amazonaws.com and event.action:(\"CreateUser\" or \"DeleteUser\")")))
                .containsExactlyInAnyOrder("createuser", "deleteuser");
        assertThat(Predicates.requiredEventNames(compile("event.action: Create*"))).isNull();
    }
}
