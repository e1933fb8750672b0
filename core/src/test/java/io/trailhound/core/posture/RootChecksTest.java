package io.trailhound.core.posture;

import io.trailhound.core.Severity;

import static io.trailhound.core.posture.Reports.ago;
import static io.trailhound.core.posture.Reports.report;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RootChecksTest {
    @Test
    void rootAccessKeyIsAnActiveKeyOnTheRootRowOnly() throws Exception {
        int[] applicable = new int[1];
        List<Finding> f = report()
                .user("<root_account>", "access_key_1_active", "false", "access_key_1_last_rotated", ago(Duration.ofDays(9)),
                        "access_key_2_active", "true", "access_key_2_last_rotated", ago(Duration.ofDays(30)))
                .user("alice", "access_key_1_active", "true", "access_key_1_last_rotated", ago(Duration.ofDays(9)))
                .run(new RootAccessKey(), applicable);
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.user()).isEqualTo("<root_account>");
            assertThat(x.detail()).contains("root access key 2 active").contains("never used");
            assertThat(x.severity()).isEqualTo(Severity.CRITICAL);
        });
        assertThat(applicable[0]).isEqualTo(1);
    }

    @Test
    void rootNoMfaReadsTheRootRowWhosePasswordIsNotSupported() throws Exception {
        assertThat(report().user("<root_account>", "mfa_active", "false").run(new RootNoMfa())).hasSize(1);
        assertThat(report().user("<root_account>", "mfa_active", "true").run(new RootNoMfa())).isEmpty();
        assertThat(report().user("alice", "mfa_active", "false").run(new RootNoMfa())).isEmpty();
    }

    @Test
    void rootRecentUseIsConsoleOrKeyUseWithinTheWindow() throws Exception {
        assertThat(report().user("<root_account>", "password_last_used", ago(Duration.ofDays(90))).run(new RootRecentUse()))
                .singleElement().satisfies(x -> assertThat(x.detail()).contains("console sign-in"));
        assertThat(report().user("<root_account>", "password_last_used", ago(Duration.ofDays(90).plusSeconds(1)))
                .run(new RootRecentUse())).isEmpty();
        assertThat(report().user("<root_account>", "password_last_used", "no_information",
                "access_key_2_last_used_date", ago(Duration.ofDays(2))).run(new RootRecentUse()))
                .singleElement().satisfies(x -> assertThat(x.detail()).contains("access key 2"));
        assertThat(report().user("<root_account>", "password_last_used", "no_information").run(new RootRecentUse())).isEmpty();
    }
}
