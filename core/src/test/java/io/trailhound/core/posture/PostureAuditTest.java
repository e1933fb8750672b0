package io.trailhound.core.posture;

import io.trailhound.core.Severity;

import static io.trailhound.core.posture.Reports.ago;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostureAuditTest {
    private static final String A = "111122223333", B = "999988887777";

    @TempDir
    Path tmp;

    private void account(String id, String csv, String policy) throws Exception {
        Path d = Files.createDirectories(tmp.resolve(id));
        Files.writeString(d.resolve("credential-report.csv"), csv);
        if (policy != null) {
            Files.writeString(d.resolve("password-policy.json"), policy);
        }
    }

    @Test
    void anOrganisationDirectoryIsTalliedPerAccountAndOverall() throws Exception {
        account(A, Reports.report()
                .user("<root_account>", "mfa_active", "true")
                .user("old", "password_enabled", "true", "mfa_active", "false", "password_last_used", ago(Duration.ofDays(1)),
                        "access_key_1_active", "true", "access_key_1_last_rotated", ago(Duration.ofDays(400)),
                        "access_key_1_last_used_date", ago(Duration.ofDays(1)))
                .user("fine", "access_key_1_active", "true", "access_key_1_last_rotated", ago(Duration.ofDays(10)),
                        "access_key_1_last_used_date", ago(Duration.ofDays(1)))
                .csv(), "{\"PasswordPolicy\":{\"MinimumPasswordLength\":8}}");
        account(B, Reports.report()
                .user("<root_account>", "mfa_active", "false")
                .user("k", "access_key_1_active", "true", "access_key_1_last_rotated", ago(Duration.ofDays(100)),
                        "access_key_1_last_used_date", ago(Duration.ofDays(1)))
                .csv(), null);
        Files.writeString(tmp.resolve("README.txt"), "not an account");
        List<String> seen = new ArrayList<>();
        AuditResult r = new PostureAudit(PostureChecks.all(), Thresholds.defaults(), Reports.AS_OF)
                .run(new DirectorySource(tmp), seen::add);
        assertThat(seen).containsExactly(A, B); // directory order, README.txt left out
        CheckTally rotated = r.total().get("key-not-rotated");
        assertThat(rotated.violations()).isEqualTo(2);
        assertThat(rotated.applicable()).isEqualTo(3);
        assertThat(rotated.overTier(0)).isEqualTo(1);
        assertThat(r.byAccount().get(A).get("key-not-rotated").violations()).isEqualTo(1);
        assertThat(r.byAccount().get(B).get("password-policy-weak").applicable()).isZero();
        assertThat(r.notes()).anyMatch(n -> n.startsWith(B + ": no password policy"));
        assertThat(r.findings().get(0).check()).isEqualTo("root-no-mfa"); // critical first
        assertThat(r.worst()).isEqualTo(Severity.CRITICAL);

        List<Priority> p = Priority.rank(r.findings());
        assertThat(p.get(0).principal()).isEqualTo("old"); // fails two checks
        assertThat(p.get(0).checks()).containsExactlyInAnyOrder("console-without-mfa", "key-not-rotated");
        assertThat(p.get(1).principal()).isEqualTo("<root_account>");
    }

    @Test
    void byDefaultUndatedReportsAreJudgedAsOfTheNewestTimestampInTheOrganisationNotTheWallClock() throws Exception {
        String csv = Reports.report().user("k", "user_creation_time", "2019-06-01T00:00:00+00:00", "access_key_1_active", "true",
                "access_key_1_last_rotated", "2019-06-02T00:00:00+00:00",
                "access_key_1_last_used_date", "2020-03-01T00:00:00+00:00").csv();
        account(A, csv, null);
        AuditResult alone = new PostureAudit(PostureChecks.all(), Thresholds.defaults(), null).run(new DirectorySource(tmp), a -> { });
        assertThat(alone.asOf().get(A)).isEqualTo(Instant.parse("2020-03-01T00:00:00Z"));
        assertThat(alone.findings()).extracting(Finding::check).containsExactly("key-not-rotated"); // used on the as-of day
        assertThat(alone.notes()).anyMatch(n -> n.contains("do not say when they were generated"));

        // Another account active a year later: the quiet account is judged as of that moment too, so its key is now unused.
        String later = Reports.report().user("m", "user_creation_time", "2020-01-01T00:00:00+00:00", "password_enabled", "true",
                "password_last_used", "2021-03-01T00:00:00+00:00", "mfa_active", "true").csv();
        account("222233334444", later, null);
        AuditResult org = new PostureAudit(PostureChecks.all(), Thresholds.defaults(), null).run(new DirectorySource(tmp), a -> { });
        assertThat(org.asOf().get(A)).isEqualTo(Instant.parse("2021-03-01T00:00:00Z"));
        assertThat(org.asOf().get("222233334444")).isEqualTo(Instant.parse("2021-03-01T00:00:00Z"));
        assertThat(org.findings()).filteredOn(f -> f.account().equals(A)).extracting(Finding::check)
                .contains("key-not-rotated", "credentials-unused");
    }

    @Test
    void aSingleFileIsToldByItsContentAndABadPathIsAnError() throws Exception {
        Path f = tmp.resolve("anything.json");
        Files.writeString(f, "{\"PasswordPolicy\":{\"MinimumPasswordLength\":14,\"PasswordReusePrevention\":24,\"MaxPasswordAge\":30}}");
        DirectorySource s = new DirectorySource(f);
        assertThat(s.load(s.accounts().get(0)).passwordPolicy().maxAgeDays()).isEqualTo(30);
        AuditResult policyOnly = new PostureAudit(PostureChecks.all(), Thresholds.defaults(), null).run(s, a -> { });
        assertThat(policyOnly.asOf()).isEmpty();
        assertThat(policyOnly.total().get("password-policy-weak").applicable()).isEqualTo(1);
        assertThat(policyOnly.total().get("console-without-mfa").applicable()).isZero();
        Path csv = tmp.resolve("report.csv");
        Files.writeString(csv, Reports.report().user("a").csv());
        assertThat(new DirectorySource(csv).accounts()).containsExactly(Reports.ACCOUNT);
        assertThatThrownBy(() -> new DirectorySource(tmp.resolve("missing"))).hasMessageContaining("no such file");
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertThatThrownBy(() -> new DirectorySource(empty)).hasMessageContaining("no posture inputs");
    }

    @Test
    void aSingleJsonFileWithAByteOrderMarkIsStillToldByItsContent() throws Exception {
        Path f = tmp.resolve("saved-by-notepad.json");
        Files.writeString(f, "\uFEFF{\"PasswordPolicy\":{\"MinimumPasswordLength\":14,\"MaxPasswordAge\":30}}");
        DirectorySource s = new DirectorySource(f);
        assertThat(s.load(s.accounts().get(0)).passwordPolicy().maxAgeDays()).isEqualTo(30);
    }
}
