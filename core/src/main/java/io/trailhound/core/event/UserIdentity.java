package io.trailhound.core.event;

/**
 * The {@code userIdentity} element of a CloudTrail record, decoded once with every field that
 * attribution reads. Absent fields are {@code null}; CloudTrail sometimes writes an empty string
 * for {@code accessKeyId}, which is kept as {@code null} so callers test one thing.
 */
public final class UserIdentity {
    String type;
    String principalId;
    String arn;
    String accountId;
    String accessKeyId;
    String userName;
    String invokedBy;
    String identityProvider;
    String credentialId;
    // sessionContext
    String sessionCreationDate;
    Boolean mfaAuthenticated;
    String sourceIdentity;
    String ec2RoleDelivery;
    boolean assumedRoot;
    String webIdFederatedProvider;
    String signInSessionArn;
    SessionIssuer sessionIssuer;
    // Identity Center and service-to-service scopes
    String onBehalfOfUserId;
    String onBehalfOfIdentityStoreArn;
    InScopeOf inScopeOf;

    UserIdentity() {
    }

    /** The issuer of a temporary session: the role or user whose credentials were used to obtain it. */
    public record SessionIssuer(String type, String principalId, String arn, String accountId, String userName) {
    }

    /** Service-to-service scope, as on calls made with AssumeRoot or service-issued credentials. */
    public record InScopeOf(String issuerType, String credentialsIssuedTo, String sourceArn, String sourceAccount) {
    }

    public String type() { return type; }
    public String principalId() { return principalId; }
    public String arn() { return arn; }
    public String accountId() { return accountId; }
    public String accessKeyId() { return accessKeyId; }
    public String userName() { return userName; }
    public String invokedBy() { return invokedBy; }
    public String identityProvider() { return identityProvider; }
    public String credentialId() { return credentialId; }
    /** {@code sessionContext.attributes.creationDate} as written (ISO 8601), or null. */
    public String sessionCreationDate() { return sessionCreationDate; }
    /** {@code sessionContext.attributes.mfaAuthenticated}, or null when the record has no session context. */
    public Boolean mfaAuthenticated() { return mfaAuthenticated; }
    /** {@code sessionContext.sourceIdentity}, or {@code userIdentity.sourceIdentity} on older records. */
    public String sourceIdentity() { return sourceIdentity; }
    public String ec2RoleDelivery() { return ec2RoleDelivery; }
    public boolean assumedRoot() { return assumedRoot; }
    public String webIdFederatedProvider() { return webIdFederatedProvider; }
    public String signInSessionArn() { return signInSessionArn; }
    public SessionIssuer sessionIssuer() { return sessionIssuer; }
    public String onBehalfOfUserId() { return onBehalfOfUserId; }
    public String onBehalfOfIdentityStoreArn() { return onBehalfOfIdentityStoreArn; }
    public InScopeOf inScopeOf() { return inScopeOf; }

    /** True when the signing key is temporary (issued by STS). */
    public boolean temporaryKey() {
        return accessKeyId != null && accessKeyId.startsWith("ASIA");
    }
}
