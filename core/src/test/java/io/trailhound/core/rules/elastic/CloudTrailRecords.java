package io.trailhound.core.rules.elastic;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.TestEvents;

/**
 * Hand-written CloudTrail records for rule tests, shaped as AWS documents them ("CloudTrail record
 * contents"). Only the envelope (version, time, id, region, account) is shared; what each test
 * event does is written out by the test.
 */
final class CloudTrailRecords {
    static final String IAM_USER = """
            {"type":"IAMUser","principalId":"AIDA2EXAMPLEUSER","arn":"arn:aws:iam::111122223333:user/alice",
             "accountId":"111122223333","accessKeyId":"AKIA2EXAMPLEKEY00001","userName":"alice"}""";
    static final String IAM_USER_TEMP_KEY = """
            {"type":"IAMUser","principalId":"AIDA2EXAMPLEUSER","arn":"arn:aws:iam::111122223333:user/alice",
             "accountId":"111122223333","accessKeyId":"ASIA2EXAMPLEKEY00001","userName":"alice"}""";
    static final String ROOT = """
            {"type":"Root","principalId":"111122223333","arn":"arn:aws:iam::111122223333:root",
             "accountId":"111122223333","accessKeyId":"ASIA2EXAMPLEROOT0001"}""";
    static final String ASSUMED_ROLE = """
            {"type":"AssumedRole","principalId":"AROA2EXAMPLEROLE:bob","arn":"arn:aws:sts::111122223333:assumed-role/Ops/bob",
             "accountId":"111122223333","accessKeyId":"ASIA2EXAMPLEROLE0001",
             "sessionContext":{"sessionIssuer":{"type":"Role","principalId":"AROA2EXAMPLEROLE",
               "arn":"arn:aws:iam::111122223333:role/Ops","accountId":"111122223333","userName":"Ops"},
               "attributes":{"creationDate":"2024-05-01T09:00:00Z","mfaAuthenticated":"false"}}}""";
    static final String EC2_INSTANCE_ROLE = """
            {"type":"AssumedRole","principalId":"AROA2EXAMPLEEC2:i-0abc1234def567890",
             "arn":"arn:aws:sts::111122223333:assumed-role/WebServer/i-0abc1234def567890",
             "accountId":"111122223333","accessKeyId":"ASIA2EXAMPLEEC200001",
             "sessionContext":{"sessionIssuer":{"type":"Role","principalId":"AROA2EXAMPLEEC2",
               "arn":"arn:aws:iam::111122223333:role/WebServer","accountId":"111122223333","userName":"WebServer"},
               "ec2RoleDelivery":"2.0"}}""";
    static final String AWS_SERVICE = """
            {"type":"AWSService","invokedBy":"ec2.amazonaws.com"}""";
    static final String TERRAFORM_ROLE = """
            {"type":"AssumedRole","principalId":"AROA2EXAMPLETF:ci","arn":"arn:aws:sts::111122223333:assumed-role/terraform/ci",
             "accountId":"111122223333","accessKeyId":"ASIA2EXAMPLETF000001",
             "sessionContext":{"sessionIssuer":{"type":"Role","principalId":"AROA2EXAMPLETF",
               "arn":"arn:aws:iam::111122223333:role/terraform","accountId":"111122223333","userName":"terraform"}}}""";

    private CloudTrailRecords() {
    }

    /**
     * A record: {@code identity} is a userIdentity object, {@code rest} more top-level members
     * (requestParameters, errorCode, …) without the surrounding braces, or empty.
     */
    static CloudTrailEvent record(String eventSource, String eventName, String identity, String sourceIp,
                                  String userAgent, String rest) {
        String json = "{\"eventVersion\":\"1.09\",\"userIdentity\":" + identity
                + ",\"eventTime\":\"2024-05-01T10:00:00Z\",\"eventSource\":\"" + eventSource
                + "\",\"eventName\":\"" + eventName + "\",\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"" + sourceIp
                + "\",\"userAgent\":\"" + userAgent + "\",\"requestID\":\"req-1\",\"eventID\":\"evt-"
                + eventName + "\",\"eventType\":\"AwsApiCall\",\"managementEvent\":true,"
                + "\"recipientAccountId\":\"111122223333\",\"eventCategory\":\"Management\""
                + (rest.isEmpty() ? "" : "," + rest) + "}";
        return TestEvents.parse(json);
    }
}
