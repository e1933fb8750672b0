package io.trailhound.store;

import java.time.Instant;

/**
 * One stored event with its origin, as queries return it. Origin fields are null when the event
 * has no attribution in the store; {@code raw} is null unless the query asked for it.
 */
public record StoredEvent(String eventID, Instant eventTime, String eventSource, String eventName, String awsRegion,
                          String sourceIPAddress, String userAgent, String errorCode, String recipientAccountId,
                          String identityType, String identityArn, String accessKeyId, String sessionIssuerArn,
                          String originType, String originArn, String originName, String originProvider,
                          String originAccount, String confidence, String reason, String raw) {

    /** The origin's ARN, or its name. */
    public String originLabel() {
        return originArn != null ? originArn : originName;
    }
}
