package io.trailhound.core.rules.elastic;

import static io.trailhound.core.rules.elastic.CloudTrailRecords.IAM_USER;
import static io.trailhound.core.rules.elastic.EsqlRuns.event;
import static io.trailhound.core.rules.elastic.EsqlRuns.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.rules.ir.CompiledRule;
import io.trailhound.core.rules.ir.Predicate;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A WHERE that needs a value of a field no event has ({@code user_agent.name}: no user-agent
 * parser; {@code orchestrator.cluster.name}: the CloudTrail pipeline never sets it) makes the
 * rule's prefilter false, so the engine never looks at it; one that needs the field null still matches.
 */
class EsqlAbsentFieldsTest {
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

    private static CompiledRule rule(String where) {
        return EsqlSemanticsTest.rule("FROM logs-aws.cloudtrail-* | WHERE " + where + " | KEEP event.action");
    }

    @Test
    void needingAValueOfAnAbsentFieldIsDecidedAtCompileTime() {
        for (String where : new String[] {"user_agent.name == \"aws-cli\"", "orchestrator.cluster.name IS NOT NULL",
            "user_agent.name != \"aws-cli\"", "NOT orchestrator.cluster.name LIKE \"*prod*\"",
            "event.action == \"GetUser\" AND user_agent.name IN (\"aws-cli\", \"boto3\")"}) {
            CompiledRule r = rule(where);
            assertThat(r.condition()).as(where).isEqualTo(Predicate.Const.FALSE);
            assertThat(run(r, event(T0, "iam.amazonaws.com", "GetUser", IAM_USER, EvidenceCase.IP, ""))).as(where).isEmpty();
        }
    }

    @Test
    void readingAnAbsentFieldGivesNull() {
        CompiledRule r = EsqlSemanticsTest.rule("FROM logs-aws.cloudtrail-* | EVAL ua = COALESCE(user_agent.name, \"none\"),"
                + " cluster = CONCAT(\"c:\", orchestrator.cluster.name) | WHERE cluster IS NULL | KEEP ua, cluster");
        var alerts = run(r, event(T0, "iam.amazonaws.com", "GetUser", IAM_USER, EvidenceCase.IP, ""));
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).outputFields()).containsEntry("ua", "none").doesNotContainKey("cluster");
    }

    @Test
    void needingItNullStillMatches() {
        for (String where : new String[] {"user_agent.name IS NULL AND event.action == \"GetUser\"",
            "orchestrator.cluster.name IS NULL", "NOT (user_agent.name == \"aws-cli\") OR event.action == \"GetUser\""}) {
            CompiledRule r = rule(where);
            assertThat(r.condition()).as(where).isNotEqualTo(Predicate.Const.FALSE);
            assertThat(run(r, event(T0, "iam.amazonaws.com", "GetUser", IAM_USER, EvidenceCase.IP, ""))).as(where).hasSize(1);
        }
    }
}
