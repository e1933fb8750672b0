package io.trailhound.core.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailhound.core.Severity;
import io.trailhound.core.alert.Alert;
import io.trailhound.core.posture.CheckInfo;
import io.trailhound.core.posture.Finding;
import io.trailhound.core.posture.PostureChecks;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AsffFindingTest {
    private static final AsffTarget TARGET = new AsffTarget("eu-west-1", null);
    private static final Instant NOW = Instant.parse("2026-11-02T00:00:00Z");
    private static final List<String> REQUIRED = List.of("SchemaVersion", "Id", "ProductArn", "GeneratorId", "AwsAccountId",
            "Types", "CreatedAt", "UpdatedAt", "Severity", "Title", "Description", "Resources");

    @Test
    void anAlertHasEveryRequiredFieldAndTheOrigin() {
        Alert a = OutputSamples.alerts().get(0);
        ObjectNode f = AsffFinding.forAlert(AlertFacts.of(a), TARGET, NOW);
        assertThat(f.fieldNames()).toIterable().containsAll(REQUIRED);
        assertThat(f.get("Id").asText()).isEqualTo("trailhound/" + a.id());
        assertThat(f.get("ProductArn").asText())
                .isEqualTo("arn:aws:securityhub:eu-west-1:111122223333:product/111122223333/default");
        assertThat(f.get("Types").get(0).asText()).isEqualTo("TTPs/Defense Evasion");
        assertThat(f.at("/Severity/Label").asText()).isEqualTo("HIGH");
        assertThat(f.get("CreatedAt").asText()).isEqualTo("2026-11-01T09:00:00.000Z");
        assertThat(f.get("UpdatedAt").asText()).isEqualTo("2026-11-02T00:00:00.000Z");
        assertThat(f.at("/Resources/0/Type").asText()).isEqualTo("AwsIamRole");
        assertThat(f.at("/Resources/1/Id").asText()).isEqualTo(OutputSamples.ALICE);
        assertThat(f.at("/UserDefinedFields/trailhound.origin").asText()).isEqualTo(OutputSamples.ALICE);
        assertThat(f.at("/UserDefinedFields/trailhound.origin.confidence").asText()).isEqualTo("exact");
    }

    /** A re-run updates, not duplicates: same logs, same Id and CreatedAt; only UpdatedAt moves. */
    @Test
    void theSameAlertGetsTheSameIdInEveryRun() {
        Alert a = OutputSamples.alerts().get(0);
        ObjectNode first = AsffFinding.forAlert(AlertFacts.of(a), TARGET, NOW);
        ObjectNode second = AsffFinding.forAlert(AlertFacts.of(a), TARGET, NOW.plusSeconds(3600));
        assertThat(second.get("Id")).isEqualTo(first.get("Id"));
        assertThat(second.get("CreatedAt")).isEqualTo(first.get("CreatedAt"));
        assertThat(second.get("UpdatedAt")).isNotEqualTo(first.get("UpdatedAt"));
        List<String> ids = OutputSamples.alerts().stream().map(x -> AsffFinding.forAlert(AlertFacts.of(x), TARGET, NOW)
                .get("Id").asText()).distinct().toList();
        assertThat(ids).hasSize(3);
    }

    @Test
    void alertsWithoutThreatOrSeverityOrOriginAreStillComplete() {
        for (Alert a : OutputSamples.alerts()) {
            ObjectNode f = AsffFinding.forAlert(AlertFacts.of(a), new AsffTarget("cn-north-1", "999988887777"), NOW);
            assertThat(f.fieldNames()).toIterable().containsAll(REQUIRED);
            assertThat(f.get("ProductArn").asText()).startsWith("arn:aws-cn:securityhub:cn-north-1:999988887777:product/");
            assertThat(f.get("Resources")).isNotEmpty();
            assertThat(f.get("Types")).isNotEmpty();
        }
        assertThat(AsffFinding.forAlert(AlertFacts.of(OutputSamples.alerts().get(1)), TARGET, NOW).has("UserDefinedFields"))
                .isFalse();
        assertThat(AsffFinding.forAlert(AlertFacts.of(OutputSamples.alerts().get(2)), TARGET, NOW)
                .at("/Severity/Label").asText()).isEqualTo("INFORMATIONAL");
    }

    @Test
    void postureFindingsCarryComplianceAndRemediation() {
        CheckInfo info = PostureChecks.all().get(0).info();
        Finding user = new Finding(info.id(), info.severity(), "111122223333", "alice", null, "no MFA", 3);
        ObjectNode f = AsffFinding.forPosture(user, info, Instant.parse("2026-11-01T00:00:00Z"), TARGET, NOW);
        assertThat(f.fieldNames()).toIterable().containsAll(REQUIRED);
        assertThat(f.get("Id").asText()).isEqualTo("trailhound/posture:" + info.id() + ":111122223333:alice");
        assertThat(f.at("/Compliance/Status").asText()).isEqualTo("FAILED");
        assertThat(f.at("/Resources/0/Id").asText()).isEqualTo("arn:aws:iam::111122223333:user/alice");
        assertThat(f.at("/Remediation/Recommendation/Text").asText()).isNotEmpty();
        Finding root = new Finding("root-no-mfa", Severity.CRITICAL, "111122223333", "<root_account>", null, "d", -1);
        assertThat(AsffFinding.forPosture(root, null, NOW, TARGET, NOW).at("/Resources/0/Type").asText()).isEqualTo("AwsAccount");
    }

    @Test
    void longValuesAreHeldToTheFormatsLimits() {
        String longId = "x".repeat(600);
        String bounded = AsffFinding.boundedId(longId);
        assertThat(bounded).hasSize(512).isEqualTo(AsffFinding.boundedId(longId)).isNotEqualTo(AsffFinding.boundedId(longId + "y"));
        Finding f = new Finding("c", Severity.LOW, "1", "u", null, "d".repeat(5000), -1);
        JsonNode n = AsffFinding.forPosture(f, null, NOW, TARGET, NOW);
        assertThat(n.get("Description").asText()).hasSize(1024);
        String emoji = "d".repeat(1022) + "\uD83D\uDE00" + "tail";
        String cut = AsffFinding.limit(emoji, 1024);
        assertThat(cut).hasSize(1023).endsWith("d\u2026");
        assertThatThrownBy(() -> new AsffTarget(" ", null)).isInstanceOf(IllegalArgumentException.class);
    }
}
