package io.trailhound.core.rules.falco;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.LoadResult;
import io.trailhound.core.rules.TestEvents;
import io.trailhound.core.rules.ir.CompiledRule;
import io.trailhound.core.rules.ir.Predicates;
import io.trailhound.core.rules.ir.RuleFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The built-in pack: loads cleanly from the jar, every rule is indexable, and each fires only on its story. */
class BuiltinRulesTest {
    private static final LoadResult PACK = FalcoFrontEnd.builtin();

    private static CompiledRule rule(String name) {
        return PACK.rules().stream().filter(r -> r.info().name().equals(name)).findFirst().orElseThrow();
    }

    private static List<String> firing(CloudTrailEvent e) {
        return PACK.rules().stream().filter(r -> r.condition().test(e)).map(r -> r.info().name()).toList();
    }

    @Test
    void packLoadsWithoutProblemsAsBuiltinRules() {
        assertThat(PACK.problems()).isEmpty();
        assertThat(PACK.rules()).hasSize(7);
        assertThat(PACK.rules()).allSatisfy(r -> {
            assertThat(r.info().format()).isEqualTo(RuleFormat.BUILTIN);
            assertThat(r.info().file()).isEqualTo("builtin:aws_cloudtrail_builtin.yaml");
            assertThat(r.info().enabled()).isTrue();
            assertThat(r.info().threat()).isNotEmpty();
            assertThat(Predicates.requiredEventNames(r.condition())).as(r.info().name()).isNotNull();
        });
    }

    @Test
    void consoleLoginThroughAssumedRole() {
        CloudTrailEvent hit = Records.consoleLogin(Records.ADMIN_ROLE, "Success", "No", null);
        assertThat(firing(hit)).containsExactly("Console Login Through Assumed Role");
        assertThat(rule("Console Login Through Assumed Role").output().render(hit)).isEqualTo(
                "Console login through an assumed role (role=Admin session=bob "
                        + "arn=arn:aws:sts::111122223333:assumed-role/Admin/bob ip=198.51.100.7 region=us-east-1 mfa=No)");
        assertThat(firing(Records.consoleLogin(Records.ALICE, "Success", "Yes", null))).isEmpty();
        CloudTrailEvent viaSaml = TestEvents.parse(Records.json("signin.amazonaws.com", "ConsoleLogin",
                Records.ADMIN_ROLE, ",\"responseElements\":{\"ConsoleLogin\":\"Success\"},\"additionalEventData\":"
                        + "{\"MFAUsed\":\"No\",\"SamlProviderArn\":\"arn:aws:iam::111122223333:saml-provider/Okta\"}"));
        assertThat(firing(viaSaml)).as("SAML federation sign-in").isEmpty();
        assertThat(firing(Records.consoleLogin(Records.ADMIN_ROLE, "Failure", "No", "Failed authentication")))
                .isEmpty();
    }

    @Test
    void assumeRoot() {
        String rest = """
                ,"requestParameters":{"targetPrincipal":"444455556666",
                  "taskPolicyArn":{"arn":"arn:aws:iam::aws:policy/root-task/S3UnlockBucketPolicy"},"durationSeconds":900},
                 "responseElements":{"credentials":{"accessKeyId":"ASIAEXAMPLEROOT","expiration":"May 1, 2024, 10:15:00 AM"}}""";
        CloudTrailEvent hit = Records.event("sts.amazonaws.com", "AssumeRoot", Records.ALICE, rest);
        assertThat(firing(hit)).containsExactly("AssumeRoot Session Issued");
        assertThat(rule("AssumeRoot Session Issued").output().render(hit)).contains("target=444455556666",
                "task policy=arn:aws:iam::aws:policy/root-task/S3UnlockBucketPolicy");
        assertThat(firing(Records.event("sts.amazonaws.com", "AssumeRoot", Records.ALICE,
                rest + ",\"errorCode\":\"AccessDenied\""))).isEmpty();
        assertThat(firing(Records.event("sts.amazonaws.com", "AssumeRole", Records.ALICE, rest))).isEmpty();
    }

    @Test
    void cloudTrailStoppedOrDeleted() {
        String rest = ",\"requestParameters\":{\"name\":\"management-events\"},\"responseElements\":null";
        assertThat(firing(Records.event("cloudtrail.amazonaws.com", "StopLogging", Records.ADMIN_ROLE, rest)))
                .containsExactly("CloudTrail Logging Stopped or Trail Deleted");
        assertThat(firing(Records.event("cloudtrail.amazonaws.com", "DeleteTrail", Records.ROOT, rest)))
                .containsExactly("CloudTrail Logging Stopped or Trail Deleted");
        assertThat(firing(Records.event("cloudtrail.amazonaws.com", "StartLogging", Records.ADMIN_ROLE, rest)))
                .isEmpty();
        assertThat(firing(Records.event("cloudtrail.amazonaws.com", "StopLogging", Records.ADMIN_ROLE,
                rest + ",\"errorCode\":\"TrailNotFoundException\""))).isEmpty();
    }

    @Test
    void cloudTrailCoverageReduced() {
        assertThat(firing(Records.event("cloudtrail.amazonaws.com", "UpdateTrail", Records.ALICE,
                ",\"requestParameters\":{\"name\":\"main\",\"isMultiRegionTrail\":false}")))
                .containsExactly("CloudTrail Trail Coverage Reduced");
        assertThat(firing(Records.event("cloudtrail.amazonaws.com", "PutEventSelectors", Records.ALICE, """
                ,"requestParameters":{"trailName":"main","eventSelectors":[
                  {"readWriteType":"All","includeManagementEvents":true,"dataResources":[]},
                  {"readWriteType":"All","includeManagementEvents":false,"dataResources":[]}]}""")))
                .containsExactly("CloudTrail Trail Coverage Reduced");
        assertThat(firing(Records.event("cloudtrail.amazonaws.com", "UpdateTrail", Records.ALICE,
                ",\"requestParameters\":{\"name\":\"main\",\"s3BucketName\":\"logs\",\"isMultiRegionTrail\":true}")))
                .isEmpty();
        assertThat(firing(Records.event("cloudtrail.amazonaws.com", "PutEventSelectors", Records.ALICE, """
                ,"requestParameters":{"trailName":"main","eventSelectors":[
                  {"readWriteType":"All","includeManagementEvents":true,"dataResources":[]}]}"""))).isEmpty();
    }

    @Test
    void mfaDeactivated() {
        String rest = ",\"requestParameters\":{\"userName\":\"carol\",\"serialNumber\":\"arn:aws:iam::111122223333:mfa/carol\"}";
        CloudTrailEvent hit = Records.event("iam.amazonaws.com", "DeactivateMFADevice", Records.ALICE, rest);
        assertThat(firing(hit)).containsExactly("MFA Device Deactivated or Deleted");
        assertThat(rule("MFA Device Deactivated or Deleted").output().render(hit))
                .contains("user=carol", "device=arn:aws:iam::111122223333:mfa/carol");
        assertThat(firing(Records.event("iam.amazonaws.com", "DeleteVirtualMFADevice", Records.ALICE,
                ",\"requestParameters\":{\"serialNumber\":\"arn:aws:iam::111122223333:mfa/carol\"}")))
                .containsExactly("MFA Device Deactivated or Deleted");
        assertThat(firing(Records.event("iam.amazonaws.com", "EnableMFADevice", Records.ALICE, rest))).isEmpty();
    }

    @Test
    void accessKeyForAnotherUser() {
        String forCarol = ",\"requestParameters\":{\"userName\":\"carol\"},"
                + "\"responseElements\":{\"accessKey\":{\"accessKeyId\":\"AKIAEXAMPLECAROL\",\"status\":\"Active\","
                + "\"userName\":\"carol\"}}";
        CloudTrailEvent hit = Records.event("iam.amazonaws.com", "CreateAccessKey", Records.ALICE, forCarol);
        assertThat(firing(hit)).containsExactly("Access Key Created for Another User");
        assertThat(rule("Access Key Created for Another User").output().render(hit))
                .contains("user=carol", "key=AKIAEXAMPLECAROL");
        // A role or root creating a key for a user is someone else too.
        assertThat(firing(Records.event("iam.amazonaws.com", "CreateAccessKey", Records.ADMIN_ROLE, forCarol)))
                .hasSize(1);
        assertThat(firing(Records.event("iam.amazonaws.com", "CreateAccessKey", Records.ROOT, forCarol))).hasSize(1);
        // Alice making her own key, with or without naming herself, is not.
        assertThat(firing(Records.event("iam.amazonaws.com", "CreateAccessKey", Records.ALICE,
                ",\"requestParameters\":{\"userName\":\"alice\"}"))).isEmpty();
        assertThat(firing(Records.event("iam.amazonaws.com", "CreateAccessKey", Records.ALICE,
                ",\"requestParameters\":null"))).isEmpty();
    }

    @Test
    void policyGrantingStarOnStar() {
        String compact = policy("PutUserPolicy", "{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Statement\\\":"
                + "[{\\\"Effect\\\":\\\"Allow\\\",\\\"Action\\\":\\\"*\\\",\\\"Resource\\\":\\\"*\\\"}]}");
        assertThat(firing(Records.event("iam.amazonaws.com", "PutUserPolicy", Records.ALICE, compact)))
                .containsExactly("Policy Grants Full Admin");
        String spaced = policy("CreatePolicy", "{\\n  \\\"Version\\\": \\\"2012-10-17\\\",\\n  \\\"Statement\\\": [\\n"
                + "    {\\n      \\\"Effect\\\" : \\\"Allow\\\",\\n      \\\"Action\\\": [ \\\"*:*\\\" ],\\n"
                + "      \\\"Resource\\\":\\t[\\\"*\\\"]\\n    }\\n  ]\\n}");
        assertThat(firing(Records.event("iam.amazonaws.com", "CreatePolicy", Records.ALICE, spaced)))
                .containsExactly("Policy Grants Full Admin");
        String scoped = policy("PutRolePolicy", "{\\\"Statement\\\":[{\\\"Effect\\\":\\\"Allow\\\","
                + "\\\"Action\\\":\\\"s3:GetObject\\\",\\\"Resource\\\":\\\"*\\\"}]}");
        assertThat(firing(Records.event("iam.amazonaws.com", "PutRolePolicy", Records.ALICE, scoped))).isEmpty();
        String denyAll = policy("PutGroupPolicy", "{\\\"Statement\\\":[{\\\"Effect\\\":\\\"Deny\\\","
                + "\\\"Action\\\":\\\"*\\\",\\\"Resource\\\":\\\"*\\\"}]}");
        assertThat(firing(Records.event("iam.amazonaws.com", "PutGroupPolicy", Records.ALICE, denyAll))).isEmpty();
    }

    private static String policy(String call, String escapedDocument) {
        return ",\"requestParameters\":{\"policyName\":\"p\",\"userName\":\"alice\",\"policyDocument\":\""
                + escapedDocument + "\"}";
    }
}
