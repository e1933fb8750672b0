package io.trailhound.core.rules.falco;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.LoadResult;
import io.trailhound.core.rules.TestEvents;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The 14 conformance vectors of falco.md §9 on the peer file: which enabled rules match each
 * record with Falco's {@code rule_matching: all}, and which one {@code first} keeps.
 */
class ConformanceVectorsTest {
    // Loaded before the tests rather than in a static initializer, so that where ../shared is absent
    // the assumption inside skips the class instead of failing it.
    private static LoadResult PEER;

    @BeforeAll
    static void loadPeerRules() {
        PEER = PeerRulesFixture.load();
    }

    private static final String NO_MFA = "Console Login Without MFA";
    private static final String ROOT_NO_MFA = "Console Root Login Without MFA";

    private static void expect(CloudTrailEvent e, List<String> all, List<String> first) {
        assertThat(PeerRulesFixture.matching(PEER, e, true)).as("all").isEqualTo(all);
        assertThat(PeerRulesFixture.firstMatching(PEER, e)).as("first").isEqualTo(first);
    }

    private static String render(String rule, CloudTrailEvent e) {
        return PeerRulesFixture.rule(PEER, rule).output().render(e);
    }

    @Test
    void v1RootLoginWithoutMfaMatchesBothRulesButFirstHidesTheRootOne() {
        CloudTrailEvent e = Records.consoleLogin(Records.ROOT, "Success", "No", null);
        expect(e, List.of(NO_MFA, ROOT_NO_MFA), List.of(NO_MFA));
        assertThat(render(NO_MFA, e)).contains("requesting user=<NA>");
    }

    @Test
    void v2IamUserLoginWithoutMfa() {
        String anaya = Records.ALICE.replace("\"userName\":\"alice\"", "\"userName\":\"anaya\"");
        CloudTrailEvent e = Records.consoleLogin(anaya, "Success", "No", null);
        expect(e, List.of(NO_MFA), List.of(NO_MFA));
        assertThat(render(NO_MFA, e)).isEqualTo("Detected a console login without MFA (requesting user=anaya, "
                + "requesting IP=198.51.100.7, AWS region=us-east-1)");
    }

    @Test
    void v3AssumedRoleLogin() {
        CloudTrailEvent e = Records.consoleLogin(Records.ADMIN_ROLE, "Success", "No", null);
        expect(e, List.of("Console Login Through Assume Role"), List.of("Console Login Through Assume Role"));
        assertThat(render("Console Login Through Assume Role", e)).isEqualTo("Detected a console login through "
                + "Assume Role (principal=AROAEXAMPLEADMIN:bob, "
                + "assumedRole=arn:aws:sts::111122223333:assumed-role/Admin/bob, requesting IP=198.51.100.7, "
                + "AWS region=us-east-1)");
    }

    @Test
    void v4FailedLoginMatchesNothing() {
        CloudTrailEvent e = Records.consoleLogin(Records.ALICE, "Failure", "No", "Failed authentication");
        expect(e, List.of(), List.of());
    }

    @Test
    void v5RunInstancesOutsideTheApprovedRegions() {
        CloudTrailEvent e = Records.event("ec2.amazonaws.com", "RunInstances", Records.ALICE, "");
        expect(e, List.of("Run Instances", "Run Instances in Non-approved Region"), List.of("Run Instances"));
    }

    @Test
    void v6FailedRunInstancesMatchesNothing() {
        CloudTrailEvent e = Records.event("ec2.amazonaws.com", "RunInstances", Records.ALICE,
                ",\"errorCode\":\"Client.UnauthorizedOperation\",\"errorMessage\":\"You are not authorized\"");
        expect(e, List.of(), List.of());
    }

    private static CloudTrailEvent publicAccessBlock(boolean restrict) {
        return Records.event("s3.amazonaws.com", "PutBucketPublicAccessBlock", Records.ALICE, """
                ,"requestParameters":{"publicAccessBlock":"","bucketName":"reports","Host":"reports.s3.amazonaws.com",
                  "PublicAccessBlockConfiguration":{"xmlns":"http://s3.amazonaws.com/doc/2006-03-01/",
                  "RestrictPublicBuckets":%s,"BlockPublicPolicy":true,"BlockPublicAcls":true,"IgnorePublicAcls":true}}
                """.formatted(restrict));
    }

    @Test
    void v7PublicAccessBlockWithAFlagOff() {
        expect(publicAccessBlock(false), List.of("Delete Bucket Public Access Block"),
                List.of("Delete Bucket Public Access Block"));
    }

    @Test
    void v8PublicAccessBlockFullyOnMatchesNothing() {
        expect(publicAccessBlock(true), List.of(), List.of());
    }

    @Test
    void v9RootDeactivatesItsOwnMfa() {
        CloudTrailEvent e = Records.event("iam.amazonaws.com", "DeactivateMFADevice", Records.ROOT,
                ",\"requestParameters\":{\"userName\":\"AWS ROOT USER\","
                        + "\"serialNumber\":\"arn:aws:iam::111122223333:mfa/root-account-mfa-device\"}");
        expect(e, List.of("Deactivate MFA for Root User"), List.of("Deactivate MFA for Root User"));
    }

    @Test
    void v10EcsRunTask() {
        CloudTrailEvent e = Records.event("ecs.amazonaws.com", "RunTask", Records.ALICE,
                ",\"requestParameters\":{\"cluster\":\"prod\",\"taskDefinition\":\"web:3\",\"count\":1}");
        expect(e, List.of("ECS Task Run or Started"), List.of("ECS Task Run or Started"));
    }

    @Test
    void v11ListBucketsRuleIsDisabled() {
        CloudTrailEvent e = Records.event("s3.amazonaws.com", "ListBuckets", Records.ALICE,
                ",\"requestParameters\":{\"Host\":\"s3.us-east-1.amazonaws.com\"}");
        expect(e, List.of(), List.of());
        assertThat(PeerRulesFixture.matching(PEER, e, false)).containsExactly("All Cloudtrail Events",
                "List Buckets");
    }

    @Test
    void v12StopLogging() {
        CloudTrailEvent e = Records.event("cloudtrail.amazonaws.com", "StopLogging", Records.ALICE,
                ",\"requestParameters\":{\"name\":\"main\"}");
        expect(e, List.of("CloudTrail Logging Disabled"), List.of("CloudTrail Logging Disabled"));
    }

    @Test
    void v13RecordsThePluginDropsAreNeverMatched() {
        String stop = Records.json("cloudtrail.amazonaws.com", "StopLogging", Records.ALICE, "");
        CloudTrailEvent insight = TestEvents.parse(stop.replace("\"AwsApiCall\"", "\"AwsCloudTrailInsight\""));
        CloudTrailEvent noType = TestEvents.parse(stop.replace("\"eventType\":\"AwsApiCall\",", ""));
        CloudTrailEvent badTime = TestEvents.parse(stop.replace("2024-05-01T10:00:00Z", "yesterday"));
        for (CloudTrailEvent e : List.of(insight, noType, badTime)) {
            assertThat(PeerRulesFixture.matching(PEER, e, false)).isEmpty();
        }
    }

    @Test
    void v14MissingIdentityTypeFailsTheNotEqualTest() {
        CloudTrailEvent e = Records.consoleLogin("{\"principalId\":\"x\",\"accountId\":\"111122223333\"}",
                "Success", "No", null);
        expect(e, List.of(), List.of());
    }
}
