package io.trailhound.core.posture;

import io.trailhound.core.Severity;

import static io.trailhound.core.posture.Reports.ago;
import static io.trailhound.core.posture.Reports.report;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class UserChecksTest {
    private static final Duration D90 = Duration.ofDays(90), SECOND = Duration.ofSeconds(1);

    private static List<String> users(List<Finding> fs) {
        return fs.stream().map(Finding::user).toList();
    }

    @Test
    void consoleWithoutMfaFlagsPasswordUsersOnlyCountsEveryUserAndSkipsRoot() throws Exception {
        int[] applicable = new int[1];
        List<Finding> f = report()
                .user("<root_account>", "mfa_active", "false")
                .user("nomfa", "password_enabled", "true", "mfa_active", "false")
                .user("withmfa", "password_enabled", "true", "mfa_active", "true")
                .user("keyonly", "mfa_active", "false", "access_key_1_active", "true", "access_key_1_last_rotated", ago(SECOND))
                .run(new ConsoleWithoutMfa(), applicable);
        assertThat(users(f)).containsExactly("nomfa");
        assertThat(applicable[0]).isEqualTo(3); // every IAM user is counted, as the study counts them; root is not
        assertThat(f.get(0).severity()).isEqualTo(Severity.HIGH);
    }

    @Test
    void keyAtUserCreationIsWithinTenSecondsInclusive() throws Exception {
        String created = "2026-10-01T00:00:00+00:00";
        List<Finding> f = report()
                .user("at10s", "user_creation_time", created, "password_enabled", "true",
                        "access_key_1_active", "true", "access_key_1_last_rotated", "2026-10-01T00:00:10+00:00")
                .user("at11s", "user_creation_time", created, "password_enabled", "true",
                        "access_key_1_active", "true", "access_key_1_last_rotated", "2026-10-01T00:00:11+00:00")
                .user("inactive", "user_creation_time", created, "password_enabled", "true",
                        "access_key_1_active", "false", "access_key_1_last_rotated", created)
                .user("second", "user_creation_time", created, "password_enabled", "true",
                        "access_key_1_active", "true", "access_key_1_last_rotated", "2026-10-05T00:00:00+00:00",
                        "access_key_2_active", "true", "access_key_2_last_rotated", "2026-10-01T00:00:03+00:00")
                .user("nopassword", "user_creation_time", created,
                        "access_key_1_active", "true", "access_key_1_last_rotated", created)
                .user("rotatedNA", "user_creation_time", created, "password_enabled", "true", "access_key_1_active", "true")
                .run(new KeyAtUserCreation());
        assertThat(users(f)).containsExactly("at10s", "second");
        assertThat(f.get(1).detail()).contains("access key 2 created 3 s after the user, never used");
    }

    @Test
    void twoActiveKeysNeedsBothActiveAndTiersByTheOlderKey() throws Exception {
        int[] applicable = new int[1];
        List<Finding> f = report()
                .user("both", "access_key_1_active", "true", "access_key_1_last_rotated", ago(Duration.ofDays(400)),
                        "access_key_2_active", "true", "access_key_2_last_rotated", ago(Duration.ofDays(10)))
                .user("secondInactive", "access_key_1_active", "true", "access_key_1_last_rotated", ago(Duration.ofDays(5)),
                        "access_key_2_active", "false", "access_key_2_last_rotated", ago(Duration.ofDays(500)))
                .run(new TwoActiveKeys(), applicable);
        assertThat(users(f)).containsExactly("both");
        assertThat(f.get(0).ageDays()).isEqualTo(400);
        assertThat(applicable[0]).isEqualTo(2);
        CheckTally t = new CheckTally(TwoActiveKeys.INFO.tierDays());
        t.add(applicable[0], f);
        assertThat(t.overTier(2)).isEqualTo(1); // over a year
        assertThat(t.percent()).isEqualTo(50.0);
    }

    @Test
    void keyNotRotatedIsStrictlyOlderThanNinetyDaysAndIgnoresInactiveKeys() throws Exception {
        List<Finding> f = report()
                .user("exactly90", "access_key_1_active", "true", "access_key_1_last_rotated", ago(D90))
                .user("90plus1s", "access_key_1_active", "true", "access_key_1_last_rotated", ago(D90.plus(SECOND)))
                .user("oldInactive", "access_key_1_active", "false", "access_key_1_last_rotated", ago(Duration.ofDays(900)))
                .user("oldSecond", "access_key_1_active", "true", "access_key_1_last_rotated", ago(Duration.ofDays(3)),
                        "access_key_2_active", "true", "access_key_2_last_rotated", ago(Duration.ofDays(366)))
                .user("<root_account>", "access_key_1_active", "true", "access_key_1_last_rotated", ago(Duration.ofDays(900)))
                .run(new KeyNotRotated());
        assertThat(users(f)).containsExactly("90plus1s", "oldSecond");
        assertThat(f.get(1).detail()).contains("access key 2").doesNotContain("access key 1");
        assertThat(f.get(1).ageDays()).isEqualTo(366);
    }

    @Test
    void credentialsUnusedCountsNeverUsedFromCreationOrLastChange() throws Exception {
        List<Finding> f = report()
                .user("keyNeverUsedOld", "access_key_1_active", "true", "access_key_1_last_rotated", ago(D90.plus(SECOND)))
                .user("keyNeverUsedNew", "access_key_1_active", "true", "access_key_1_last_rotated", ago(D90))
                .user("keyUsedRecently", "access_key_1_active", "true", "access_key_1_last_rotated", ago(Duration.ofDays(400)),
                        "access_key_1_last_used_date", ago(Duration.ofDays(1)))
                .user("pwNeverUsedChangedRecently", "password_enabled", "true", "password_last_used", "no_information",
                        "password_last_changed", ago(Duration.ofDays(10)), "user_creation_time", ago(Duration.ofDays(500)))
                .user("pwNeverUsedOld", "password_enabled", "true", "password_last_used", "no_information",
                        "password_last_changed", "N/A", "user_creation_time", ago(Duration.ofDays(100)))
                .user("pwUsedOld", "password_enabled", "true", "password_last_used", ago(Duration.ofDays(91)))
                .user("inactiveKey", "access_key_1_active", "false", "access_key_1_last_rotated", ago(Duration.ofDays(900)))
                .run(CredentialsUnused.anyCredential());
        assertThat(users(f)).containsExactly("keyNeverUsedOld", "pwNeverUsedOld", "pwUsedOld");
        assertThat(f.get(0).detail()).contains("never used, created");
    }

    @Test
    void consolePasswordUnusedUsesFortyFiveDaysAndIgnoresKeys() throws Exception {
        List<Finding> f = report()
                .user("pw46", "password_enabled", "true", "password_last_used", ago(Duration.ofDays(46)))
                .user("pw45", "password_enabled", "true", "password_last_used", ago(Duration.ofDays(45)))
                .user("key200", "access_key_1_active", "true", "access_key_1_last_rotated", ago(Duration.ofDays(200)))
                .run(CredentialsUnused.consolePassword());
        assertThat(users(f)).containsExactly("pw46");
    }
}
