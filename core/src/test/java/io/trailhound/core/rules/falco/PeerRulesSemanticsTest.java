package io.trailhound.core.rules.falco;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.LoadResult;
import io.trailhound.core.rules.TestEvents;
import io.trailhound.core.rules.ir.CompiledRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One test per rule of the peer file: a record the rule is meant to catch and one it is not,
 * written from the rule's description and the AWS CloudTrail record formats (not from our code).
 */
class PeerRulesSemanticsTest {
    // Loaded before the tests rather than in a static initializer, so that where ../shared is absent
    // the assumption inside skips the class instead of failing it.
    private static LoadResult PEER;

    @BeforeAll
    static void loadPeerRules() {
        PEER = PeerRulesFixture.load();
    }
    private static final String DENIED = ",\"errorCode\":\"AccessDenied\",\"errorMessage\":\"not authorized\"";

    private static void check(String rule, CloudTrailEvent hit, CloudTrailEvent miss) {
        CompiledRule r = PeerRulesFixture.rule(PEER, rule);
        assertThat(r.condition().test(hit)).as(rule + " on its event").isTrue();
        assertThat(r.condition().test(miss)).as(rule + " on the near miss").isFalse();
        assertThat(r.output().render(hit)).as("output of " + rule).doesNotContain("%");
    }

    private static CloudTrailEvent call(String src, String name, String rest) {
        return Records.event(src, name, Records.ALICE, rest);
    }

    @Test
    void allCloudtrailEvents() {
        CompiledRule r = PeerRulesFixture.rule(PEER, "All Cloudtrail Events");
        CloudTrailEvent any = call("s3.amazonaws.com", "GetObject", "");
        assertThat(r.condition().test(any)).isTrue();
        assertThat(r.output().render(any)).startsWith("Some Cloudtrail Event (evtnum=1 info=us-east-1 alice s3 "
                + "GetObject alice via 203.0.113.9 → GetObject ts=2024-05-01T10:00:00.000000000+0000 "
                + "id=0b5b3b1a-1111-4aaa-9bbb-000000000001 error=<NA>)");
        assertThat(r.info().enabled()).isFalse();
        assertThat(r.condition().test(TestEvents.parse(Records.json("s3.amazonaws.com", "GetObject", Records.ALICE,
                "").replace("2024-05-01T10:00:00Z", "not a time")))).as("a record the plugin drops").isFalse();
    }

    @Test
    void consoleLoginThroughAssumeRole() {
        check("Console Login Through Assume Role", Records.consoleLogin(Records.ADMIN_ROLE, "Success", "Yes", null),
                Records.consoleLogin(Records.ALICE, "Success", "Yes", null));
    }

    @Test
    void consoleLoginWithoutMfa() {
        check("Console Login Without MFA", Records.consoleLogin(Records.ALICE, "Success", "No", null),
                Records.consoleLogin(Records.ALICE, "Success", "Yes", null));
        assertThat(PeerRulesFixture.rule(PEER, "Console Login Without MFA").condition()
                .test(Records.consoleLogin(Records.ADMIN_ROLE, "Success", "No", null)))
                .as("role sessions are the other rule's").isFalse();
    }

    @Test
    void consoleRootLoginWithoutMfa() {
        check("Console Root Login Without MFA", Records.consoleLogin(Records.ROOT, "Success", "No", null),
                Records.consoleLogin(Records.ALICE, "Success", "No", null));
    }

    @Test
    void deactivateMfaForRootUser() {
        String root = ",\"requestParameters\":{\"userName\":\"AWS ROOT USER\",\"serialNumber\":\"arn:aws:iam::111122223333:mfa/root\"}";
        check("Deactivate MFA for Root User",
                Records.event("iam.amazonaws.com", "DeactivateMFADevice", Records.ROOT, root),
                Records.event("iam.amazonaws.com", "DeactivateMFADevice", Records.ALICE,
                        ",\"requestParameters\":{\"userName\":\"carol\",\"serialNumber\":\"arn:aws:iam::111122223333:mfa/carol\"}"));
    }

    @Test
    void createAwsUser() {
        String req = ",\"requestParameters\":{\"userName\":\"mallory\"}";
        check("Create AWS user", call("iam.amazonaws.com", "CreateUser", req),
                call("iam.amazonaws.com", "CreateUser", req + DENIED));
        assertThat(PeerRulesFixture.rule(PEER, "Create AWS user").output()
                .render(call("iam.amazonaws.com", "CreateUser", req))).contains("new user created=mallory");
    }

    @Test
    void createGroup() {
        String req = ",\"requestParameters\":{\"groupName\":\"admins\"}";
        check("Create Group", call("iam.amazonaws.com", "CreateGroup", req),
                call("iam.amazonaws.com", "DeleteGroup", req));
    }

    @Test
    void deleteGroup() {
        String req = ",\"requestParameters\":{\"groupName\":\"auditors\"}";
        check("Delete Group", call("iam.amazonaws.com", "DeleteGroup", req),
                call("iam.amazonaws.com", "DeleteGroup", req + DENIED));
    }

    @Test
    void ecsServiceCreated() {
        String req = ",\"requestParameters\":{\"cluster\":\"prod\",\"serviceName\":\"miner\",\"taskDefinition\":\"miner:1\"}";
        check("ECS Service Created", call("ecs.amazonaws.com", "CreateService", req),
                call("servicediscovery.amazonaws.com", "CreateService", req));
    }

    @Test
    void ecsTaskRunOrStarted() {
        String req = ",\"requestParameters\":{\"cluster\":\"prod\",\"taskDefinition\":\"web:3\"}";
        check("ECS Task Run or Started", call("ecs.amazonaws.com", "StartTask", req),
                call("ecs.amazonaws.com", "StopTask", req));
    }

    @Test
    void createLambdaFunction() {
        String req = ",\"requestParameters\":{\"functionName\":\"exfil\",\"runtime\":\"python3.12\"}";
        check("Create Lambda Function", call("lambda.amazonaws.com", "CreateFunction20150331", req),
                call("lambda.amazonaws.com", "CreateFunction20150331", req + DENIED));
    }

    @Test
    void updateLambdaFunctionCode() {
        String req = ",\"requestParameters\":{\"functionName\":\"billing\",\"publish\":true}";
        check("Update Lambda Function Code", call("lambda.amazonaws.com", "UpdateFunctionCode20150331v2", req),
                call("lambda.amazonaws.com", "GetFunction20150331v2", req));
    }

    @Test
    void updateLambdaFunctionConfiguration() {
        String req = ",\"requestParameters\":{\"functionName\":\"billing\",\"timeout\":900}";
        check("Update Lambda Function Configuration",
                call("lambda.amazonaws.com", "UpdateFunctionConfiguration20150331v2", req),
                call("lambda.amazonaws.com", "UpdateFunctionConfiguration20150331v2", req + DENIED));
    }

    private static final String RUN = """
            ,"requestParameters":{"instancesSet":{"items":[{"imageId":"ami-0abcdef1234567890","minCount":1,"maxCount":1}]},
              "availabilityZone":"us-east-1a"},
             "responseElements":{"reservationId":"r-0123456789abcdef0","subnetId":"subnet-0a1b2c3d",
              "instancesSet":{"items":[{"instanceId":"i-0123456789abcdef0","imageId":"ami-0abcdef1234567890"}]}}""";

    @Test
    void runInstances() {
        check("Run Instances", call("ec2.amazonaws.com", "RunInstances", RUN),
                call("ec2.amazonaws.com", "RunInstances", RUN + ",\"errorCode\":\"Client.InstanceLimitExceeded\""));
        assertThat(PeerRulesFixture.rule(PEER, "Run Instances").output()
                .render(call("ec2.amazonaws.com", "RunInstances", RUN)))
                .contains("availability zone=us-east-1a", "subnet id=subnet-0a1b2c3d",
                        "reservation id=r-0123456789abcdef0");
    }

    @Test
    void runInstancesInNonApprovedRegion() {
        CloudTrailEvent hit = call("ec2.amazonaws.com", "RunInstances", RUN);
        CloudTrailEvent approved = TestEvents.parse(Records.json("ec2.amazonaws.com", "RunInstances", Records.ALICE,
                RUN).replace("\"awsRegion\":\"us-east-1\"", "\"awsRegion\":\"us-east-0\""));
        check("Run Instances in Non-approved Region", hit, approved);
        assertThat(PeerRulesFixture.rule(PEER, "Run Instances in Non-approved Region").output().render(hit))
                .contains("image id=i-0123456789abcdef0");
    }

    @Test
    void deleteBucketEncryption() {
        String req = ",\"requestParameters\":{\"bucketName\":\"payroll\",\"Host\":\"payroll.s3.amazonaws.com\",\"encryption\":\"\"}";
        check("Delete Bucket Encryption", call("s3.amazonaws.com", "DeleteBucketEncryption", req),
                call("s3.amazonaws.com", "PutBucketEncryption", req));
    }

    @Test
    void deleteBucketPublicAccessBlock() {
        String off = """
                ,"requestParameters":{"publicAccessBlock":"","bucketName":"web",
                  "PublicAccessBlockConfiguration":{"RestrictPublicBuckets":true,"BlockPublicPolicy":false,
                  "BlockPublicAcls":true,"IgnorePublicAcls":true}}""";
        check("Delete Bucket Public Access Block", call("s3.amazonaws.com", "PutBucketPublicAccessBlock", off),
                call("s3.amazonaws.com", "PutBucketPublicAccessBlock", off.replace("false", "true")));
    }

    @Test
    void listBuckets() {
        String req = ",\"requestParameters\":{\"Host\":\"s3.us-east-1.amazonaws.com\"}";
        CompiledRule r = PeerRulesFixture.rule(PEER, "List Buckets");
        assertThat(r.info().enabled()).isFalse();
        check("List Buckets", call("s3.amazonaws.com", "ListBuckets", req),
                call("s3.amazonaws.com", "ListBuckets", req + DENIED));
    }

    @Test
    void putBucketAcl() {
        String req = ",\"requestParameters\":{\"bucketName\":\"web\",\"acl\":\"\",\"x-amz-acl\":[\"public-read\"]}";
        check("Put Bucket ACL", call("s3.amazonaws.com", "PutBucketAcl", req),
                call("s3.amazonaws.com", "GetBucketAcl", req));
    }

    @Test
    void putBucketPolicy() {
        String req = ",\"requestParameters\":{\"bucketName\":\"web\",\"policy\":\"\"}";
        check("Put Bucket Policy", call("s3.amazonaws.com", "PutBucketPolicy", req),
                call("s3.amazonaws.com", "PutBucketPolicy", req + DENIED));
    }

    @Test
    void cloudTrailTrailCreated() {
        String req = ",\"requestParameters\":{\"name\":\"shadow\",\"s3BucketName\":\"attacker-logs\"}";
        check("CloudTrail Trail Created", call("cloudtrail.amazonaws.com", "CreateTrail", req),
                call("cloudtrail.amazonaws.com", "CreateTrail", req + ",\"errorCode\":\"InsufficientS3BucketPolicyException\""));
    }

    @Test
    void cloudTrailLoggingDisabled() {
        String req = ",\"requestParameters\":{\"name\":\"main\"}";
        check("CloudTrail Logging Disabled", call("cloudtrail.amazonaws.com", "StopLogging", req),
                call("cloudtrail.amazonaws.com", "StartLogging", req));
    }
}
