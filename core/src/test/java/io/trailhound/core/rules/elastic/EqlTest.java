package io.trailhound.core.rules.elastic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.TestEvents;
import io.trailhound.core.rules.ir.Predicate;
import io.trailhound.core.rules.ir.Predicates;
import io.trailhound.core.rules.load.RuleSyntaxException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** EQL parsing and its Elasticsearch semantics over the ECS view. */
class EqlTest {
    private static final CloudTrailEvent ATTACH = TestEvents.parse("""
            {"eventVersion":"1.08","eventTime":"2024-05-01T10:00:00Z","eventID":"e1",
             "eventSource":"iam.amazonaws.com","eventName":"AttachUserPolicy","awsRegion":"us-east-1",
             "sourceIPAddress":"203.0.113.9","userAgent":"Boto3/1.34 Python/3.12 Linux/6.1 kali-amd64",
             "userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::111122223333:user/alice","userName":"alice",
               "principalId":"AIDAEXAMPLE","accountId":"111122223333","accessKeyId":"ASIAEXAMPLE"},
             "requestParameters":{"userName":"bob","policyArn":"arn:aws:iam::aws:policy/AdministratorAccess"},
             "recipientAccountId":"111122223333"}
            """);

    private static boolean matches(String eql) {
        return matches(eql, null, ATTACH);
    }

    private static boolean matches(String eql, String categoryOverride, CloudTrailEvent e) {
        EqlQuery q = EqlParser.parse(eql);
        return new EqlCompiler(new FieldResolver(), categoryOverride).compile(q.steps().get(0)).test(e);
    }

    @Test
    void categoriesTestEventCategoryOrTheOverrideField() {
        assertThat(matches("iam where event.action == \"AttachUserPolicy\"")).isTrue();
        assertThat(matches("file where event.action == \"AttachUserPolicy\"")).isFalse();
        assertThat(matches("any where true")).isTrue();
        // event.type of AttachUserPolicy is [user, change]: info where with the override does not match it.
        assertThat(matches("info where true", "event.type", ATTACH)).isFalse();
        assertThat(matches("change where true", "event.type", ATTACH)).isTrue();
    }

    @Test
    void equalityAndInAreCaseSensitiveTheirTildeFormsAndColonAreNot() {
        assertThat(matches("any where event.action == \"attachuserpolicy\"")).isFalse();
        assertThat(matches("any where event.action : \"attachuserpolicy\"")).isTrue();
        assertThat(matches("any where event.action in (\"attachuserpolicy\", \"X\")")).isFalse();
        assertThat(matches("any where event.action in~ (\"attachuserpolicy\", \"X\")")).isTrue();
        assertThat(matches("any where event.action not in (\"X\", \"Y\")")).isTrue();
        assertThat(matches("any where event.action : (\"attach*\", \"Create*\")")).isTrue();
        assertThat(matches("any where aws.cloudtrail.user_identity.access_key_id like \"asia*\"")).isFalse();
        assertThat(matches("any where aws.cloudtrail.user_identity.access_key_id like~ \"asia*\"")).isTrue();
    }

    @Test
    void stringFunctionsAndTheirInsensitiveForms() {
        assertThat(matches("any where stringContains(user_agent.original, \"kali-amd64\")")).isTrue();
        assertThat(matches("any where stringContains(user_agent.original, \"KALI\")")).isFalse();
        assertThat(matches("any where stringContains~(user_agent.original, \"KALI\")")).isTrue();
        assertThat(matches("any where startsWith(aws.cloudtrail.user_identity.access_key_id, \"ASIA\")")).isTrue();
        assertThat(matches("any where startsWith (event.action, \"Detach\")")).isFalse();
        assertThat(matches("any where endsWith(event.action, \"Policy\")")).isTrue();
        assertThat(matches("any where stringContains(aws.cloudtrail.request_parameters, "
                + "\"policyArn=arn:aws:iam::aws:policy/AdministratorAccess\")")).isTrue();
        // Field against field: the request names the caller's own account?
        assertThat(matches("any where stringContains(aws.cloudtrail.user_identity.arn, cloud.account.id)")).isTrue();
        assertThat(matches("any where cidrMatch(source.ip, \"203.0.113.0/24\")")).isTrue();
    }

    @Test
    void stringContainsTakesWildcardsAndBackslashEscapes() {
        CloudTrailEvent policy = TestEvents.parse("""
                {"eventTime":"2024-05-01T10:00:00Z","eventID":"e2","eventSource":"lambda.amazonaws.com",
                 "eventName":"AddPermission20150331v2","requestParameters":{"action":"lambda:InvokeFunction",
                 "principal":"*","functionName":"f"}}
                """);
        assertThat(matches("any where stringContains(aws.cloudtrail.request_parameters, \"principal=\\\\*\")",
                null, policy)).isTrue();
        assertThat(matches("any where stringContains(aws.cloudtrail.request_parameters, \"principal=\\\\*\")",
                null, ATTACH)).isFalse();
        assertThat(matches("any where stringContains(aws.cloudtrail.request_parameters, \"functionName=*\")",
                null, policy)).isTrue();
    }

    @Test
    void notAndNotEqualHoldOnMissingFields() {
        assertThat(matches("any where aws.cloudtrail.error_code != \"AccessDenied\"")).isTrue();
        assertThat(matches("any where not aws.cloudtrail.session_credential_from_console == \"true\"")).isTrue();
        assertThat(matches("any where aws.cloudtrail.error_code == null")).isTrue();
        assertThat(matches("any where aws.cloudtrail.error_code == \"AccessDenied\"")).isFalse();
    }

    @Test
    void precedenceCommentsAndRegex() {
        assertThat(matches("any where /* c */ user.name == \"alice\" or user.name == \"bob\" and user.name == \"x\""))
                .isTrue();
        assertThat(matches("any where (user.name == \"alice\" or user.name == \"bob\") and user.name == \"x\""))
                .isFalse();
        assertThat(matches("any where aws.cloudtrail.user_identity.arn regex~ \"ARN:AWS:IAM::[0-9]+:USER/.*\""))
                .isTrue();
        assertThat(matches("any where aws.cloudtrail.user_identity.arn regex \"ARN:AWS:IAM::[0-9]+:USER/.*\""))
                .isFalse();
    }

    @Test
    void equalityOnEventActionIndexesTheRule() {
        Predicate p = new EqlCompiler(new FieldResolver(), null).compile(EqlParser.parse(
                "iam where event.action in (\"AttachUserPolicy\", \"AttachRolePolicy\")").steps().get(0));
        assertThat(Predicates.requiredEventNames(p)).containsExactlyInAnyOrder("attachuserpolicy", "attachrolepolicy");
        Predicate colonList = new EqlCompiler(new FieldResolver(), null).compile(EqlParser.parse(
                "any where event.action : (\"InvokeModel\", \"Converse\")").steps().get(0));
        assertThat(Predicates.requiredEventNames(colonList)).containsExactlyInAnyOrder("invokemodel", "converse");
        assertThat(Predicates.requiredEventNames(new EqlCompiler(new FieldResolver(), null).compile(EqlParser.parse(
                "any where event.action : (\"Invoke*\", \"Converse\")").steps().get(0)))).isNull();
    }

    @Test
    void sequencesParseWithByAndMaxspan() {
        EqlQuery q = EqlParser.parse("""
                sequence by aws.cloudtrail.user_identity.access_key_id with maxspan=15m
                  [any where event.action == "ListFoundationModels"]
                  [any where event.action : ("InvokeModel", "Converse")]
                """);
        assertThat(q.sequence()).isTrue();
        assertThat(q.by()).containsExactly("aws.cloudtrail.user_identity.access_key_id");
        assertThat(q.maxspan()).isEqualTo(Duration.ofMinutes(15));
        assertThat(q.steps()).hasSize(2);
    }

    @Test
    void unsupportedOrBrokenQueriesSayWhy() {
        assertThatThrownBy(() -> EqlParser.parse("any where a == \"x\" | head 5"))
                .isInstanceOf(RuleSyntaxException.class);
        assertThatThrownBy(() -> EqlParser.parse("any a == 1")).hasMessageContaining("expected 'where'");
        assertThatThrownBy(() -> matches("any where length(user.name) > 3"))
                .hasMessageContaining("not supported");
        assertThatThrownBy(() -> EqlParser.parse("sequence [any where true]")).hasMessageContaining("two");
    }
}
