package io.trailhound.core.rules.elastic;

import static io.trailhound.core.rules.elastic.CloudTrailRecords.IAM_USER;
import static io.trailhound.core.rules.elastic.CloudTrailRecords.ROOT;
import static io.trailhound.core.rules.elastic.CloudTrailRecords.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.ir.Accessor;
import io.trailhound.core.rules.ir.CompiledRule;
import io.trailhound.core.rules.ir.Predicate;
import io.trailhound.core.rules.ir.Stateful;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The peer rules whose alert depends on several events: their operators and the events they pick. */
class StatefulPeerRulesTest {
    private static final String CLI = "aws-cli/2.15.30 Python/3.11.8";

    @Test
    void bedrockReconThenInvocationIsASequenceByAccessKeyWithin15Minutes() {
        CompiledRule rule = PeerRules.byName(
                "AWS Bedrock Foundation Model Enumeration Followed by Invocation via Long-Term Key");
        Stateful.Sequence seq = (Stateful.Sequence) rule.stateful();
        assertThat(seq.by()).extracting(Accessor::name).containsExactly("aws.cloudtrail.user_identity.access_key_id");
        assertThat(seq.maxspan()).isEqualTo(Duration.ofMinutes(15));
        assertThat(seq.ordered()).isTrue();
        assertThat(seq.steps()).hasSize(2);
        Predicate recon = seq.steps().get(0);
        Predicate invoke = seq.steps().get(1);

        CloudTrailEvent list = record("bedrock.amazonaws.com", "ListFoundationModels", IAM_USER, "198.51.100.20", CLI, "");
        CloudTrailEvent listWithSessionKey = record("bedrock.amazonaws.com", "ListFoundationModels",
                CloudTrailRecords.IAM_USER_TEMP_KEY, "198.51.100.20", CLI, "");
        CloudTrailEvent converse = record("bedrock.amazonaws.com", "Converse", IAM_USER, "198.51.100.20", CLI,
                "\"requestParameters\":{\"modelId\":\"anthropic.claude-3-haiku\"}");
        assertThat(recon.test(list)).isTrue();
        assertThat(recon.test(listWithSessionKey)).as("long-term AKIA keys only").isFalse();
        assertThat(recon.test(converse)).isFalse();
        assertThat(invoke.test(converse)).isTrue();
        assertThat(invoke.test(list)).isFalse();
        assertThat(rule.condition().test(list)).isTrue();
        assertThat(rule.condition().test(converse)).isTrue();
        assertThat(seq.by().get(0).extract(list)).isEqualTo(seq.by().get(0).extract(converse));
    }

    @Test
    void rootConsoleBruteForceCountsFailuresPerAccount() {
        CompiledRule rule = PeerRules.byName("AWS Management Console Brute Force of Root User Identity");
        Stateful.Threshold t = (Stateful.Threshold) rule.stateful();
        assertThat(t.groupBy()).extracting(Accessor::name).containsExactly("cloud.account.id");
        assertThat(t.window()).isEqualTo(Duration.ofMinutes(6));
        assertThat(t.count().holds(10)).isTrue();
        assertThat(t.count().holds(9)).isFalse();
        assertThat(t.cardinalityField()).isNull();
        CloudTrailEvent failed = record("signin.amazonaws.com", "ConsoleLogin", ROOT, "203.0.113.66", "Mozilla/5.0",
                "\"responseElements\":{\"ConsoleLogin\":\"Failure\"},\"errorMessage\":\"Failed authentication\"");
        CloudTrailEvent ok = record("signin.amazonaws.com", "ConsoleLogin", ROOT, "203.0.113.66", "Mozilla/5.0",
                "\"responseElements\":{\"ConsoleLogin\":\"Success\"}");
        assertThat(rule.condition().test(failed)).isTrue();
        assertThat(rule.condition().test(ok)).isFalse();
        assertThat(t.groupBy().get(0).extract(failed)).isEqualTo("111122223333");
    }

    @Test
    void rapidSecretRetrievalCountsDistinctRequestsPerUserAndSaysItCannotSeeBrowsers() {
        CompiledRule rule = PeerRules.byName("AWS Secrets Manager Rapid Secrets Retrieval");
        Stateful.Threshold t = (Stateful.Threshold) rule.stateful();
        assertThat(t.groupBy()).extracting(Accessor::name).containsExactly("user.id");
        assertThat(t.cardinalityField().name()).isEqualTo("aws.cloudtrail.request_parameters");
        assertThat(t.cardinality().holds(20)).isTrue();
        assertThat(t.cardinality().holds(19)).isFalse();
        CloudTrailEvent a = record("secretsmanager.amazonaws.com", "GetSecretValue", IAM_USER, "198.51.100.20", CLI,
                "\"requestParameters\":{\"secretId\":\"prod/db\"}");
        CloudTrailEvent b = record("secretsmanager.amazonaws.com", "GetSecretValue", IAM_USER, "198.51.100.20", CLI,
                "\"requestParameters\":{\"secretId\":\"prod/api\"}");
        CloudTrailEvent kafka = record("secretsmanager.amazonaws.com", "GetSecretValue",
                "{\"type\":\"AWSService\",\"invokedBy\":\"kafka.amazonaws.com\"}", "kafka.amazonaws.com",
                "kafka.amazonaws.com", "\"requestParameters\":{\"secretId\":\"AmazonMSK_x\"}");
        assertThat(rule.condition().test(a)).isTrue();
        assertThat(rule.condition().test(kafka)).isFalse();
        assertThat(t.cardinalityField().extract(a)).isNotEqualTo(t.cardinalityField().extract(b));
        assertThat(rule.info().needs()).anyMatch(n -> n.startsWith("user_agent."));
    }

    @Test
    void s3EnumerationGroupsByBucketHostSourceAndIdentityType() {
        CompiledRule rule = PeerRules.byName("AWS S3 Bucket Enumeration or Brute Force");
        Stateful.Threshold t = (Stateful.Threshold) rule.stateful();
        assertThat(t.groupBy()).extracting(Accessor::name)
                .containsExactly("tls.client.server_name", "source.address", "aws.cloudtrail.user_identity.type");
        assertThat(t.cardinalityField().name()).isEqualTo("event.id");
        assertThat(t.cardinality().holds(40)).isTrue();
        CloudTrailEvent denied = record("s3.amazonaws.com", "GetObject",
                "{\"type\":\"AWSAccount\",\"principalId\":\"\",\"accountId\":\"anonymous\"}", "203.0.113.66",
                "curl/8.4.0", "\"errorCode\":\"AccessDenied\",\"errorMessage\":\"Access Denied\","
                        + "\"tlsDetails\":{\"tlsVersion\":\"TLSv1.3\",\"cipherSuite\":\"TLS_AES_128_GCM_SHA256\","
                        + "\"clientProvidedHostHeader\":\"victim.s3.amazonaws.com\"}");
        CloudTrailEvent noTls = record("s3.amazonaws.com", "GetObject",
                "{\"type\":\"AWSAccount\",\"principalId\":\"\",\"accountId\":\"anonymous\"}", "203.0.113.66",
                "curl/8.4.0", "\"errorCode\":\"AccessDenied\",\"errorMessage\":\"Access Denied\"");
        assertThat(rule.condition().test(denied)).isTrue();
        assertThat(rule.condition().test(noTls)).isFalse();
        assertThat(t.groupBy().get(0).extract(denied)).isEqualTo("victim.s3.amazonaws.com");
    }
}
