package io.trailhound.core.alert;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.event.UserIdentity;

/**
 * The event an alert is about, in the few fields a reader needs to find it again: small enough to
 * hold for stateful rules until the end of a run.
 *
 * @param accessKeyId the key the event was made with (its credential, whose answer an alert shows), or null
 */
public record AlertEvent(long timeMillis, String time, String eventID, String eventSource, String eventName,
                         String awsRegion, String recipientAccountId, String sourceIPAddress,
                         String identityType, String principalArn, String file, long offset, String accessKeyId) {
    /** Without the access key (callers from before it was kept). */
    public AlertEvent(long timeMillis, String time, String eventID, String eventSource, String eventName, String awsRegion,
                      String recipientAccountId, String sourceIPAddress, String identityType, String principalArn, String file,
                      long offset) {
        this(timeMillis, time, eventID, eventSource, eventName, awsRegion, recipientAccountId, sourceIPAddress, identityType,
                principalArn, file, offset, null);
    }

    public static AlertEvent of(CloudTrailEvent e) {
        UserIdentity u = e.userIdentity();
        return new AlertEvent(e.eventTimeMillis(), e.eventTimeText(), e.eventID(), e.eventSource(), e.eventName(),
                e.awsRegion(), e.recipientAccountId(), e.sourceIPAddress(), u == null ? null : u.type(),
                u == null ? null : u.arn(), e.position() == null ? null : e.position().source(),
                e.position() == null ? -1 : e.position().byteOffset(), u == null ? null : u.accessKeyId());
    }
}
