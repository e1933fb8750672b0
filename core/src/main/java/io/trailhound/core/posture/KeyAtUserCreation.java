package io.trailhound.core.posture;

import io.trailhound.core.Severity;

import java.time.Duration;
import java.time.Instant;
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

    KeyAtUserCreation() {
        super(INFO, row -> consoleUser(row) && !row.activeKeys().isEmpty());
    }

    @Override
    Violation violation(CredentialReportRow row, AuditContext ctx) {
        Instant created = row.userCreationTime();
        if (created == null) {
            return null;
        }
        return failingKeys(row.activeKeys(),
                k -> k.lastRotated() != null && gap(created, k).compareTo(ctx.thresholds().keyAtCreation()) <= 0,
                k -> "access key " + k.number() + " created " + gap(created, k).toSeconds() + " s after the user, "
                        + (k.lastUsed() == null ? "never used" : "last used " + ctx.dated(k.lastUsed())), ctx);
    }

    private static Duration gap(Instant userCreated, CredentialReportRow.AccessKey k) {
        return Duration.between(userCreated, k.lastRotated()).abs();
    }
}
