package io.trailhound.core.posture;

import java.util.List;

/**
 * A check over credential report rows: which rows it applies to (IAM users, or only the
 * {@code <root_account>} row), and whether one violates it. At most one finding per row, so
 * violations count users.
 */
abstract class ReportRowCheck implements PostureCheck {
    /** A row's violation: what is wrong and for how long in days (-1 when unknown). */
    record Violation(String detail, long ageDays) {
    }

    abstract boolean applies(CredentialReportRow row);

    /** The violation, or null when the row passes. */
    abstract Violation violation(CredentialReportRow row, AuditContext ctx);

    @Override
    public final int evaluate(AccountInputs in, AuditContext ctx, List<Finding> out) {
        if (in.credentialReport() == null) {
            return 0;
        }
        int applicable = 0;
        for (CredentialReportRow row : in.credentialReport().rows()) {
            if (!applies(row)) {
                continue;
            }
            applicable++;
            Violation v = violation(row, ctx);
            if (v != null) {
                CheckInfo info = info();
                out.add(new Finding(info.id(), info.severity(), in.accountId(), row.user(), null, v.detail(), v.ageDays()));
            }
        }
        return applicable;
    }

    /** An IAM user row (not root) with a console password. */
    static boolean consoleUser(CredentialReportRow row) {
        return !row.isRoot() && row.hasPassword();
    }

    /** An IAM user row (not root) with at least one active access key. */
    static boolean keyUser(CredentialReportRow row) {
        return !row.isRoot() && !row.activeKeys().isEmpty();
    }
}
