package io.trailhound.core.identity;

import io.trailhound.core.event.UserIdentity;

/**
 * Who made an issuing call, as its record's userIdentity says: enough to continue the walk to the
 * origin (their own key, for chains) or to name the origin.
 */
public record Caller(String type, String arn, String principalId, String accountId, String accessKeyId,
                     String userName, String invokedBy, String sourceIdentity, String identityProvider,
                     String sessionCreationDate, boolean consoleSession) {

    static Caller of(UserIdentity u, boolean consoleSession) {
        return new Caller(u.type(), u.arn(), u.principalId(), u.accountId(), u.accessKeyId(), u.userName(),
                u.invokedBy(), u.sourceIdentity(), u.identityProvider(), u.sessionCreationDate(), consoleSession);
    }

    /** The role owner's copy of a cross-account call names only the calling account and principal id. */
    public boolean accountOnly() {
        return "AWSAccount".equals(type);
    }
}
