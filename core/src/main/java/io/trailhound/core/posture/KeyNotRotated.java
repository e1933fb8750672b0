package io.trailhound.core.posture;

import io.trailhound.core.Severity;

import java.util.List;

/** {@code key-not-rotated}: an active access key older than the limit (90 days). */
final class KeyNotRotated extends ReportRowCheck {
    static final CheckInfo INFO = new CheckInfo("key-not-rotated", "Active access key not rotated", Severity.MEDIUM, "users",
            "The older a key, the more places it has been copied to and the longer a leaked copy works.",
            "Create a new key, move its users over, then deactivate and delete the old one.",
            "1.14 (v4.0) / 1.13 (v5.0)", "access-keys-rotated", "IAM.3", List.of(365));

    KeyNotRotated() {
        super(INFO, ReportRowCheck::keyUser);
    }

    @Override
    Violation violation(CredentialReportRow row, AuditContext ctx) {
        return failingKeys(row.activeKeys(), k -> ctx.olderThan(k.lastRotated(), ctx.thresholds().maxKeyAge()),
                k -> "access key " + k.number() + " created " + ctx.dated(k.lastRotated()), ctx);
    }
}
