package io.trailhound.core.rules.elastic;

import static io.trailhound.core.rules.elastic.CloudTrailRecords.IAM_USER;
import static io.trailhound.core.rules.elastic.EsqlRuns.PARIS;
import static io.trailhound.core.rules.elastic.EsqlRuns.SYDNEY;
import static io.trailhound.core.rules.elastic.EsqlRuns.event;
import static io.trailhound.core.rules.elastic.EsqlRuns.rule;
import static io.trailhound.core.rules.elastic.EsqlRuns.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.alert.Alert;
import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.LoadProblem;
import io.trailhound.core.rules.ir.CompiledRule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The ES|QL peer rules that CloudTrail alone cannot fire, each for a reason it states: two need a
 * second data source, one a user-agent parser, one is false on every CloudTrail event under
 * ES|QL's three-valued logic, one reads Kibana's alerts. Each runs on CloudTrail as far as it can:
 * the rule as published misses, and the same query with only the part CloudTrail lacks changed
 * (taken from the peer file at test time) hits, so everything else in it is exercised.
 */
class EsqlPeerRulesBeyondCloudTrailTest {
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:01Z");

    /** The rule of {@code file} with {@code from} replaced by {@code to} in its query (which must contain it). */
    private static CompiledRule variant(String file, String from, String to) {
        String toml = EsqlRuns.text(file);
        assertThat(toml).contains(from);
        return EsqlRuns.load(file, toml.replace(from, to));
    }

    @Test
    void multiCloudSecretsNeedsASecondVendor() {
        CompiledRule r = rule("Multiple Cloud Secrets Accessed by Source Address");
        assertThat(r.info().needs()).anyMatch(n -> n.contains("runs on its CloudTrail part only"));
        List<CloudTrailEvent> secrets = List.of(secret(0), secret(30));
        assertThat(run(r, secrets)).as("AWS is one vendor; the rule wants two").isEmpty();
        CompiledRule oneVendor = variant("credential_access_multi_could_secrets_via_api.toml",
                "Esql.vendor_count_distinct >= 2", "Esql.vendor_count_distinct >= 1");
        List<Alert> hit = run(oneVendor, secrets);
        assertThat(hit).isNotEmpty().allSatisfy(a -> assertThat(a.context())
                .containsEntry("Esql.cloud_vendor_values", "aws").containsEntry("Esql.events_count", "2")
                .containsEntry("Esql.tenant_label_values", "aws:111122223333").containsEntry("source.ip", EvidenceCase.IP));
        assertThat(run(oneVendor, event(T0, "secretsmanager.amazonaws.com", "ListSecrets", IAM_USER, EvidenceCase.IP,
                ""))).as("listing secrets reads none").isEmpty();
    }

    private static CloudTrailEvent secret(long s) {
        return event(T0.plusSeconds(s), "secretsmanager.amazonaws.com", "GetSecretValue", IAM_USER, EvidenceCase.IP,
                "\"requestParameters\":{\"secretId\":\"prod/db\"}");
    }

    @Test
    void ssmLolbinNeedsEndpointEvents() {
        CompiledRule r = rule("AWS EC2 LOLBin Execution via SSM SendCommand");
        CloudTrailEvent send = event(T0, "ssm.amazonaws.com", "SendCommand", IAM_USER, EvidenceCase.IP,
                "\"requestParameters\":{\"documentName\":\"AWS-RunShellScript\",\"instanceIds\":[\"i-0abc\"]},"
                        + "\"responseElements\":{\"command\":{\"commandId\":\"5b3c-77aa\",\"documentName\":"
                        + "\"AWS-RunShellScript\",\"status\":\"Pending\"}}");
        assertThat(run(r, send)).as("no endpoint process events in CloudTrail").isEmpty();
        String toml = EsqlRuns.text("execution_aws_ec2_lolbin_via_ssm.toml");
        int cut = toml.indexOf("// Detection condition");
        assertThat(cut).isPositive();
        CompiledRule upToCondition = EsqlRuns.load("lolbin-cut.toml", toml.substring(0, cut) + "'''\n"
                + toml.substring(toml.indexOf("'''", cut) + 3));
        List<Alert> rows = run(upToCondition, send);
        assertThat(rows).isNotEmpty().allSatisfy(a -> assertThat(a.context())
                .containsEntry("Esql.aws_ssm_command_id", "5b3c-77aa").containsEntry("Esql.aws_cloudtrail_event_count", "1")
                .containsEntry("Esql.endpoint_events_process_lolbin_count", "0"));
        CloudTrailEvent document = event(T0, "ssm.amazonaws.com", "SendCommand", IAM_USER, EvidenceCase.IP,
                "\"requestParameters\":{\"documentName\":\"AWS-UpdateSSMAgent\"},\"responseElements\":{\"command\":"
                        + "{\"commandId\":\"5b3c-77ab\"}}");
        assertThat(run(upToCondition, document)).as("not a shell script document").isEmpty();
    }

    @Test
    void discoveryViaCliNeedsAUserAgentParser() {
        CompiledRule r = rule("AWS Discovery API Calls via CLI from a Single Resource");
        assertThat(r.info().needs()).anyMatch(n -> n.startsWith("user_agent."));
        assertThat(run(r, discovery(6))).as("user_agent.name is absent without a parser").isEmpty();
        CompiledRule parsed = variant("discovery_multiple_discovery_api_calls_via_cli.toml",
                "user_agent.name == \"aws-cli\"", "user_agent.original LIKE \"aws-cli/*\"");
        assertThat(run(parsed, discovery(6))).isNotEmpty().allSatisfy(a -> assertThat(a.context())
                .containsEntry("Esql.event_action_count_distinct", "6"));
        assertThat(run(parsed, discovery(5))).as("five distinct calls is not more than five").isEmpty();
    }

    private static List<CloudTrailEvent> discovery(int kinds) {
        String[][] calls = {{"ec2", "DescribeInstances"}, {"ec2", "DescribeVpcs"}, {"iam", "ListUsers"},
            {"iam", "GetAccountSummary"}, {"s3", "ListBuckets"}, {"kms", "ListKeys"}};
        List<CloudTrailEvent> out = new ArrayList<>();
        for (int i = 0; i < kinds; i++) {
            out.add(event(T0.plusSeconds(i), calls[i][0] + ".amazonaws.com", calls[i][1], IAM_USER, EvidenceCase.IP, ""));
        }
        return out;
    }

    @Test
    void tokenFromMultipleAddressesIsNeverTrueOnCloudTrail() {
        CompiledRule r = rule("AWS Access Token Used from Multiple Addresses");
        List<CloudTrailEvent> twoPlaces = List.of(
                event(T0, "s3.amazonaws.com", "ListBuckets", IAM_USER, PARIS, EvidenceCase.CLI, "us-east-1", ""),
                event(T0.plusSeconds(60), "sts.amazonaws.com", "GetCallerIdentity", IAM_USER, SYDNEY, "Boto3/1.34",
                        "us-east-1", ""));
        // CloudTrail writes sessionCredentialFromConsole only when true: elsewhere the field is null,
        // and "not null == "true"" is null, which WHERE drops (ES|QL's three-valued logic).
        assertThat(run(r, twoPlaces)).isEmpty();
        CompiledRule meant = variant("initial_access_iam_session_token_used_from_multiple_addresses.toml",
                "not aws.cloudtrail.session_credential_from_console == \"true\"",
                "aws.cloudtrail.session_credential_from_console IS NULL");
        List<Alert> hit = run(meant, twoPlaces);
        assertThat(hit).isNotEmpty().allSatisfy(a -> assertThat(a.context())
                .containsEntry("Esql.activity_type", "multiple_ip_network_city_user_agent")
                .containsEntry("Esql.activity_fidelity_score", "high"));
        List<CloudTrailEvent> onePlace = List.of(twoPlaces.get(0),
                event(T0.plusSeconds(60), "sts.amazonaws.com", "GetCallerIdentity", IAM_USER, PARIS, "Boto3/1.34",
                        "us-east-1", ""));
        assertThat(run(meant, onePlace)).as("one address").isEmpty();
    }

    @Test
    void alertsIndexRuleLoadsDisabledWithWhy() {
        CompiledRule r = rule("AWS IAM Long-Term Access Key Correlated with Elevated Detection Alerts");
        assertThat(r.info().enabled()).isFalse();
        assertThat(r.info().disabledReason()).contains(".alerts-security.*").contains("not CloudTrail").contains("line ");
        assertThat(EsqlRuns.rules().problems()).anySatisfy(p -> {
            assertThat(p.code()).isEqualTo("ELASTIC_ESQL_UNSUPPORTED");
            assertThat(p.level()).isEqualTo(LoadProblem.Level.WARNING);
            assertThat(p.line()).isPositive();
        });
        assertThat(run(r, event(T0, "iam.amazonaws.com", "CreateAccessKey", IAM_USER, EvidenceCase.IP, ""))).isEmpty();
    }
}
