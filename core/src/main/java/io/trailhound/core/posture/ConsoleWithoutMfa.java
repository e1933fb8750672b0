package io.trailhound.core.posture;

import io.trailhound.core.Severity;

import java.util.List;

/** {@code console-without-mfa}: a console password and no active MFA device. */
final class ConsoleWithoutMfa extends ReportRowCheck {
    static final CheckInfo INFO = new CheckInfo("console-without-mfa", "Console password without MFA", Severity.HIGH, "users",
            "A phished or reused password alone signs in to the console.",
            "Enable an MFA device for the user, or remove the console password if it is not needed.",
            "1.10 (v4.0) / 1.9 (v5.0)", "mfa-enabled-for-iam-console-access", "IAM.5", List.of());

    ConsoleWithoutMfa() {
        super(INFO, ReportRowCheck::consoleUser);
    }

    @Override
    Violation violation(CredentialReportRow row, AuditContext ctx) {
        if (row.mfaActive()) {
            return null;
        }
        return new Violation("console password enabled, no MFA device active"
                + (row.passwordLastUsed() == null ? "" : "; last sign-in " + ctx.dated(row.passwordLastUsed())), -1);
    }
}
