package io.trailhound.core.identity;

/**
 * One issue of temporary credentials, keyed by the access key it returned. Times are epoch
 * milliseconds; {@code expiresAt} is {@link Long#MAX_VALUE} when the record gives no expiration.
 *
 * @param roleArn        the role assumed (AssumeRole*), null otherwise
 * @param sessionArn     the assumed-role or federated-user ARN the credentials act as
 * @param sessionName    roleSessionName, or the federated user's name
 * @param subject        SAML or web-identity subject
 * @param provider       SAML provider ARN or web-identity provider
 * @param targetAccount  AssumeRoot's target member account
 * @param recordAccount  the account whose trail recorded this copy (recipientAccountId)
 */
public record Issuance(IssuanceKind kind, String accessKeyId, Caller caller, String roleArn, String sessionArn,
                       String sessionName, String sourceIdentity, String subject, String provider, Boolean mfa,
                       long issuedAt, long expiresAt, String targetAccount, String recordAccount, String eventID,
                       String sharedEventID, String requestID) {

    /**
     * The fuller of two copies of one cross-account issuance: the caller's copy names the caller,
     * the role owner's copy only its account. Either may arrive first; the result is the same.
     */
    Issuance merge(Issuance other) {
        if (other == null) {
            return this;
        }
        boolean mineFuller = !caller.accountOnly() || other.caller.accountOnly();
        Issuance a = mineFuller ? this : other;
        Issuance b = mineFuller ? other : this;
        if (a.caller.accountOnly() == b.caller.accountOnly() && a.eventID.compareTo(b.eventID) > 0) {
            // Two equally full copies: keep the same one whichever came first.
            Issuance t = a;
            a = b;
            b = t;
        }
        return new Issuance(a.kind, a.accessKeyId, a.caller, first(a.roleArn, b.roleArn), first(a.sessionArn, b.sessionArn),
                first(a.sessionName, b.sessionName), first(a.sourceIdentity, b.sourceIdentity), first(a.subject, b.subject),
                first(a.provider, b.provider), a.mfa != null ? a.mfa : b.mfa, Math.min(a.issuedAt, b.issuedAt),
                Math.min(a.expiresAt, b.expiresAt), first(a.targetAccount, b.targetAccount), a.recordAccount, a.eventID,
                first(a.sharedEventID, b.sharedEventID), first(a.requestID, b.requestID));
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }
}
