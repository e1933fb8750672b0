package io.trailhound.core.rules.falco;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.Severity;
import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.LoadResult;
import io.trailhound.core.rules.ir.CompiledRule;
import io.trailhound.core.rules.ir.Predicates;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rule quoted in issue 17, exactly as written there, compiles and fires on vector V3 only. */
class IssueRuleTest {
    static final String ISSUE_RULE = """
            - rule: Console Login Through Assume Role
              desc: Detect a console login through Assume Role.
              condition: ct.name="ConsoleLogin" and not ct.error exists and ct.user.identitytype="AssumedRole" and json.value[/responseElements/ConsoleLogin]="Success"
              output: Detected a console login through Assume Role (principal=%ct.user.principalid, assumedRole=%ct.user.arn, requesting IP=%ct.srcip, AWS region=%ct.region)
              priority: WARNING
              source: aws_cloudtrail
            """;

    @Test
    void compilesAndMatchesV3() {
        LoadResult r = TestRuleFiles.load(ISSUE_RULE);
        assertThat(r.problems()).isEmpty();
        CompiledRule rule = r.rules().get(0);
        assertThat(rule.info().severity()).isEqualTo(Severity.MEDIUM);
        assertThat(Predicates.requiredEventNames(rule.condition())).isEqualTo(Set.of("consolelogin"));
        CloudTrailEvent v3 = Records.consoleLogin(Records.ADMIN_ROLE, "Success", "No", null);
        assertThat(rule.condition().test(v3)).isTrue();
        assertThat(rule.output().render(v3)).isEqualTo("Detected a console login through Assume Role "
                + "(principal=AROAEXAMPLEADMIN:bob, assumedRole=arn:aws:sts::111122223333:assumed-role/Admin/bob, "
                + "requesting IP=198.51.100.7, AWS region=us-east-1)");
        assertThat(rule.condition().test(Records.consoleLogin(Records.ALICE, "Success", "No", null))).isFalse();
        assertThat(rule.condition().test(Records.consoleLogin(Records.ADMIN_ROLE, "Failure", "No",
                "Failed authentication"))).isFalse();
    }
}
