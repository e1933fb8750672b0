package io.trailhound.core.rules.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.conformance.SharedData;
import io.trailhound.core.rules.ir.CompiledRule;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Runs the 57 peer rules' predicates over the real CloudTrail datasets and compares which rules
 * fire, and how often, with the study's cross-check (reference/sigma-and-datasets.md §4): every
 * count agrees with it on the invictus (11 rules), Stratus (10) and Panther (29) sets.
 */
class PeerRulesOnDatasetsTest {
    private static Map<String, Integer> fire(String dataset) {
        return fire(dataset, "");
    }

    /** @param file one file inside the dataset folder, or "" for all of it */
    private static Map<String, Integer> fire(String dataset, String file) {
        List<CompiledRule> rules = PeerRules.load().rules();
        List<DatasetRecords.Entry> records = DatasetRecords.read(SharedData.dir(dataset).resolve(file));
        Map<String, Integer> counts = new TreeMap<>();
        for (DatasetRecords.Entry e : records) {
            for (CompiledRule r : rules) {
                if (r.condition().test(e.event())) {
                    counts.merge(PeerRules.stem(r.info().file()), 1, Integer::sum);
                }
            }
        }
        System.out.printf("sigma on %s: %d records, %d rules fire: %s%n", dataset, records.size(), counts.size(),
                counts);
        return counts;
    }

    @Test
    void invictusSigmaAws() {
        Map<String, Integer> c = fire("datasets/invictus-sigma-aws-cloudtrail");
        assertThat(c).isEqualTo(Map.ofEntries(
                Map.entry("aws_sts_assumerole_misuse", 76),
                Map.entry("aws_cloudtrail_disable_logging", 6),
                Map.entry("aws_cloudtrail_security_group_change_ingress_egress", 6),
                Map.entry("aws_cloudtrail_new_route_added", 6),
                Map.entry("aws_cloudtrail_bucket_deleted", 5),
                Map.entry("aws_enum_buckets", 3),
                Map.entry("aws_iam_backdoor_users_keys", 2),
                Map.entry("aws_snapshot_backup_exfiltration", 2),
                Map.entry("aws_cloudtrail_console_login_success_without_mfa", 1),
                Map.entry("aws_cloudtrail_ssm_malicious_usage", 1),
                Map.entry("aws_cloudtrail_vpc_flow_logs_deleted", 1)));
    }

    @Test
    void stratusDetonationLogs() {
        Map<String, Integer> c = fire("datasets/stratus-red-team-detonation-logs");
        assertThat(c).isEqualTo(Map.ofEntries(
                Map.entry("aws_sts_assumerole_misuse", 68),
                Map.entry("aws_cloudtrail_disable_logging", 2),
                Map.entry("aws_cloudtrail_ssm_malicious_usage", 2),
                Map.entry("aws_iam_backdoor_users_keys", 2),
                Map.entry("aws_cloudtrail_console_login_success_without_mfa", 1),
                Map.entry("aws_cloudtrail_security_group_change_ingress_egress", 1),
                Map.entry("aws_cloudtrail_vpc_flow_logs_deleted", 1),
                Map.entry("aws_new_lambda_layer_attached", 1),
                Map.entry("aws_snapshot_backup_exfiltration", 1),
                Map.entry("aws_update_login_profile", 1)));
    }

    /** Panther's labelled test events (461): labelled for Panther's rules, so only the study's counts apply. */
    @Test
    void pantherTestEvents() {
        Map<String, Integer> c = fire("datasets/panther-cloudtrail-tests", "events.jsonl");
        assertThat(c).isEqualTo(Map.ofEntries(
                Map.entry("aws_sts_assumerole_misuse", 220),
                Map.entry("aws_root_account_usage", 14),
                Map.entry("aws_cloudtrail_console_login_success_without_mfa", 13),
                Map.entry("aws_iam_backdoor_users_keys", 7),
                Map.entry("aws_s3_data_management_tampering", 7),
                Map.entry("aws_cloudtrail_new_acl_entries", 6),
                Map.entry("aws_cloudtrail_security_group_change_ingress_egress", 6),
                Map.entry("aws_cloudtrail_disable_logging", 5),
                Map.entry("aws_cloudtrail_security_group_change_rds", 5),
                Map.entry("aws_update_login_profile", 5),
                Map.entry("aws_disable_bucket_versioning", 4),
                Map.entry("aws_rds_dbcluster_actions", 4),
                Map.entry("aws_snapshot_backup_exfiltration", 4),
                Map.entry("aws_cloudtrail_ssm_malicious_usage", 3),
                Map.entry("aws_config_disable_recording", 3),
                Map.entry("aws_cloudtrail_new_route_added", 2),
                Map.entry("aws_cloudtrail_pua_trufflehog", 2),
                Map.entry("aws_securityhub_finding_evasion", 2),
                Map.entry("aws_sts_getcalleridentity_trufflehog", 2),
                Map.entry("aws_sts_getsessiontoken_misuse", 2),
                Map.entry("aws_cloudtrail_bedrock_guardrail_deleted", 1),
                Map.entry("aws_cloudtrail_bedrock_guardrail_updated", 1),
                Map.entry("aws_cloudtrail_console_login_failed_authentication", 1),
                Map.entry("aws_cloudtrail_vpc_flow_logs_deleted", 1),
                Map.entry("aws_console_getsignintoken", 1),
                Map.entry("aws_ec2_disable_encryption", 1),
                Map.entry("aws_rds_change_master_password", 1),
                Map.entry("aws_rds_public_db_restore", 1),
                Map.entry("aws_susp_saml_activity", 1)));
    }
}
