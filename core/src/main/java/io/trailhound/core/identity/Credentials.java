package io.trailhound.core.identity;

import io.trailhound.core.event.CloudTrailEvent;

/** The key a credential is known by: what events refer to, and what a store keys its row by. */
public final class Credentials {
    private Credentials() {
    }

    /** The credential an event was made with (see {@link #keyOf(CredentialIdentity)}). */
    public static String keyOf(CloudTrailEvent e) {
        String key = e.userIdentity().accessKeyId();
        return key != null ? key : keyOf(CredentialIdentity.of(e));
    }

    /**
     * Its access key when the record has one (an issued key, a console session's key, an IAM
     * user's key). A record without a key (AWS service events, service-linked sessions) refers to
     * the identity it names: its answer depends on nothing else, so identical identities share
     * one credential. Such keys start with {@code id:} and are a 128-bit hash of those fields.
     */
    public static String keyOf(CredentialIdentity c) {
        if (c.accessKeyId() != null) {
            return c.accessKeyId();
        }
        String text = c.type() + '\u0000' + c.arn() + '\u0000' + c.principalId() + '\u0000' + c.accountId() + '\u0000'
                + c.userName() + '\u0000' + c.invokedBy() + '\u0000' + c.identityProvider() + '\u0000'
                + c.sessionCreationDate() + '\u0000' + c.sourceIdentity() + '\u0000' + c.ec2RoleDelivery() + '\u0000'
                + c.assumedRoot() + '\u0000' + c.issuerArn() + '\u0000' + c.issuerUserName() + '\u0000'
                + c.onBehalfOfUserId() + '\u0000' + c.onBehalfOfIdentityStoreArn() + '\u0000' + c.eventSource() + '\u0000'
                + c.recipientAccountId();
        return "id:" + Long.toHexString(mix(text, 0x9E3779B97F4A7C15L)) + Long.toHexString(mix(text, 0xC2B2AE3D27D4EB4FL));
    }

    private static long mix(String s, long seed) {
        long h = seed ^ s.length();
        for (int i = 0; i < s.length(); i++) {
            h = (h ^ s.charAt(i)) * 0x100000001B3L;
            h = Long.rotateLeft(h, 29) * 0x9E3779B97F4A7C15L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        return h ^ h >>> 33;
    }
}
