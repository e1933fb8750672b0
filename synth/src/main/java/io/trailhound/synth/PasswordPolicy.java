package io.trailhound.synth;

/**
 * An account password policy as {@code get-account-password-policy} returns it. Absent settings
 * (no expiry, no reuse prevention) are {@code 0} and left out of the JSON, as the CLI does.
 */
record PasswordPolicy(int minimumLength, boolean requireSymbols, boolean requireNumbers,
                      boolean requireUppercase, boolean requireLowercase, boolean allowUsersToChange,
                      int maxPasswordAgeDays, int reusePrevention, boolean hardExpiry) {

    static PasswordPolicy strong() {
        return new PasswordPolicy(14, true, true, true, true, true, 90, 24, false);
    }

    /** Length 8, no symbols or upper case, no expiry, no reuse prevention. */
    static PasswordPolicy weak() {
        return new PasswordPolicy(8, false, true, false, true, true, 0, 0, false);
    }

    boolean expires() {
        return maxPasswordAgeDays > 0;
    }

    /** Below CIS: shorter than 14, reuse prevention under 24, or a character class not required. */
    boolean isWeak() {
        return minimumLength < 14 || reusePrevention < 24 || !requireSymbols || !requireNumbers
                || !requireUppercase || !requireLowercase;
    }
}
