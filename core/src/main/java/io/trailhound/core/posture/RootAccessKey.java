package io.trailhound.core.posture;

import io.trailhound.core.Severity;

import java.util.List;

/** {@code root-access-key}: the root user has an active access key. */
final class RootAccessKey extends ReportRowCheck {
    static final CheckInfo INFO = new CheckInfo("root-access-key", "Root user has an active access key", Severity.CRITICAL,
            "accounts",
            "A root key can do anything in the account, cannot be limited by IAM policies, and is rarely watched.",
            "Delete the root access key (Security credentials page of the root user); use IAM roles instead.",
            "1.4 (v4.0) / 1.3 (v5.0)", "iam-root-access-key-check", "IAM.4", List.of());

    RootAccessKey() {
        super(INFO, CredentialReportRow::isRoot, CredentialReportRow::isRoot);
    }

    @Override
    Violation violation(CredentialReportRow row, AuditContext ctx) {
        return failingKeys(row.activeKeys(), k -> true, k -> "root access key " + k.number() + " active"
                + (k.lastRotated() == null ? "" : ", created " + ctx.dated(k.lastRotated()))
                + (k.lastUsed() == null ? ", never used" : ", last used " + ctx.dated(k.lastUsed())), ctx);
    }
}
