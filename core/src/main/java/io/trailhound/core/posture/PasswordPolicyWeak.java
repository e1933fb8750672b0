package io.trailhound.core.posture;

import io.trailhound.core.Severity;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code password-policy-weak}: the account password policy is below CIS on length (14), reuse
 * prevention (24) or expiry (90 days). No custom policy means IAM's default, which fails all three.
 */
final class PasswordPolicyWeak implements PostureCheck {
    static final CheckInfo INFO = new CheckInfo("password-policy-weak", "Password policy below CIS", Severity.MEDIUM, "accounts",
            "Short, reused or never-expiring passwords are what credential stuffing and spraying succeed with.",
            "aws iam update-account-password-policy --minimum-password-length 14 --password-reuse-prevention 24 "
                    + "--max-password-age 90 (and require all character classes).",
            "1.8, 1.9 (v4.0) / 1.7, 1.8 (v5.0)", "iam-password-policy", "IAM.15, IAM.16, IAM.17", List.of());

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public int evaluate(AccountInputs in, AuditContext ctx, List<Finding> out) {
        PasswordPolicy p = in.passwordPolicy();
        if (p == null) {
            return 0;
        }
        Thresholds t = ctx.thresholds();
        long maxDays = t.maxPasswordAge().toDays();
        List<String> weak = new ArrayList<>();
        if (p.minimumLength() == null || p.minimumLength() < t.minPasswordLength()) {
            weak.add("MinimumPasswordLength " + (p.minimumLength() == null ? "not set" : p.minimumLength())
                    + " (below " + t.minPasswordLength() + ")");
        }
        if (p.reusePrevention() == null || p.reusePrevention() < t.passwordReuse()) {
            weak.add("PasswordReusePrevention " + (p.reusePrevention() == null ? "not set" : p.reusePrevention())
                    + " (below " + t.passwordReuse() + ")");
        }
        if (p.maxAgeDays() == null || p.maxAgeDays() > maxDays) {
            weak.add(p.maxAgeDays() == null ? "passwords never expire (limit " + maxDays + " days)"
                    : "MaxPasswordAge " + p.maxAgeDays() + " (over " + maxDays + " days)");
        }
        if (!weak.isEmpty()) {
            out.add(new Finding(INFO.id(), INFO.severity(), in.accountId(), null, null,
                    (p.custom() ? "" : "no custom policy, IAM default applies: ") + String.join("; ", weak), -1));
        }
        return 1;
    }
}
