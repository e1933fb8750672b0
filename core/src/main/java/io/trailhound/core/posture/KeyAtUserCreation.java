package io.trailhound.core.posture;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code key-at-user-creation}: a console user's active access key made within seconds of the user
 * (the console's create-user wizard), so nobody decided the person needs a long-lived key.
 */
final class KeyAtUserCreation extends ReportRowCheck {
    static final CheckInfo INFO = new CheckInfo("key-at-user-creation", "Access key created with the console user",
            Severity.MEDIUM, "users",
            "Keys made at user creation are often never needed, yet stay valid for anyone who finds them.",
            "Delete the key if it is unused; create keys only when the user needs programmatic access.",
            "1.11 (v4.0) / 1.10 (v5.0)", null, null, List.of());

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    boolean applies(CredentialReportRow row) {
        return consoleUser(row) && !row.activeKeys().isEmpty();
    }

    @Override
    Violation violation(CredentialReportRow row, AuditContext ctx) {
        if (row.userCreationTime() == null) {
            return null;
        }
        List<String> keys = new ArrayList<>();
        long age = -1;
        for (CredentialReportRow.AccessKey k : row.activeKeys()) {
            if (k.lastRotated() == null) {
                continue;
            }
            Duration gap = Duration.between(row.userCreationTime(), k.lastRotated()).abs();
            if (gap.compareTo(ctx.thresholds().keyAtCreation()) <= 0) {
                keys.add("access key " + k.number() + " created " + gap.toSeconds() + " s after the user, "
                        + (k.lastUsed() == null ? "never used" : "last used " + ctx.dated(k.lastUsed())));
                age = Math.max(age, ctx.daysSince(k.lastRotated()));
            }
        }
        return keys.isEmpty() ? null : new Violation(String.join("; ", keys), age);
    }
}
