package io.trailhound.core.posture;

import io.trailhound.core.Severity;

import java.time.Instant;
import java.util.List;

/** {@code two-active-keys}: both access keys active; tiers by the age of the older one. */
final class TwoActiveKeys extends ReportRowCheck {
    static final CheckInfo INFO = new CheckInfo("two-active-keys", "Two active access keys", Severity.MEDIUM, "users",
            "A second active key doubles what can leak; an old one left behind after a rotation is the usual case.",
            "Deactivate and delete the key that is no longer used.",
            "1.13 (v4.0) / 1.12 (v5.0)", null, null, List.of(30, 90, 365));

    TwoActiveKeys() {
        super(INFO, ReportRowCheck::keyUser);
    }

    @Override
    Violation violation(CredentialReportRow row, AuditContext ctx) {
        if (row.activeKeys().size() < 2) {
            return null;
        }
        Instant k1 = row.key1().lastRotated(), k2 = row.key2().lastRotated();
        Instant older = k1 == null ? k2 : k2 == null ? k1 : k1.isBefore(k2) ? k1 : k2;
        if (older == null) {
            return new Violation("access keys 1 and 2 both active", -1);
        }
        return new Violation("access keys 1 and 2 both active; the older was created " + ctx.dated(older),
                ctx.daysSince(older));
    }
}
