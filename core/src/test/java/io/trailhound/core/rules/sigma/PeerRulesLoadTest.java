package io.trailhound.core.rules.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.rules.LoadResult;
import io.trailhound.core.rules.RuleFile;
import io.trailhound.core.rules.ir.CompiledRule;
import io.trailhound.core.rules.ir.Predicates;
import io.trailhound.core.rules.ir.RuleFormat;
import io.trailhound.core.Severity;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** All 57 SigmaHQ AWS CloudTrail rules load unchanged and compile; none fails, none is skipped. */
class PeerRulesLoadTest {
    @Test
    void everyPeerRuleLoadsAndCompiles() {
        List<RuleFile> files = PeerRules.files();
        LoadResult r = new SigmaFrontEnd().load(files);
        System.out.printf("sigma peer rules: files=%d loaded=%d skipped-by-logsource=%d failed=%d problems=%s%n",
                files.size(), r.rules().size(), r.skipped().size(), r.errors().size(), r.problems());
        assertThat(files).hasSize(57);
        assertThat(r.problems()).isEmpty();
        assertThat(r.skipped()).isEmpty();
        assertThat(r.rules()).hasSize(57);
        assertThat(r.rules()).allSatisfy(rule -> {
            assertThat(rule.info().format()).isEqualTo(RuleFormat.SIGMA);
            assertThat(rule.info().enabled()).isTrue();
            assertThat(rule.info().author()).isNotEmpty();
            assertThat(rule.info().severity()).isIn(Severity.LOW, Severity.MEDIUM, Severity.HIGH);
            assertThat(rule.info().line()).isEqualTo(1);
            assertThat(rule.stateful()).isNull();
        });
    }

    @Test
    void rulesAreIndexedByEventNameExceptTheFiveWithoutALiteralName() {
        LoadResult r = PeerRules.load();
        Map<String, Set<String>> names = new TreeMap<>();
        Set<String> catchAll = new TreeSet<>();
        for (CompiledRule rule : r.rules()) {
            Set<String> s = Predicates.requiredEventNames(rule.condition());
            if (s == null) {
                catchAll.add(PeerRules.stem(rule.info().file()));
            } else {
                names.put(PeerRules.stem(rule.info().file()), s);
            }
        }
        System.out.println("sigma catch-all bucket: " + catchAll);
        // The study's four without any eventName test, plus the Lambda rule whose eventName|startswith
        // (CloudTrail writes UpdateFunctionConfiguration20150331v2) cannot be a set lookup.
        assertThat(catchAll).containsExactly("aws_cloudtrail_imds_malicious_usage", "aws_cloudtrail_pua_trufflehog",
                "aws_new_lambda_layer_attached", "aws_root_account_usage", "aws_sts_assumerole_misuse");
        assertThat(names).hasSize(52);
        assertThat(names.get("aws_cloudtrail_disable_logging")).containsExactlyInAnyOrder("stoplogging",
                "updatetrail", "deletetrail");
        assertThat(names.get("aws_cloudtrail_guardduty_detector_deleted_or_updated"))
                .containsExactlyInAnyOrder("deletedetector", "updatedetector");
        assertThat(names.get("aws_susp_saml_activity")).containsExactlyInAnyOrder("assumerolewithsaml",
                "updatesamlprovider");
    }

    @Test
    void metadataComesFromTheRule() {
        CompiledRule rule = PeerRules.load().rules().stream()
                .filter(x -> x.info().file().equals("aws_cloudtrail_imds_malicious_usage.yml")).findFirst().orElseThrow();
        assertThat(rule.info().id()).isEqualTo("352a918a-34d8-4882-8470-44830c507aa3");
        assertThat(rule.info().name()).isEqualTo("Malicious Usage Of IMDS Credentials Outside Of AWS Infrastructure");
        assertThat(rule.info().priority()).isEqualTo("high");
        assertThat(rule.info().severity()).isEqualTo(Severity.HIGH);
        assertThat(rule.info().author()).containsExactly("jamesc-grafana");
        assertThat(rule.info().extra()).containsEntry("status", "test")
                .containsEntry("logsource", "product=aws service=cloudtrail").containsEntry("date", "2024-07-11");
        assertThat(rule.info().tags()).contains("attack.t1078.002", "attack.initial-access");
        assertThat(rule.info().threat().stream().map(t -> t.subtechniqueId()).collect(Collectors.toSet()))
                .contains("T1078.002");
        assertThat(rule.info().threat().stream().map(t -> t.tacticId()).collect(Collectors.toSet()))
                .contains("TA0001", "TA0004", "TA0003");
    }
}
