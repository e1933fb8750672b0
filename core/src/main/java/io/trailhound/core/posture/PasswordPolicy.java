package io.trailhound.core.posture;

/**
 * The account password policy ({@code get-account-password-policy}). Absent settings are null:
 * no expiry, no reuse prevention. {@code custom} is false when the account has none
 * ({@code NoSuchEntity}) and IAM's default applies: 8 characters, no expiry, no reuse prevention.
 */
public record PasswordPolicy(boolean custom, Integer minimumLength, Integer reusePrevention, Integer maxAgeDays,
                             boolean requireSymbols, boolean requireNumbers, boolean requireUppercase,
                             boolean requireLowercase) {

    public static PasswordPolicy iamDefault() {
        return new PasswordPolicy(false, 8, null, null, false, false, false, false);
    }
}
