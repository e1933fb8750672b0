package io.trailhound.core.rules.falco;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.TestEvents;

/**
 * CloudTrail records for rule tests, written from the AWS CloudTrail User Guide's record shapes:
 * the common top-level fields, one of a few caller identities, and the call's own parts.
 */
final class Records {
    static final String ALICE = """
            {"type":"IAMUser","principalId":"AIDAEXAMPLEALICE","arn":"arn:aws:iam::111122223333:user/alice",
             "accountId":"111122223333","accessKeyId":"AKIAEXAMPLEALICE","userName":"alice"}""";
    static final String ROOT = """
            {"type":"Root","principalId":"111122223333","arn":"arn:aws:iam::111122223333:root",
             "accountId":"111122223333"}""";
    static final String ADMIN_ROLE = """
            {"type":"AssumedRole","principalId":"AROAEXAMPLEADMIN:bob",
             "arn":"arn:aws:sts::111122223333:assumed-role/Admin/bob","accountId":"111122223333",
             "accessKeyId":"ASIAEXAMPLEBOB",
             "sessionContext":{"sessionIssuer":{"type":"Role","principalId":"AROAEXAMPLEADMIN",
               "arn":"arn:aws:iam::111122223333:role/Admin","accountId":"111122223333","userName":"Admin"},
               "attributes":{"creationDate":"2024-05-01T09:00:00Z","mfaAuthenticated":"false"}}}""";

    private Records() {
    }

    /** A record of {@code eventName} on {@code eventSource} by {@code identity}, {@code rest} starting with a comma. */
    static String json(String eventSource, String eventName, String identity, String rest) {
        return """
                {"eventVersion":"1.08","userIdentity":%s,"eventTime":"2024-05-01T10:00:00Z",
                 "eventSource":"%s","eventName":"%s","awsRegion":"us-east-1",
                 "sourceIPAddress":"203.0.113.9","userAgent":"aws-cli/2.15.0","eventID":"0b5b3b1a-1111-4aaa-9bbb-000000000001",
                 "readOnly":false,"eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"111122223333",
                 "eventCategory":"Management"%s}""".formatted(identity, eventSource, eventName, rest);
    }

    static CloudTrailEvent event(String eventSource, String eventName, String identity, String rest) {
        return TestEvents.parse(json(eventSource, eventName, identity, rest));
    }

    /** A console sign-in record (eventType AwsConsoleSignIn) with the given result and MFA flag. */
    static CloudTrailEvent consoleLogin(String identity, String result, String mfaUsed, String error) {
        return TestEvents.parse("""
                {"eventVersion":"1.08","userIdentity":%s,"eventTime":"2024-05-01T10:00:00Z",
                 "eventSource":"signin.amazonaws.com","eventName":"ConsoleLogin","awsRegion":"us-east-1",
                 "sourceIPAddress":"198.51.100.7","userAgent":"Mozilla/5.0","requestParameters":null,
                 %s"responseElements":{"ConsoleLogin":"%s"},
                 "additionalEventData":{"LoginTo":"https://console.aws.amazon.com/","MobileVersion":"No",
                   "MFAUsed":"%s"},
                 "eventID":"0b5b3b1a-2222-4aaa-9bbb-000000000002","readOnly":false,"eventType":"AwsConsoleSignIn",
                 "managementEvent":true,"recipientAccountId":"111122223333","eventCategory":"Management"}"""
                .formatted(identity, error == null ? "" : "\"errorMessage\":\"" + error + "\",", result, mfaUsed));
    }
}
