package io.trailhound.core.posture;

import io.trailhound.core.Severity;

import java.time.Instant;
import java.util.List;

/**
 * {@code root-recent-use}: root signed in or its key signed a request within the window (90 days)
 * before the as-of time. Root should be kept for the few tasks only it can do.
 */
final class RootRecentUse extends ReportRowCheck {
    static final CheckInfo INFO = new CheckInfo("root-recent-use", "Root user used recently", Severity.HIGH, "accounts",
            "Everyday use of root means its credentials are handled often, by people and tools, with no IAM limits.",
            "Use IAM roles for administration; keep root for the tasks that need it and alert on its use.",
            "1.7 (v4.0) / 1.6 (v5.0)", null, "IAM.20 (retired)", List.of());

    RootRecentUse() {
        super(INFO, CredentialReportRow::isRoot, CredentialReportRow::isRoot);
    }

    @Override
    Violation violation(CredentialReportRow row, AuditContext ctx) {
        Instant last = row.passwordLastUsed();
        String how = "console sign-in";
        for (CredentialReportRow.AccessKey k : List.of(row.key1(), row.key2())) {
            if (k.lastUsed() != null && (last == null || k.lastUsed().isAfter(last))) {
                last = k.lastUsed();
                how = "access key " + k.number();
            }
        }
        if (last == null || ctx.olderThan(last, ctx.thresholds().rootRecentUse())) {
            return null;
        }
        return new Violation("root last used " + ctx.dated(last) + " by " + how, ctx.daysSince(last));
    }
}
