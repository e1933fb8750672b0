package io.trailhound.core.rules.elastic;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.TestEvents;
import io.trailhound.core.rules.ir.Accessors;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ECS view's own rules, one pipeline quirk at a time. */
class EcsFieldsTest {
    private static Object get(String field, CloudTrailEvent e) {
        return EcsFields.resolve(field).accessor().extract(e);
    }

    private static CloudTrailEvent event(String body) {
        return TestEvents.parse("{\"eventTime\":\"2024-05-01T10:00:00Z\",\"eventID\":\"e1\"," + body + "}");
    }

    @Test
    void eventActionIsTheIndexableEventName() {
        CloudTrailEvent e = event("\"eventSource\":\"iam.amazonaws.com\",\"eventName\":\"CreateUser\"");
        assertThat(EcsFields.resolve("event.action").accessor().canonical())
                .isEqualTo(Accessors.eventName().canonical()).isEqualTo("eventName");
        assertThat(EcsFields.resolve("event.provider").accessor().canonical()).isEqualTo("eventSource");
        assertThat(get("event.action", e)).isEqualTo("CreateUser");
        assertThat(get("event.dataset", e)).isEqualTo("aws.cloudtrail");
        assertThat(get("data_stream.dataset", e)).isEqualTo("aws.cloudtrail");
        assertThat(get("@timestamp", e)).isEqualTo("2024-05-01T10:00:00.000Z");
    }

    @Test
    void outcomeFromErrorsAndFromTheConsoleLoginResponse() {
        assertThat(get("event.outcome", event("\"eventName\":\"CreateUser\""))).isEqualTo("success");
        assertThat(get("event.outcome", event("\"eventName\":\"CreateUser\",\"errorCode\":\"AccessDenied\"")))
                .isEqualTo("failure");
        assertThat(get("event.outcome", event("\"eventName\":\"CreateUser\",\"errorMessage\":\"boom\"")))
                .isEqualTo("failure");
        assertThat(get("event.outcome", event("\"eventName\":\"ConsoleLogin\",\"responseElements\":"
                + "{\"ConsoleLogin\":\"Failure\"}"))).isEqualTo("failure");
        // The pipeline drops "" before deciding: an empty errorCode is no error.
        assertThat(get("event.outcome", event("\"eventName\":\"CreateUser\",\"errorCode\":\"\""))).isEqualTo("success");
    }

    @Test
    void categoriesAndTypesByEventName() {
        CloudTrailEvent user = event("\"eventName\":\"CreateUser\"");
        assertThat(get("event.category", user)).isEqualTo("iam");
        assertThat(get("event.type", user)).isEqualTo(List.of("user", "creation"));
        CloudTrailEvent other = event("\"eventName\":\"PutBucketAcl\"");
        assertThat(get("event.category", other)).isNull();
        assertThat(get("event.type", other)).isEqualTo("info");
    }

    @Test
    void userNameIsTheRoleForAssumedRolesAndAbsentForServices() {
        CloudTrailEvent role = event("\"userIdentity\":{\"type\":\"AssumedRole\",\"principalId\":\"AROA1:bob\","
                + "\"arn\":\"arn:aws:sts::1:assumed-role/Ops/bob@example.com\",\"sessionContext\":{\"sessionIssuer\":"
                + "{\"type\":\"Role\",\"arn\":\"arn:aws:iam::1:role/Ops\",\"userName\":\"Ops\"}}}");
        assertThat(get("user.name", role)).isEqualTo("Ops");
        assertThat(get("user.id", role)).isEqualTo("AROA1:bob");
        assertThat(get("user.email", role)).isEqualTo("bob@example.com");
        assertThat(get("related.user", role)).isEqualTo(List.of("bob@example.com", "bob", "AROA1:bob", "Ops"));
        CloudTrailEvent service = event("\"userIdentity\":{\"type\":\"AWSService\",\"invokedBy\":\"ec2.amazonaws.com\"}");
        assertThat(get("service.name", service)).isEqualTo("ec2.amazonaws.com");
        assertThat(get("user.name", service)).isNull();
        CloudTrailEvent serviceRole = event("\"userIdentity\":{\"type\":\"AssumedRole\",\"principalId\":\"AROA2:x\","
                + "\"sessionContext\":{\"sessionIssuer\":{\"type\":\"Role\",\"userName\":\"AWSServiceRoleForSSM\","
                + "\"arn\":\"arn:aws:iam::1:role/aws-service-role/ssm.amazonaws.com/AWSServiceRoleForSSM\"}}}");
        assertThat(get("service.name", serviceRole)).isEqualTo("ssm.amazonaws.com");
        assertThat(get("user.id", serviceRole)).isNull();
    }

    @Test
    void accountFallsBackToTheRecipientAndSourceIpIsOnlyAnAddress() {
        CloudTrailEvent e = event("\"sourceIPAddress\":\"ec2.amazonaws.com\",\"recipientAccountId\":\"444455556666\","
                + "\"userIdentity\":{\"type\":\"AWSService\",\"invokedBy\":\"ec2.amazonaws.com\"}");
        assertThat(get("cloud.account.id", e)).isEqualTo("444455556666");
        assertThat(get("source.address", e)).isEqualTo("ec2.amazonaws.com");
        assertThat(get("source.ip", e)).isNull();
        assertThat(get("related.hosts", e)).isNull();
        CloudTrailEvent v6 = event("\"sourceIPAddress\":\"2001:db8::7\"");
        assertThat(get("source.ip", v6)).isEqualTo("2001:db8::7");
    }

    @Test
    void requestParametersTextIsJavaMapToStringAfterRemoveNulls() {
        CloudTrailEvent e = event("\"requestParameters\":{\"roleArn\":\"arn:aws:iam::1:role/r\",\"roleSessionName\":"
                + "\"s\",\"durationSeconds\":3600,\"policy\":null,\"externalId\":\"-\",\"serialNumber\":\"none\","
                + "\"tags\":[],\"transitiveTagKeys\":[\"a\",\"b\"],\"sub\":{\"k\":\"\"},\"ratio\":1.5,\"flag\":true}");
        // Key order is java.util.HashMap's, as the pipeline's Java map prints it (11 parsed keys: one
        // 16-bucket table, so the surviving keys print as in a fresh HashMap of them).
        Map<String, Object> survivors = new HashMap<>();
        survivors.put("roleArn", "arn:aws:iam::1:role/r");
        survivors.put("roleSessionName", "s");
        survivors.put("durationSeconds", 3600);
        survivors.put("transitiveTagKeys", List.of("a", "b"));
        survivors.put("ratio", 1.5);
        survivors.put("flag", true);
        assertThat((String) get("aws.cloudtrail.request_parameters", e)).isEqualTo(survivors.toString())
                .doesNotContain("policy").doesNotContain("externalId").doesNotContain("none").doesNotContain("sub");
        assertThat(get("aws.cloudtrail.flattened.request_parameters.durationSeconds", e)).isEqualTo("3600");
        assertThat(get("aws.cloudtrail.flattened.request_parameters.externalId", e)).isNull();
        assertThat(get("aws.cloudtrail.flattened.request_parameters.transitiveTagKeys", e)).isEqualTo(List.of("a", "b"));
    }

    @Test
    void flattenedPathsCrossArraysOfObjects() {
        CloudTrailEvent e = event("\"requestParameters\":{\"ipPermissions\":{\"items\":[{\"fromPort\":22,"
                + "\"ipRanges\":{\"items\":[{\"cidrIp\":\"0.0.0.0/0\"},{\"cidrIp\":\"10.0.0.0/8\"}]}},{\"fromPort\":443}]}}");
        assertThat(get("aws.cloudtrail.flattened.request_parameters.ipPermissions.items.fromPort", e))
                .isEqualTo(List.of("22", "443"));
        assertThat(get("aws.cloudtrail.flattened.request_parameters.ipPermissions.items.ipRanges.items.cidrIp", e))
                .isEqualTo(List.of("0.0.0.0/0", "10.0.0.0/8"));
        assertThat(get("aws.cloudtrail.flattened.request_parameters.ipPermissions", e)).isNull();
    }

    @Test
    void consoleLoginBooleansAndResources() {
        CloudTrailEvent e = event("\"eventName\":\"ConsoleLogin\",\"additionalEventData\":{\"MFAUsed\":\"No\","
                + "\"MobileVersion\":\"No\",\"LoginTo\":\"https://console.aws.amazon.com\"},\"resources\":["
                + "{\"ARN\":\"arn:aws:s3:::b\",\"accountId\":\"1\",\"type\":\"AWS::S3::Bucket\"},"
                + "{\"ARN\":\"arn:aws:s3:::b/k\",\"type\":\"AWS::S3::Object\"}]");
        assertThat(get("aws.cloudtrail.console_login.additional_eventdata.mfa_used", e)).isEqualTo("false");
        assertThat(get("aws.cloudtrail.console_login.additional_eventdata.login_to", e))
                .isEqualTo("https://console.aws.amazon.com");
        assertThat(get("aws.cloudtrail.resources.arn", e)).isEqualTo(List.of("arn:aws:s3:::b", "arn:aws:s3:::b/k"));
        assertThat(get("aws.cloudtrail.resources.account_id", e)).isEqualTo("1");
    }

    @Test
    void fieldsWeCannotProduceSayWhy() {
        assertThat(EcsFields.resolve("source.geo.country_iso_code").kind()).isEqualTo(EcsField.Kind.NEEDS_DATA);
        assertThat(EcsFields.resolve("source.geo.country_iso_code").need()).contains("--geoip-city");
        assertThat(EcsFields.resolve("source.as.number").need()).contains("--geoip-asn");
        assertThat(EcsFields.resolve("user_agent.name").kind()).isEqualTo(EcsField.Kind.NEEDS_DATA);
        assertThat(EcsFields.resolve("user_agent.original").kind()).isEqualTo(EcsField.Kind.PRODUCED);
        assertThat(EcsFields.resolve("process.name").kind()).isEqualTo(EcsField.Kind.UNKNOWN);
        assertThat(EcsFields.resolve("source.as.number").accessor().extract(event("\"sourceIPAddress\":\"1.2.3.4\"")))
                .isNull();
    }

    @Test
    void entityFieldsForTheRulesKeyedOnThem() {
        CloudTrailEvent e = event("\"eventSource\":\"iam.amazonaws.com\",\"eventName\":\"AttachRolePolicy\","
                + "\"userIdentity\":{\"type\":\"IAMUser\",\"arn\":\"arn:aws:iam::1:user/alice\",\"userName\":\"alice\","
                + "\"accessKeyId\":\"AKIA1\"},\"requestParameters\":{\"roleName\":\"app\",\"policyArn\":"
                + "\"arn:aws:iam::aws:policy/ReadOnlyAccess\"}");
        assertThat(get("entity.target.id", e)).isEqualTo("app");
        assertThat(get("related.entity", e)).asList().contains("arn:aws:iam::aws:policy/ReadOnlyAccess",
                "arn:aws:iam::1:user/alice", "AKIA1", "app");
    }
}
