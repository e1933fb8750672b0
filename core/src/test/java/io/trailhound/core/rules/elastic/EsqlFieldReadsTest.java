package io.trailhound.core.rules.elastic;

import static io.trailhound.core.rules.elastic.CloudTrailRecords.IAM_USER;
import static io.trailhound.core.rules.elastic.EsqlRuns.event;
import static io.trailhound.core.rules.elastic.EsqlRuns.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.alert.Alert;
import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.ir.CompiledRule;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An event field a query reads many times is read once per row and kept there: every read sees the
 * row's own event, a null field stays null on every read, and MV_EXPAND's rows keep their event's values.
 */
class EsqlFieldReadsTest {
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    private static final CompiledRule MANY_READS = EsqlSemanticsTest.rule("""
            FROM logs-aws.cloudtrail-*
            | WHERE event.action IN ("ListRoles", "GetUser") AND user.target.name IS NULL
            | EVAL a = event.action, b = CONCAT(event.action, "!"),
                   n1 = COALESCE(user.target.name, "none1"), n2 = COALESCE(user.target.name, "none2"),
                   phase = CASE(event.action == "ListRoles", "recon", event.action == "GetUser", "user", "other")
            | KEEP a, b, n1, n2, phase
            """);

    private static Map<String, String> fields(CompiledRule rule, CloudTrailEvent e) {
        List<Alert> alerts = run(rule, e);
        assertThat(alerts).hasSize(1);
        return alerts.get(0).outputFields();
    }

    @Test
    void eachRowReadsItsOwnEventAndNullStaysNull() {
        CloudTrailEvent list = event(T0, "iam.amazonaws.com", "ListRoles", IAM_USER, EvidenceCase.IP, "");
        CloudTrailEvent get = event(T0, "iam.amazonaws.com", "GetUser", IAM_USER, EvidenceCase.IP, "");
        assertThat(fields(MANY_READS, list)).containsEntry("a", "ListRoles").containsEntry("b", "ListRoles!")
                .containsEntry("n1", "none1").containsEntry("n2", "none2").containsEntry("phase", "recon");
        assertThat(fields(MANY_READS, get)).containsEntry("a", "GetUser").containsEntry("b", "GetUser!")
                .containsEntry("n1", "none1").containsEntry("n2", "none2").containsEntry("phase", "user");
        assertThat(run(MANY_READS, event(T0, "iam.amazonaws.com", "GetUser", IAM_USER, EvidenceCase.IP,
                "\"requestParameters\":{\"userName\":\"alice\"}"))).as("user.target.name set: WHERE drops it").isEmpty();
    }

    @Test
    void expandedRowsKeepTheirEventsValues() {
        CompiledRule expand = EsqlSemanticsTest.rule("""
                FROM logs-aws.cloudtrail-*
                | EVAL arns = aws.cloudtrail.resources.arn
                | MV_EXPAND arns
                | EVAL who = CONCAT(event.action, ":", arns)
                | WHERE event.action == "GetUser"
                | STATS whos = VALUES(who), rows = COUNT(*) BY event.action
                """);
        List<Alert> alerts = run(expand, event(T0, "iam.amazonaws.com", "GetUser", IAM_USER, EvidenceCase.IP,
                "\"resources\":[{\"ARN\":\"a\"},{\"ARN\":\"b\"}]"));
        assertThat(alerts).isNotEmpty().allSatisfy(a -> assertThat(a.context())
                .containsEntry("whos", "[\"GetUser:a\",\"GetUser:b\"]").containsEntry("rows", "2"));
    }
}
