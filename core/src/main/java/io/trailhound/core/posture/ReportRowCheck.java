package io.trailhound.core.posture;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A check over credential report rows: which rows it counts (every IAM user, or only the
 * {@code <root_account>} row), which of those can violate it (console users, users with keys,
 * ...), and whether one does. At most one finding per row, so violations count users. User checks
 * count every IAM user, so that percentages read as the study's do ("key-not-rotated: 7,590 of
 * 12,478 users"): the share of all users, not of those with a key.
 */
abstract class ReportRowCheck implements PostureCheck {
    /** A row's violation: what is wrong and for how long in days (-1 when unknown). */
    record Violation(String detail, long ageDays) {
    }

    private final CheckInfo info;
    private final Predicate<CredentialReportRow> counted;
    private final Predicate<CredentialReportRow> subject;

    /** A check on IAM users: every user counts; {@code subject} says which can violate it. */
    ReportRowCheck(CheckInfo info, Predicate<CredentialReportRow> subject) {
        this(info, row -> !row.isRoot(), subject);
    }

    ReportRowCheck(CheckInfo info, Predicate<CredentialReportRow> counted, Predicate<CredentialReportRow> subject) {
        this.info = info;
        this.counted = counted;
        this.subject = subject;
    }

    @Override
    public final CheckInfo info() {
        return info;
    }

    /** The violation, or null when the row passes. */
    abstract Violation violation(CredentialReportRow row, AuditContext ctx);

    @Override
    public final int evaluate(AccountInputs in, AuditContext ctx, List<Finding> out) {
        if (in.credentialReport() == null) {
            return 0;
        }
        int applicable = 0;
        for (CredentialReportRow row : in.credentialReport().rows()) {
            if (!counted.test(row)) {
                continue;
            }
            applicable++;
            if (!subject.test(row)) {
                continue;
            }
            Violation v = violation(row, ctx);
            if (v != null) {
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

    /** One violation naming each key that fails, aged by the oldest key; null when none fails. */
    static Violation failingKeys(List<CredentialReportRow.AccessKey> keys, Predicate<CredentialReportRow.AccessKey> fails,
                                 Function<CredentialReportRow.AccessKey, String> describe, AuditContext ctx) {
        List<String> parts = new ArrayList<>();
        long age = -1;
        for (CredentialReportRow.AccessKey k : keys) {
            if (fails.test(k)) {
                parts.add(describe.apply(k));
                age = k.lastRotated() == null ? age : Math.max(age, ctx.daysSince(k.lastRotated()));
            }
        }
        return parts.isEmpty() ? null : new Violation(String.join("; ", parts), age);
    }
}
