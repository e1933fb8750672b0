package io.trailhound.core.posture;

import io.trailhound.core.Severity;

/**
 * One violation. {@code user} names an IAM user ({@code <root_account>} for root); {@code role}
 * holds a role's ARN for trust-policy findings; both are null for account-wide findings (the
 * password policy). {@code ageDays} is how long the condition has lasted where that is known
 * (a key's age, days unused), else -1; it orders findings and fills the age tiers.
 */
public record Finding(String check, Severity severity, String account, String user, String role, String detail,
                      long ageDays) {

    /** The principal for grouping and display: the user, the role ARN, or the account. */
    public String principal() {
        return user != null ? user : role != null ? role : "(account)";
    }
}
