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
    /**
     * The event whose raw bytes hold the string fields the decoder left unbuilt ({@link RawTexts}),
     * or null when every field was set at once. The sessionIssuer is made from its five fields on
     * first use: set at once here when not strings, else noted in the event.
     */
    CloudTrailEvent owner;
    boolean issuerSeen;
    String issuerType;
    String issuerPrincipalId;
    String issuerArn;
    String issuerAccountId;
    String issuerUserName;

    UserIdentity() {
    }

    private String text(int slot) {
        CloudTrailEvent e = owner;
        return e == null ? null : e.text(slot);
    }

    private String issuer(String set, int slot) {
        return set != null ? set : text(slot);
    }

    /** String fields of a userIdentity that {@link #holds} compares. */
    public enum Text {
        TYPE, PRINCIPAL_ID, ARN, ACCOUNT_ID, ACCESS_KEY_ID, USER_NAME, INVOKED_BY, IDENTITY_PROVIDER, EC2_ROLE_DELIVERY,
        SESSION_CREATION_DATE, SESSION_ISSUER_ARN, SESSION_ISSUER_USER_NAME
    }

    /**
     * Whether field {@code field} is {@code value} (null: absent), as {@code Objects.equals(value,
     * accessor())} tells, but compared with the record's bytes while the field is not built yet:
     * a check of every event against a cached identity then builds no strings.
     */
    public boolean holds(Text field, String value) {
        return switch (field) {
            case TYPE -> holds(type, RawTexts.UI_TYPE, value);
            case PRINCIPAL_ID -> holds(principalId, RawTexts.UI_PRINCIPAL_ID, value);
            case ARN -> holds(arn, RawTexts.UI_ARN, value);
            case ACCOUNT_ID -> holds(accountId, RawTexts.UI_ACCOUNT_ID, value);
            // An empty key is kept as null: an empty value goes through the accessor.
            case ACCESS_KEY_ID -> value == null || value.isEmpty() ? java.util.Objects.equals(value, accessKeyId())
                    : holds(accessKeyId, RawTexts.UI_ACCESS_KEY_ID, value);
            case USER_NAME -> holds(userName, RawTexts.UI_USER_NAME, value);
            case INVOKED_BY -> holds(invokedBy, RawTexts.UI_INVOKED_BY, value);
            case IDENTITY_PROVIDER -> holds(identityProvider, RawTexts.UI_IDENTITY_PROVIDER, value);
            case EC2_ROLE_DELIVERY -> holds(ec2RoleDelivery, RawTexts.UI_EC2_ROLE_DELIVERY, value);
            case SESSION_CREATION_DATE -> holds(sessionCreationDate, RawTexts.UI_SESSION_CREATION_DATE, value);
            case SESSION_ISSUER_ARN -> sessionIssuer != null ? java.util.Objects.equals(value, sessionIssuer.arn())
                    : !issuerSeen ? value == null : holds(issuerArn, RawTexts.SI_ARN, value);
            case SESSION_ISSUER_USER_NAME -> sessionIssuer != null ? java.util.Objects.equals(value, sessionIssuer.userName())
                    : !issuerSeen ? value == null : holds(issuerUserName, RawTexts.SI_USER_NAME, value);
        };
    }

    private boolean holds(String set, int slot, String value) {
        if (set != null) {
            return set.equals(value);
        }
        CloudTrailEvent e = owner;
        return e == null ? value == null : e.textIs(slot, value);
    }

    /** This identity with every field built and no tie to its event's raw bytes, for holding it long after the event. */
    UserIdentity resolved() {
        if (owner != null) {
            type(); principalId(); arn(); accountId(); accessKeyId(); userName(); invokedBy(); identityProvider();
            credentialId(); sessionCreationDate(); ec2RoleDelivery(); webIdFederatedProvider(); signInSessionArn();
            sessionIssuer();
            owner = null;
        }
        return this;
    }

    /** The issuer of a temporary session: the role or user whose credentials were used to obtain it. */
    public record SessionIssuer(String type, String principalId, String arn, String accountId, String userName) {
    }

    /** Service-to-service scope, as on calls made with AssumeRoot or service-issued credentials. */
    public record InScopeOf(String issuerType, String credentialsIssuedTo, String sourceArn, String sourceAccount) {
    }

    public String type() { String s = type; return s != null ? s : (type = text(RawTexts.UI_TYPE)); }
    public String principalId() { String s = principalId; return s != null ? s : (principalId = text(RawTexts.UI_PRINCIPAL_ID)); }
    public String arn() { String s = arn; return s != null ? s : (arn = text(RawTexts.UI_ARN)); }
    public String accountId() { String s = accountId; return s != null ? s : (accountId = text(RawTexts.UI_ACCOUNT_ID)); }
    public String accessKeyId() {
        String s = accessKeyId;
        if (s == null && (s = text(RawTexts.UI_ACCESS_KEY_ID)) != null) {
            if (s.isEmpty()) {
                owner.textAt[RawTexts.UI_ACCESS_KEY_ID] = 0; // written as "": kept as null
                return null;
            }
            accessKeyId = s;
        }
        return s;
    }
    public String userName() { String s = userName; return s != null ? s : (userName = text(RawTexts.UI_USER_NAME)); }
    public String invokedBy() { String s = invokedBy; return s != null ? s : (invokedBy = text(RawTexts.UI_INVOKED_BY)); }
    public String identityProvider() { String s = identityProvider; return s != null ? s : (identityProvider = text(RawTexts.UI_IDENTITY_PROVIDER)); }
    public String credentialId() { String s = credentialId; return s != null ? s : (credentialId = text(RawTexts.UI_CREDENTIAL_ID)); }
    /** {@code sessionContext.attributes.creationDate} as written (ISO 8601), or null. */
    public String sessionCreationDate() { String s = sessionCreationDate; return s != null ? s : (sessionCreationDate = text(RawTexts.UI_SESSION_CREATION_DATE)); }
    /** {@code sessionContext.attributes.mfaAuthenticated}, or null when the record has no session context. */
    public Boolean mfaAuthenticated() { return mfaAuthenticated; }
    /** {@code sessionContext.sourceIdentity}, or {@code userIdentity.sourceIdentity} on older records. */
    public String sourceIdentity() { return sourceIdentity; }
    public String ec2RoleDelivery() { String s = ec2RoleDelivery; return s != null ? s : (ec2RoleDelivery = text(RawTexts.UI_EC2_ROLE_DELIVERY)); }
    public boolean assumedRoot() { return assumedRoot; }
    public String webIdFederatedProvider() { String s = webIdFederatedProvider; return s != null ? s : (webIdFederatedProvider = text(RawTexts.UI_WEB_ID_PROVIDER)); }
    public String signInSessionArn() { String s = signInSessionArn; return s != null ? s : (signInSessionArn = text(RawTexts.UI_SIGN_IN_SESSION_ARN)); }
    public SessionIssuer sessionIssuer() {
        SessionIssuer s = sessionIssuer;
        if (s == null && issuerSeen) {
            s = new SessionIssuer(issuer(issuerType, RawTexts.SI_TYPE), issuer(issuerPrincipalId, RawTexts.SI_PRINCIPAL_ID),
                    issuer(issuerArn, RawTexts.SI_ARN), issuer(issuerAccountId, RawTexts.SI_ACCOUNT_ID),
                    issuer(issuerUserName, RawTexts.SI_USER_NAME));
            sessionIssuer = s;
        }
        return s;
    }
    public String onBehalfOfUserId() { return onBehalfOfUserId; }
    public String onBehalfOfIdentityStoreArn() { return onBehalfOfIdentityStoreArn; }
    public InScopeOf inScopeOf() { return inScopeOf; }

    /** True when the signing key is temporary (issued by STS). */
    public boolean temporaryKey() {
        String k = accessKeyId();
        return k != null && k.startsWith("ASIA");
    }
}
