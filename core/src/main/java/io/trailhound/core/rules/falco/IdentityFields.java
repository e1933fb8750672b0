package io.trailhound.core.rules.falco;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.event.UserIdentity;

/** The plugin's computed identity fields: {@code ct.user} and {@code ct.originaluser}. */
final class IdentityFields {
    private IdentityFields() {
    }

    /**
     * {@code ct.user}: the name the plugin shows for the caller, chosen by identity type. Types the
     * plugin does not know (SAMLUser, WebIdentityUser, IdentityCenterUser, …) give no value.
     */
    static String user(CloudTrailEvent e) {
        UserIdentity u = e.userIdentity();
        String type = u.type();
        if (type == null) {
            return null;
        }
        return switch (type) {
            case "Root", "IAMUser" -> u.userName();
            case "AWSService" -> u.invokedBy();
            case "AssumedRole" -> {
                UserIdentity.SessionIssuer s = u.sessionIssuer();
                yield s != null && s.userName() != null ? s.userName() : "AssumedRole";
            }
            case "AWSAccount" -> "AWSAccount";
            case "FederatedUser" -> "FederatedUser";
            default -> null;
        };
    }

    /** {@code ct.originaluser}: the session name of an assumed role, else the user name. */
    static String originalUser(CloudTrailEvent e) {
        UserIdentity u = e.userIdentity();
        if (!"AssumedRole".equals(u.type())) {
            return u.userName();
        }
        if (u.arn() != null) {
            String[] parts = u.arn().split("/", -1);
            if (parts.length == 3) {
                return parts[2];
            }
        }
        if (u.principalId() != null) {
            String[] parts = u.principalId().split(":", -1);
            if (parts.length == 2) {
                return parts[1];
            }
        }
        return null;
    }

    /** {@code ct.user.accountid}: the caller's account, or the recipient account when not given. */
    static String accountId(CloudTrailEvent e) {
        String a = e.userIdentity().accountId();
        return a != null ? a : e.recipientAccountId();
    }
}
