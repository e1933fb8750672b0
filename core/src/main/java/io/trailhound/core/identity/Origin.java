package io.trailhound.core.identity;

/**
 * The human, workload or account at the start of a chain. {@code type} is an IAM identity type
 * (IAMUser, Root, SAMLUser, WebIdentityUser, IdentityCenterUser, AWSService, AWSAccount) or, for
 * origins that rest on a name only, SourceIdentity or SessionName. An ARN where one exists,
 * else a name; {@code provider} for federated subjects.
 */
public record Origin(String type, String arn, String name, String provider, String account) {
    static Origin arn(String type, String arn, String account) {
        return new Origin(type, arn, null, null, account);
    }

    static Origin named(String type, String name, String provider, String account) {
        return new Origin(type, null, name, provider, account);
    }

    /** The ARN, or the name: what a person reads. */
    public String label() {
        return arn != null ? arn : name;
    }
}
