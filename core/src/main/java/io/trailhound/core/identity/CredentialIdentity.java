package io.trailhound.core.identity;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.event.UserIdentity;
import java.util.Objects;

/**
 * What an event says about the credential it was made with: the fields of its userIdentity that
 * attribution reads, and nothing per event. Every event made with one credential carries the same
 * values, so the answer is a function of this and the ledger alone ({@link AttributionResolver#resolve(CredentialIdentity)}).
 * A store keeps it with the credential's row, so a later run can work the answer out again when an
 * issuance arrives.
 *
 * @param eventSource        the event's source, read only for records with no identity type (service events)
 * @param recipientAccountId the account that recorded the event, likewise
 */
public record CredentialIdentity(String type, String arn, String principalId, String accountId, String accessKeyId,
                                 String userName, String invokedBy, String identityProvider, String sessionCreationDate,
                                 String sourceIdentity, String ec2RoleDelivery, boolean assumedRoot, String issuerArn,
                                 String issuerUserName, String onBehalfOfUserId, String onBehalfOfIdentityStoreArn,
                                 String eventSource, String recipientAccountId) {

    public static CredentialIdentity of(CloudTrailEvent e) {
        UserIdentity u = e.userIdentity();
        UserIdentity.SessionIssuer si = u.sessionIssuer();
        boolean noType = u.type() == null;
        return new CredentialIdentity(u.type(), u.arn(), u.principalId(), u.accountId(), u.accessKeyId(), u.userName(),
                u.invokedBy(), u.identityProvider(), u.sessionCreationDate(), u.sourceIdentity(), u.ec2RoleDelivery(),
                u.assumedRoot(), si == null ? null : si.arn(), si == null ? null : si.userName(), u.onBehalfOfUserId(),
                u.onBehalfOfIdentityStoreArn(), noType ? e.eventSource() : null, noType ? e.recipientAccountId() : null);
    }

    /**
     * True when the event carries these values, the session's start ({@code sessionCreationDate})
     * aside, read from the event without building a second identity: the reading threads' cache of
     * answers ({@link RecentAnswers}) asks this once per event, and compares the start itself when
     * the ledger makes it matter.
     */
    boolean matchesApartFromStart(CloudTrailEvent e) {
        UserIdentity u = e.userIdentity();
        if (!Objects.equals(type, u.type()) || !Objects.equals(accessKeyId, u.accessKeyId()) || !Objects.equals(arn, u.arn())
                || !Objects.equals(principalId, u.principalId()) || !Objects.equals(accountId, u.accountId())
                || assumedRoot != u.assumedRoot()
                || !Objects.equals(userName, u.userName()) || !Objects.equals(invokedBy, u.invokedBy())
                || !Objects.equals(identityProvider, u.identityProvider()) || !Objects.equals(sourceIdentity, u.sourceIdentity())
                || !Objects.equals(ec2RoleDelivery, u.ec2RoleDelivery()) || !Objects.equals(onBehalfOfUserId, u.onBehalfOfUserId())
                || !Objects.equals(onBehalfOfIdentityStoreArn, u.onBehalfOfIdentityStoreArn())) {
            return false;
        }
        UserIdentity.SessionIssuer si = u.sessionIssuer();
        if (!Objects.equals(issuerArn, si == null ? null : si.arn()) || !Objects.equals(issuerUserName, si == null ? null : si.userName())) {
            return false;
        }
        boolean noType = u.type() == null;
        return Objects.equals(eventSource, noType ? e.eventSource() : null)
                && Objects.equals(recipientAccountId, noType ? e.recipientAccountId() : null);
    }

    /** True when the credential acts for someone the record does not name: the ledger must walk its chain. */
    public boolean needsChain() {
        return "AssumedRole".equals(type) || "FederatedUser".equals(type) || ("Root".equals(type) && assumedRoot);
    }

    /** True when the signing key is temporary (issued by STS). */
    public boolean temporaryKey() {
        return accessKeyId != null && accessKeyId.startsWith("ASIA");
    }
}
