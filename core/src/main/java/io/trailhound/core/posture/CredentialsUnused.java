package io.trailhound.core.posture;

import io.trailhound.core.Severity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Credentials idle past a limit: {@code credentials-unused} (password or active key, 90 days) and
 * its CIS variant {@code console-password-unused-45d} (password only, 45 days). A never-used key
 * counts from its creation ({@code last_rotated}), a never-used password from its last change or,
 * failing that, the user's creation: a credential nobody ever used is idle since it was made.
 */
final class CredentialsUnused extends ReportRowCheck {
    static final CheckInfo ANY = new CheckInfo("credentials-unused", "Password or access key unused", Severity.MEDIUM, "users",
            "Credentials nobody uses are not missed when stolen, and usually belong to people who left.",
            "Disable the password (delete the login profile) and deactivate the keys; delete them after a grace period.",
            "1.3 (v1.2)", "iam-user-unused-credentials-check", "IAM.8", List.of(365));
    static final CheckInfo CONSOLE_45D = new CheckInfo("console-password-unused-45d", "Console password unused for 45 days",
            Severity.MEDIUM, "users",
            "CIS asks that credentials unused for 45 days be disabled; an idle console password is the easiest to abuse.",
            "Delete the user's login profile; re-create it when the person needs the console again.",
            "1.12 (v4.0) / 1.11 (v5.0)", "iam-user-unused-credentials-check (maxCredentialUsageAge 45)", "IAM.22", List.of());

    private final boolean keys;
    private final Function<Thresholds, Duration> limit;

    private CredentialsUnused(CheckInfo info, boolean keys, Function<Thresholds, Duration> limit) {
        super(info, row -> consoleUser(row) || (keys && keyUser(row)));
        this.keys = keys;
        this.limit = limit;
    }

    static CredentialsUnused anyCredential() {
        return new CredentialsUnused(ANY, true, Thresholds::unusedAfter);
    }

    static CredentialsUnused consolePassword() {
        return new CredentialsUnused(CONSOLE_45D, false, Thresholds::consoleUnusedAfter);
    }

    @Override
    Violation violation(CredentialReportRow row, AuditContext ctx) {
        Duration max = limit.apply(ctx.thresholds());
        List<String> idle = new ArrayList<>();
        long age = -1;
        if (row.hasPassword()) {
            Instant since = first(row.passwordLastUsed(), row.passwordLastChanged(), row.userCreationTime());
            if (ctx.olderThan(since, max)) {
                idle.add("password " + (row.passwordLastUsed() == null ? "never used, set " : "last used ") + ctx.dated(since));
                age = Math.max(age, ctx.daysSince(since));
            }
        }
        for (CredentialReportRow.AccessKey k : keys ? row.activeKeys() : List.<CredentialReportRow.AccessKey>of()) {
            Instant since = first(k.lastUsed(), k.lastRotated());
            if (ctx.olderThan(since, max)) {
                idle.add("access key " + k.number() + (k.lastUsed() == null ? " never used, created " : " last used ")
                        + ctx.dated(since));
                age = Math.max(age, ctx.daysSince(since));
            }
        }
        return idle.isEmpty() ? null : new Violation(String.join("; ", idle), age);
    }

    private static Instant first(Instant... candidates) {
        for (Instant t : candidates) {
            if (t != null) {
                return t;
            }
        }
        return null;
    }
}
