package io.trailhound.synth;

/** One posture violation present in the generated posture files (ground truth for posture checks). */
record PostureFinding(String account, String principal, String check, String detail) {
    static final String CONSOLE_WITHOUT_MFA = "console-user-without-mfa";
    static final String KEY_CREATED_WITH_USER = "access-key-created-with-user";
    static final String TWO_ACTIVE_KEYS = "two-active-access-keys";
    static final String KEY_NOT_ROTATED = "access-key-not-rotated-90d";
    static final String CREDENTIALS_UNUSED = "credentials-unused-90d";
    static final String ROOT_ACCESS_KEY = "root-access-key-present";
    static final String ROLE_TRUST_UNPINNED = "role-trust-without-session-name-or-source-identity";
    static final String WEAK_PASSWORD_POLICY = "weak-password-policy";
}
