package io.trailhound.core.event;

/**
 * The request and response fields of an STS call that attribution reads, decoded while the record
 * streams past (STS calls are a tenth of a typical trail; building their whole tree would cost
 * more than the rest of attribution). Absent fields are null.
 */
public final class StsFields {
    // requestParameters
    String roleArn;
    String roleSessionName;
    String requestSourceIdentity;
    String serialNumber;
    String federationName;
    String principalArn;
    String targetPrincipal;
    // responseElements
    boolean responseSeen;
    String accessKeyId;
    String expiration;
    String assumedRoleArn;
    String federatedUserArn;
    String responseSourceIdentity;
    String subject;
    String subjectFromWebIdentityToken;
    String provider;

    StsFields() {
    }

    public String roleArn() { return roleArn; }
    public String roleSessionName() { return roleSessionName; }
    public String requestSourceIdentity() { return requestSourceIdentity; }
    public String serialNumber() { return serialNumber; }
    /** requestParameters.name of GetFederationToken. */
    public String federationName() { return federationName; }
    public String principalArn() { return principalArn; }
    public String targetPrincipal() { return targetPrincipal; }
    /** True when the record had a responseElements object (decoded here). */
    public boolean responseSeen() { return responseSeen; }
    /** responseElements.credentials.accessKeyId: the issued key. */
    public String accessKeyId() { return accessKeyId; }
    public String expiration() { return expiration; }
    public String assumedRoleArn() { return assumedRoleArn; }
    public String federatedUserArn() { return federatedUserArn; }
    public String responseSourceIdentity() { return responseSourceIdentity; }
    public String subject() { return subject; }
    public String subjectFromWebIdentityToken() { return subjectFromWebIdentityToken; }
    public String provider() { return provider; }
}
