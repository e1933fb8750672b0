package io.trailhound.core.rules.elastic;

import static io.trailhound.core.rules.elastic.CloudTrailRecords.IAM_USER;
import static io.trailhound.core.rules.elastic.EsqlRuns.event;
import static io.trailhound.core.rules.elastic.EsqlRuns.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.alert.Alert;
import io.trailhound.core.rules.ir.CompiledRule;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code IN} over a list of string literals (looked up in a set) means what comparing one by one
 * means: case-sensitive equality for strings, null for a null or multi-valued operand (so
 * {@code NOT IN} keeps neither), and a number or date still compared as ES|QL converts literals.
 */
class EsqlInListTest {
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

    private static CompiledRule rule(String where) {
        return EsqlSemanticsTest.rule("FROM logs-aws.cloudtrail-* | EVAL n = LENGTH(event.action) | WHERE " + where
                + " | KEEP event.action, n");
    }

    private static List<Alert> on(CompiledRule r, String action, String rest) {
        return run(r, event(T0, "iam.amazonaws.com", action, IAM_USER, EvidenceCase.IP, rest));
    }

    @Test
    void stringListsMatchWholeCaseSensitiveValues() {
        CompiledRule in = rule("event.action IN (\"ListUsers\", \"CreateAccessKey\", \"GetUser\")");
        assertThat(on(in, "CreateAccessKey", "")).hasSize(1);
        assertThat(on(in, "createaccesskey", "")).as("case-sensitive").isEmpty();
        assertThat(on(in, "CreateAccessKeys", "")).as("whole value").isEmpty();
        CompiledRule notIn = rule("event.action NOT IN (\"ListUsers\", \"GetUser\")");
        assertThat(on(notIn, "CreateAccessKey", "")).hasSize(1);
        assertThat(on(notIn, "ListUsers", "")).isEmpty();
    }

    @Test
    void aMissingOrMultiValuedOperandIsNullEitherWay() {
        String two = "\"resources\":[{\"ARN\":\"a\"},{\"ARN\":\"b\"}]";
        CompiledRule in = rule("aws.cloudtrail.resources.arn IN (\"a\", \"b\")");
        CompiledRule notIn = rule("aws.cloudtrail.resources.arn NOT IN (\"a\", \"b\")");
        assertThat(on(in, "GetUser", two)).isEmpty();
        assertThat(on(notIn, "GetUser", two)).isEmpty();
        assertThat(on(in, "GetUser", "")).isEmpty();
        assertThat(on(notIn, "GetUser", "")).isEmpty();
        assertThat(on(in, "GetUser", "\"resources\":[{\"ARN\":\"b\"}]")).hasSize(1);
    }

    @Test
    void aNumberAgainstStringLiteralsIsStillConverted() {
        CompiledRule in = rule("n IN (\"15\", \"7\")"); // LENGTH("CreateAccessKey") = 15
        assertThat(on(in, "CreateAccessKey", "")).hasSize(1);
        assertThat(on(in, "ListUsers", "")).isEmpty();
        assertThat(on(rule("n NOT IN (\"15\", \"7\")"), "ListUsers", "")).hasSize(1);
    }
}
