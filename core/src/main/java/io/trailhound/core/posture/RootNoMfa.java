package io.trailhound.core.posture;

import io.trailhound.core.Severity;

import java.util.List;

/** {@code root-no-mfa}: the root user has no active MFA device. */
final class RootNoMfa extends ReportRowCheck {
    static final CheckInfo INFO = new CheckInfo("root-no-mfa", "Root user without MFA", Severity.CRITICAL, "accounts",
            "Root's password (or a reset through the account e-mail) alone then takes over the whole account.",
            "Enable MFA for the root user, preferably a hardware device kept offline.",
            "1.5 (v4.0) / 1.4 (v5.0)", "root-account-mfa-enabled", "IAM.9", List.of());

    RootNoMfa() {
        super(INFO, CredentialReportRow::isRoot, CredentialReportRow::isRoot);
    }

    @Override
    Violation violation(CredentialReportRow row, AuditContext ctx) {
        return row.mfaActive() ? null : new Violation("root user has no active MFA device", -1);
    }
}
