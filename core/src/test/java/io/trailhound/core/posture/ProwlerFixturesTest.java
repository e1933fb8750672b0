package io.trailhound.core.posture;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.conformance.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The credential-report fixtures of Prowler's IAM tests (../shared/datasets/credential-reports,
 * read in place, never copied). Their placeholders are filled as the Prowler tests fill them: now
 * for "recently_used", now minus 100 days for "used". Expected flags follow the Prowler test's
 * verdict where a check of ours asks the same question:
 * <ul>
 * <li>iam_avoid_root_usage: root used within a day fails, 100 days ago passes; our root-recent-use (90
 * days) agrees. The synthetic root rows also have an active key 1 and no MFA, so root-access-key
 * and root-no-mfa fire on all of them.</li>
 * <li>iam_user_no_setup_initial_access_key: Prowler fails an active, never-used key of a console user.
 * Ours asks whether the key was made within 10 s of the user, and these rows give no key creation
 * time ({@code last_rotated} N/A), so key-at-user-creation stays silent; the same rows are console
 * users without MFA whose never-used password dates from 2022 (credentials-unused and the 45-day
 * variant). The passing row has {@code password_enabled=not_supported} and no active key: nothing.</li>
 * </ul>
 */
class ProwlerFixturesTest {
    private static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");
    private static final Set<String> ROOT = Set.of("root-access-key", "root-no-mfa");
    private static final Set<String> CONSOLE_USER = Set.of("console-without-mfa", "credentials-unused", "console-password-unused-45d");

    private static final Map<String, Set<String>> EXPECTED = Map.ofEntries(
            Map.entry("iam_avoid_root_usage__test_root_not_used.csv", ROOT),
            Map.entry("iam_avoid_root_usage__test_root_password_recently_used.csv", plus(ROOT, "root-recent-use")),
            Map.entry("iam_avoid_root_usage__test_root_access_key_1_recently_used.csv", plus(ROOT, "root-recent-use")),
            Map.entry("iam_avoid_root_usage__test_root_access_key_2_recently_used.csv", plus(ROOT, "root-recent-use")),
            Map.entry("iam_avoid_root_usage__test_root_password_used.csv", ROOT),
            Map.entry("iam_avoid_root_usage__test_root_access_key_1_used.csv", ROOT),
            Map.entry("iam_avoid_root_usage__test_root_access_key_2_used.csv", ROOT),
            Map.entry("iam_user_no_setup_initial_access_key__test_setup_access_key_1_fail.csv", CONSOLE_USER),
            Map.entry("iam_user_no_setup_initial_access_key__test_setup_access_key_2_fail.csv", CONSOLE_USER),
            Map.entry("iam_user_no_setup_initial_access_key__test_setup_both_access_keys_fail.csv",
                    plus(CONSOLE_USER, "two-active-keys")),
            Map.entry("iam_user_no_setup_initial_access_key__test_setup_access_key_pass.csv", Set.of()));

    private static Set<String> plus(Set<String> s, String id) {
        Set<String> out = new TreeSet<>(s);
        out.add(id);
        return out;
    }

    @Test
    void everyFixtureParsesAndGivesTheExpectedFlags() throws Exception {
        Path dir = SharedData.dir("datasets/credential-reports/prowler-tests");
        List<String> manifest = Files.readAllLines(dir.resolve("MANIFEST.tsv"));
        assertThat(manifest.subList(1, manifest.size())).extracting(l -> l.split("\t")[0])
                .containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
        List<String> mismatches = new ArrayList<>();
        for (String line : manifest.subList(1, manifest.size())) {
            String[] cols = line.split("\t");
            String text = Files.readString(dir.resolve(cols[0]));
            if (!cols[3].equals("-")) {
                Instant filled = cols[2].endsWith("recently_used") ? NOW : NOW.minus(Duration.ofDays(100));
                text = text.replace("{" + cols[3] + "}", filled.toString());
            }
            CredentialReport report = CredentialReportParser.parseCsv(cols[0], text, null);
            AuditResult r = new PostureAudit(PostureChecks.all(), Thresholds.defaults(), NOW)
                    .run(new SingleAccount(new AccountInputs("123456789012", report, null, null)), a -> { });
            Set<String> got = new TreeSet<>();
            r.findings().forEach(f -> got.add(f.check()));
            if (!got.equals(new TreeSet<>(EXPECTED.get(cols[0])))) {
                mismatches.add(cols[0] + ": expected " + new TreeSet<>(EXPECTED.get(cols[0])) + ", got " + got);
            }
        }
        assertThat(mismatches).isEmpty();
    }

    /** A source of one account already in memory. */
    record SingleAccount(AccountInputs in) implements PostureSource {
        @Override
        public List<String> accounts() {
            return List.of(in.accountId());
        }

        @Override
        public AccountInputs load(String accountId) {
            return in;
        }
    }
}
