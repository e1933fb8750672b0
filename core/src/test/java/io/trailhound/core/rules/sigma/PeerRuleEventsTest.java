package io.trailhound.core.rules.sigma;

import static io.trailhound.core.rules.sigma.SigmaFixtures.event;
import static io.trailhound.core.rules.sigma.SigmaFixtures.eventBy;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.TestEvents;
import io.trailhound.core.rules.ir.CompiledRule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * For each of the 57 peer rules, a record it must match and a near miss it must not, written from
 * the rule's intent and the shapes AWS documents for that API's CloudTrail record. The near miss
 * differs in the one thing the rule is about (another API, an error, another identity).
 */
class PeerRuleEventsTest {
    private static final String ASSUMED_ROLE = """
            {"type":"AssumedRole","principalId":"AROAEXAMPLE:session","arn":"arn:aws:sts::111122223333:assumed-role/Admin/session",
             "accountId":"111122223333","accessKeyId":"ASIAEXAMPLE",
             "sessionContext":{"sessionIssuer":{"type":"Role","principalId":"AROAEXAMPLE",
               "arn":"arn:aws:iam::111122223333:role/Admin","accountId":"111122223333","userName":"Admin"},
               "attributes":{"creationDate":"2024-05-01T09:00:00Z","mfaAuthenticated":"false"}}}""";
    private static final String ROOT = """
            {"type":"Root","principalId":"111122223333","arn":"arn:aws:iam::111122223333:root","accountId":"111122223333",
             "accessKeyId":"ASIAROOT"}""";
    private static final String INSTANCE_IDENTITY = """
            {"type":"AssumedRole","principalId":"111122223333:aws:ec2-instance:i-0123456789abcdef0",
             "arn":"arn:aws:sts::111122223333:assumed-role/aws:ec2-instance/i-0123456789abcdef0",
             "accountId":"111122223333","accessKeyId":"ASIAINSTANCE",
             "sessionContext":{"sessionIssuer":{"type":"Role","principalId":"111122223333:aws:ec2-instance",
               "arn":"arn:aws:iam::111122223333:role/aws:ec2-instance","accountId":"111122223333","userName":"aws:ec2-instance"}}}""";
    private static final String SAML_USER = """
            {"type":"SAMLUser","principalId":"SampleUkh1i4+ExamplexL/jEvs=:SamlExample","userName":"SamlExample",
             "identityProvider":"bdGOnTesti4+ExamplexL/jEvs="}""";
    private static final String S3_BROWSER = "\"userAgent\":\"S3 Browser/11.5.7 https://s3browser.com\"";
    private static final String CLI = "\"userAgent\":\"aws-cli/2.15.30 Python/3.11.8 Linux/6.5 exe/x86_64\"";
    private static final String NO_ERROR = "\"sourceIPAddress\":\"198.51.100.7\"";
    private static final String TEMPLATED_POLICY = "{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Statement\\\":[{"
            + "\\\"Effect\\\":\\\"Allow\\\",\\\"Action\\\":[\\\"s3:GetObject\\\"],"
            + "\\\"Resource\\\":[\\\"arn:aws:s3:::<YOUR-BUCKET-NAME>/*\\\"]}]}";

    /** A rule's two records: one it must match, one it must not. */
    private record Case(Supplier<CloudTrailEvent> matching, Supplier<CloudTrailEvent> nonMatching) {
    }

    private static final Map<String, Case> CASES = new LinkedHashMap<>();

    private static void rule(String file, Supplier<CloudTrailEvent> matching, Supplier<CloudTrailEvent> nonMatching) {
        CASES.put(file, new Case(matching, nonMatching));
    }

    /** Same source, the rule's API vs another. */
    private static void api(String file, String source, String name, String otherName) {
        rule(file, () -> event(source, name, NO_ERROR), () -> event(source, otherName, NO_ERROR));
    }

    static {
        api("aws_cloudtrail_bedrock_guardrail_deleted", "bedrock.amazonaws.com", "DeleteGuardrail", "GetGuardrail");
        api("aws_cloudtrail_bedrock_guardrail_updated", "bedrock.amazonaws.com", "UpdateGuardrail", "CreateGuardrail");
        rule("aws_cloudtrail_bucket_deleted",
                () -> event("s3.amazonaws.com", "DeleteBucket", "\"requestParameters\":{\"bucketName\":\"backups\"}"),
                () -> event("s3.amazonaws.com", "DeleteBucket", "\"errorCode\":\"BucketNotEmpty\","
                        + "\"errorMessage\":\"The bucket you tried to delete is not empty\""));
        rule("aws_cloudtrail_console_login_failed_authentication",
                () -> event("signin.amazonaws.com", "ConsoleLogin", "\"errorMessage\":\"Failed authentication\","
                        + "\"responseElements\":{\"ConsoleLogin\":\"Failure\"},\"additionalEventData\":{\"MFAUsed\":\"No\"}"),
                () -> event("signin.amazonaws.com", "ConsoleLogin",
                        "\"responseElements\":{\"ConsoleLogin\":\"Success\"},\"additionalEventData\":{\"MFAUsed\":\"Yes\"}"));
        rule("aws_cloudtrail_console_login_success_without_mfa",
                () -> event("signin.amazonaws.com", "ConsoleLogin", "\"responseElements\":{\"ConsoleLogin\":\"Success\"},"
                        + "\"additionalEventData\":{\"LoginTo\":\"https://console.aws.amazon.com/\",\"MobileVersion\":\"No\","
                        + "\"MFAUsed\":\"No\"}"),
                () -> event("signin.amazonaws.com", "ConsoleLogin", "\"responseElements\":{\"ConsoleLogin\":\"Success\"},"
                        + "\"additionalEventData\":{\"MobileVersion\":\"No\",\"MFAUsed\":\"Yes\"}"));
        rule("aws_cloudtrail_disable_logging",
                () -> event("cloudtrail.amazonaws.com", "StopLogging", "\"requestParameters\":{\"name\":\"main\"}"),
                () -> event("cloudtrail.amazonaws.com", "StartLogging", "\"requestParameters\":{\"name\":\"main\"}"));
        rule("aws_cloudtrail_guardduty_detector_deleted_or_updated",
                () -> event("guardduty.amazonaws.com", "UpdateDetector",
                        "\"requestParameters\":{\"detectorId\":\"12abc34d567e8fa901bc2d34e56789f0\",\"enable\":false}"),
                () -> event("guardduty.amazonaws.com", "UpdateDetector",
                        "\"requestParameters\":{\"detectorId\":\"12abc34d567e8fa901bc2d34e56789f0\",\"enable\":true}"));
        rule("aws_cloudtrail_imds_malicious_usage",
                () -> eventBy(INSTANCE_IDENTITY, "s3.amazonaws.com", "ListBuckets", "\"sourceIPAddress\":\"203.0.113.50\""),
                () -> eventBy(INSTANCE_IDENTITY, "ssm.amazonaws.com", "UpdateInstanceInformation",
                        "\"sourceIPAddress\":\"10.0.1.15\""));
        api("aws_cloudtrail_new_acl_entries", "ec2.amazonaws.com", "CreateNetworkAclEntry", "DeleteNetworkAclEntry");
        api("aws_cloudtrail_new_route_added", "ec2.amazonaws.com", "CreateRoute", "DeleteRoute");
        rule("aws_cloudtrail_pua_trufflehog",
                () -> event("sts.amazonaws.com", "GetCallerIdentity", "\"userAgent\":\"TruffleHog\""),
                () -> event("sts.amazonaws.com", "GetCallerIdentity", CLI));
        api("aws_cloudtrail_region_enabled", "account.amazonaws.com", "EnableRegion", "ListRegions");
        api("aws_cloudtrail_security_group_change_ingress_egress", "ec2.amazonaws.com",
                "AuthorizeSecurityGroupIngress", "DescribeSecurityGroups");
        api("aws_cloudtrail_security_group_change_loadbalancer", "elasticloadbalancing.amazonaws.com",
                "SetSecurityGroups", "DescribeLoadBalancers");
        api("aws_cloudtrail_security_group_change_rds", "rds.amazonaws.com", "AuthorizeDBSecurityGroupIngress",
                "DescribeDBSecurityGroups");
        rule("aws_cloudtrail_ssm_malicious_usage",
                () -> event("ssm.amazonaws.com", "SendCommand",
                        "\"requestParameters\":{\"documentName\":\"AWS-RunShellScript\",\"instanceIds\":[\"i-0123456789abcdef0\"]}"),
                () -> event("ssm.amazonaws.com", "SendCommand", "\"errorCode\":\"AccessDenied\","
                        + "\"errorMessage\":\"User is not authorized to perform: ssm:SendCommand\""));
        rule("aws_cloudtrail_vpc_flow_logs_deleted",
                () -> event("ec2.amazonaws.com", "DeleteFlowLogs",
                        "\"requestParameters\":{\"DeleteFlowLogsRequest\":{\"FlowLogId\":{\"tag\":1,\"content\":\"fl-0123\"}}}"),
                () -> event("ec2.amazonaws.com", "DeleteFlowLogs", "\"errorCode\":\"Client.UnauthorizedOperation\""));
        api("aws_config_disable_recording", "config.amazonaws.com", "StopConfigurationRecorder",
                "StartConfigurationRecorder");
        rule("aws_console_getsignintoken",
                () -> eventBy(ASSUMED_ROLE, "signin.amazonaws.com", "GetSigninToken",
                        "\"userAgent\":\"python-requests/2.31.0\""),
                () -> eventBy(ASSUMED_ROLE, "signin.amazonaws.com", "GetSigninToken",
                        "\"userAgent\":\"Jersey/${project.version}\""));
        api("aws_delete_identity", "ses.amazonaws.com", "DeleteIdentity", "VerifyEmailIdentity");
        // Upstream bug: the rule also requires `status: success`, a field CloudTrail records never have;
        // only a record that carries one matches (see UpstreamQuirksTest).
        rule("aws_delete_saml_provider",
                () -> event("iam.amazonaws.com", "DeleteSAMLProvider", "\"status\":\"Success\""),
                () -> event("iam.amazonaws.com", "DeleteSAMLProvider", "\"requestParameters\":{\"sAMLProviderArn\":"
                        + "\"arn:aws:iam::111122223333:saml-provider/okta\"},\"responseElements\":null"));
        rule("aws_disable_bucket_versioning",
                () -> event("s3.amazonaws.com", "PutBucketVersioning", "\"requestParameters\":{\"bucketName\":\"backups\","
                        + "\"Host\":\"backups.s3.amazonaws.com\",\"versioning\":\"\",\"VersioningConfiguration\":{"
                        + "\"Status\":\"Suspended\",\"xmlns\":\"http://s3.amazonaws.com/doc/2006-03-01/\"}}"),
                () -> event("s3.amazonaws.com", "PutBucketVersioning", "\"requestParameters\":{\"bucketName\":\"backups\","
                        + "\"versioning\":\"\",\"VersioningConfiguration\":{\"Status\":\"Enabled\"}}"));
        api("aws_ec2_disable_encryption", "ec2.amazonaws.com", "DisableEbsEncryptionByDefault",
                "EnableEbsEncryptionByDefault");
        api("aws_ec2_import_key_pair_activity", "ec2.amazonaws.com", "ImportKeyPair", "CreateKeyPair");
        rule("aws_ec2_startup_script_change",
                () -> event("ec2.amazonaws.com", "ModifyInstanceAttribute", "\"requestParameters\":{"
                        + "\"instanceId\":\"i-0123456789abcdef0\",\"attribute\":\"userData\",\"value\":\"<sensitiveDataRemoved>\"}"),
                () -> event("ec2.amazonaws.com", "ModifyInstanceAttribute", "\"requestParameters\":{"
                        + "\"instanceId\":\"i-0123456789abcdef0\",\"attribute\":\"instanceType\",\"value\":\"t3.large\"}"));
        // The rule fires when the export task shows no error and no failure (its filters drop those).
        rule("aws_ec2_vm_export_failure",
                () -> event("ec2.amazonaws.com", "CreateInstanceExportTask", "\"responseElements\":{\"exportTask\":{"
                        + "\"exportTaskId\":\"export-i-0123\",\"state\":\"active\"}}"),
                () -> event("ec2.amazonaws.com", "CreateInstanceExportTask", "\"errorCode\":\"Client.NotExportable\","
                        + "\"errorMessage\":\"The image is not exportable\""));
        rule("aws_ecs_task_definition_cred_endpoint_query",
                () -> event("ecs.amazonaws.com", "RegisterTaskDefinition", "\"requestParameters\":{\"family\":\"web\","
                        + "\"containerDefinitions\":[{\"name\":\"web\",\"image\":\"nginx\",\"command\":[\"/bin/sh\",\"-c\","
                        + "\"curl 169.254.170.2$AWS_CONTAINER_CREDENTIALS_RELATIVE_URI\"]}]}"),
                () -> event("ecs.amazonaws.com", "RegisterTaskDefinition", "\"requestParameters\":{\"family\":\"web\","
                        + "\"containerDefinitions\":[{\"name\":\"web\",\"image\":\"nginx\",\"command\":[\"nginx\",\"-g\","
                        + "\"daemon off;\"]}]}"));
        api("aws_efs_fileshare_modified_or_deleted", "elasticfilesystem.amazonaws.com", "DeleteFileSystem",
                "CreateFileSystem");
        api("aws_efs_fileshare_mount_modified_or_deleted", "elasticfilesystem.amazonaws.com", "DeleteMountTarget",
                "CreateMountTarget");
        api("aws_eks_cluster_created_or_deleted", "eks.amazonaws.com", "DeleteCluster", "DescribeCluster");
        api("aws_elasticache_security_group_created", "elasticache.amazonaws.com", "CreateCacheSecurityGroup",
                "DescribeCacheSecurityGroups");
        api("aws_elasticache_security_group_modified_or_deleted", "elasticache.amazonaws.com",
                "AuthorizeCacheSecurityGroupIngress", "CreateCacheSecurityGroup");
        rule("aws_enum_buckets",
                () -> event("s3.amazonaws.com", "ListBuckets", CLI),
                () -> eventBy(ASSUMED_ROLE, "s3.amazonaws.com", "ListBuckets", CLI));
        api("aws_guardduty_disruption", "guardduty.amazonaws.com", "CreateIPSet", "ListIPSets");
        // Upstream quirk: the filter compares with a literal text, so every CreateAccessKey fires.
        rule("aws_iam_backdoor_users_keys",
                () -> event("iam.amazonaws.com", "CreateAccessKey", "\"requestParameters\":{\"userName\":\"bob\"},"
                        + "\"responseElements\":{\"accessKey\":{\"userName\":\"bob\",\"status\":\"Active\","
                        + "\"accessKeyId\":\"AKIABOB\"}}"),
                () -> event("iam.amazonaws.com", "UpdateAccessKey", "\"requestParameters\":{\"userName\":\"bob\","
                        + "\"accessKeyId\":\"AKIABOB\",\"status\":\"Inactive\"}"));
        rule("aws_iam_s3browser_loginprofile_creation",
                () -> event("iam.amazonaws.com", "CreateLoginProfile", S3_BROWSER),
                () -> event("iam.amazonaws.com", "CreateLoginProfile", CLI));
        rule("aws_iam_s3browser_templated_s3_bucket_policy_creation",
                () -> event("iam.amazonaws.com", "PutUserPolicy", S3_BROWSER + ",\"requestParameters\":{\"userName\":\"bob\","
                        + "\"policyName\":\"s3browser\",\"policyDocument\":\"" + TEMPLATED_POLICY + "\"}"),
                () -> event("iam.amazonaws.com", "PutUserPolicy", S3_BROWSER + ",\"requestParameters\":{\"userName\":\"bob\","
                        + "\"policyName\":\"s3browser\",\"policyDocument\":\""
                        + TEMPLATED_POLICY.replace("<YOUR-BUCKET-NAME>", "team-reports") + "\"}"));
        rule("aws_iam_s3browser_user_or_accesskey_creation",
                () -> event("iam.amazonaws.com", "CreateUser", S3_BROWSER),
                () -> event("iam.amazonaws.com", "CreateUser", CLI));
        api("aws_kms_import_key_material", "kms.amazonaws.com", "ImportKeyMaterial", "GetParametersForImport");
        api("aws_lambda_function_url", "lambda.amazonaws.com", "CreateFunctionUrlConfig", "GetFunctionUrlConfig");
        rule("aws_new_lambda_layer_attached",
                () -> event("lambda.amazonaws.com", "UpdateFunctionConfiguration20150331v2", "\"requestParameters\":{"
                        + "\"functionName\":\"api\",\"layers\":[\"arn:aws:lambda:us-east-1:111122223333:layer:x:1\"]}"),
                () -> event("lambda.amazonaws.com", "UpdateFunctionConfiguration20150331v2", "\"requestParameters\":{"
                        + "\"functionName\":\"api\",\"timeout\":30}"));
        api("aws_passed_role_to_glue_development_endpoint", "glue.amazonaws.com", "CreateDevEndpoint",
                "GetDevEndpoints");
        rule("aws_rds_change_master_password",
                () -> event("rds.amazonaws.com", "ModifyDBInstance", "\"requestParameters\":{\"dBInstanceIdentifier\":\"db1\","
                        + "\"masterUserPassword\":\"****\",\"applyImmediately\":true},\"responseElements\":{"
                        + "\"dBInstanceIdentifier\":\"db1\",\"pendingModifiedValues\":{\"masterUserPassword\":\"****\"}}"),
                () -> event("rds.amazonaws.com", "ModifyDBInstance", "\"requestParameters\":{\"dBInstanceIdentifier\":\"db1\","
                        + "\"dBInstanceClass\":\"db.t3.large\"},\"responseElements\":{\"dBInstanceIdentifier\":\"db1\","
                        + "\"pendingModifiedValues\":{\"dBInstanceClass\":\"db.t3.large\"}}"));
        api("aws_rds_dbcluster_actions", "rds.amazonaws.com", "DeleteDBCluster", "DescribeDBClusters");
        rule("aws_rds_public_db_restore",
                () -> event("rds.amazonaws.com", "RestoreDBInstanceFromDBSnapshot", "\"responseElements\":{"
                        + "\"dBInstanceIdentifier\":\"restored\",\"publiclyAccessible\":true}"),
                () -> event("rds.amazonaws.com", "RestoreDBInstanceFromDBSnapshot", "\"responseElements\":{"
                        + "\"dBInstanceIdentifier\":\"restored\",\"publiclyAccessible\":false}"));
        rule("aws_root_account_usage",
                () -> eventBy(ROOT, "iam.amazonaws.com", "CreateAccessKey", CLI),
                () -> TestEvents.parse("""
                        {"eventVersion":"1.08","eventTime":"2024-05-01T10:00:00Z","eventID":"e-root-svc",
                         "eventSource":"signin.amazonaws.com","eventName":"PasswordUpdated","awsRegion":"us-east-1",
                         "userIdentity":{"type":"Root","principalId":"111122223333","arn":"arn:aws:iam::111122223333:root",
                           "accountId":"111122223333"},
                         "eventType":"AwsServiceEvent","recipientAccountId":"111122223333"}"""));
        api("aws_route_53_domain_transferred_lock_disabled", "route53.amazonaws.com", "DisableDomainTransferLock",
                "EnableDomainTransferLock");
        api("aws_route_53_domain_transferred_to_another_account", "route53.amazonaws.com",
                "TransferDomainToAnotherAwsAccount", "AcceptDomainTransferFromAnotherAwsAccount");
        api("aws_s3_data_management_tampering", "s3.amazonaws.com", "PutBucketLogging", "GetBucketLogging");
        api("aws_securityhub_finding_evasion", "securityhub.amazonaws.com", "BatchUpdateFindings", "GetFindings");
        api("aws_snapshot_backup_exfiltration", "ec2.amazonaws.com", "ModifySnapshotAttribute",
                "DescribeSnapshotAttribute");
        api("aws_sso_idp_change", "sso-directory.amazonaws.com", "DisableExternalIdPConfigurationForDirectory",
                "DescribeDirectory");
        rule("aws_sts_assumerole_misuse",
                () -> eventBy(ASSUMED_ROLE, "ec2.amazonaws.com", "DescribeInstances", CLI),
                () -> event("ec2.amazonaws.com", "DescribeInstances", CLI));
        rule("aws_sts_getcalleridentity_trufflehog",
                () -> event("sts.amazonaws.com", "GetCallerIdentity", "\"userAgent\":\"TruffleHog\""),
                () -> event("sts.amazonaws.com", "GetCallerIdentity", CLI));
        rule("aws_sts_getsessiontoken_misuse",
                () -> event("sts.amazonaws.com", "GetSessionToken", CLI),
                () -> eventBy(ROOT, "sts.amazonaws.com", "GetSessionToken", CLI));
        rule("aws_susp_saml_activity",
                () -> eventBy(SAML_USER, "sts.amazonaws.com", "AssumeRoleWithSAML", "\"requestParameters\":{"
                        + "\"roleArn\":\"arn:aws:iam::111122223333:role/Admin\"}"),
                () -> event("sts.amazonaws.com", "AssumeRole", "\"requestParameters\":{"
                        + "\"roleArn\":\"arn:aws:iam::111122223333:role/Admin\"}"));
        // Upstream quirk: an ARN never equals a bare user name, so updating one's own profile fires too.
        rule("aws_update_login_profile",
                () -> event("iam.amazonaws.com", "UpdateLoginProfile", "\"requestParameters\":{\"userName\":\"bob\","
                        + "\"passwordResetRequired\":false}"),
                () -> event("iam.amazonaws.com", "GetLoginProfile", "\"requestParameters\":{\"userName\":\"bob\"}"));
    }

    // Loaded before the tests rather than in a static initializer, so that where ../shared is absent
    // the assumption inside skips the class instead of failing it.
    private static List<CompiledRule> RULES;

    @BeforeAll
    static void loadPeerRules() {
        RULES = PeerRules.load().rules();
    }

    private static CompiledRule rule(String stem) {
        return RULES.stream().filter(r -> PeerRules.stem(r.info().file()).equals(stem)).findFirst().orElseThrow();
    }

    @Test
    void everyPeerRuleHasACase() {
        assertThat(CASES.keySet()).containsExactlyInAnyOrderElementsOf(
                RULES.stream().map(r -> PeerRules.stem(r.info().file())).toList());
    }

    @TestFactory
    Stream<DynamicTest> eachRuleMatchesItsEventAndNotTheNearMiss() {
        return CASES.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            CompiledRule r = rule(e.getKey());
            assertThat(r.condition().test(e.getValue().matching().get())).as("matching event").isTrue();
            assertThat(r.condition().test(e.getValue().nonMatching().get())).as("near miss").isFalse();
        }));
    }
}
