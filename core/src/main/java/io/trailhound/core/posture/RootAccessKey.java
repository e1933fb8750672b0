package io.trailhound.core.posture;

import java.util.ArrayList;
import java.util.List;

/** {@code root-access-key}: the root user has an active access key. */
final class RootAccessKey extends ReportRowCheck {
    static final CheckInfo INFO = new CheckInfo("root-access-key", "Root user has an active access key", Severity.CRITICAL,
            "accounts",
            "A root key can do anything in the account, cannot be limited by IAM policies, and is rarely watched.",
            "Delete the root access key (Security credentials page of the root user); use IAM roles instead.",
            "1.4 (v4.0) / 1.3 (v5.0)", "iam-root-access-key-check", "IAM.4", List.of());

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    boolean applies(CredentialReportRow row) {
        return row.isRoot();
    }

    @Override
    Violation violation(CredentialReportRow row, AuditContext ctx) {
        List<String> keys = new ArrayList<>();
        long age = -1;
        for (CredentialReportRow.AccessKey k : row.activeKeys()) {
            keys.add("root access key " + k.number() + " active"
                    + (k.lastRotated() == null ? "" : ", created " + ctx.dated(k.lastRotated()))
                    + (k.lastUsed() == null ? ", never used" : ", last used " + ctx.dated(k.lastUsed())));
            age = k.lastRotated() == null ? age : Math.max(age, ctx.daysSince(k.lastRotated()));
        }
        return keys.isEmpty() ? null : new Violation(String.join("; ", keys), age);
    }
}
