package io.trailhound.core.rules.elastic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailhound.core.conformance.SharedData;
import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.TestEvents;
import io.trailhound.core.rules.ir.CompiledRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Elastic's rules over real attack logs: Stratus Red Team detonations (../shared/datasets, real
 * CloudTrail records, never copied here), one file per technique. Prints which rules' queries
 * match in which technique's records, and checks the techniques whose Elastic rule is written for
 * exactly that API call.
 */
class StratusDetonationsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void rulesWrittenForATechniqueMatchItsDetonation() throws IOException {
        Path dir = SharedData.dir("datasets/stratus-red-team-detonation-logs");
        List<CompiledRule> rules = PeerRules.load().rules().stream().filter(r -> r.info().enabled()).toList();
        Map<String, Set<String>> firedByTechnique = new TreeMap<>();
        int records = 0;
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().startsWith("aws.")).sorted().toList();
        }
        for (Path f : files) {
            String technique = f.getFileName().toString().replace(".json", "");
            Set<String> fired = firedByTechnique.computeIfAbsent(technique, k -> new TreeSet<>());
            for (JsonNode r : JSON.readTree(f.toFile())) {
                CloudTrailEvent e = TestEvents.parse(r.toString());
                records++;
                for (CompiledRule rule : rules) {
                    if (rule.condition().test(e)) {
                        fired.add(rule.info().name());
                    }
                }
            }
        }
        System.out.printf("Stratus detonations: %d records in %d techniques; %d enabled Elastic rules%n", records,
                files.size(), rules.size());
        firedByTechnique.forEach((t, names) -> System.out.println("  " + t + " -> " + names));
        assertThat(records).isGreaterThan(300);
        assertThat(firedByTechnique.get("aws.defense-evasion.cloudtrail-delete")).contains("AWS CloudTrail Log Deleted");
        assertThat(firedByTechnique.get("aws.defense-evasion.cloudtrail-stop")).contains("AWS CloudTrail Log Suspended");
        assertThat(firedByTechnique.get("aws.defense-evasion.organizations-leave"))
                .contains("AWS Attempt to Leave Organization");
        assertThat(firedByTechnique.get("aws.defense-evasion.vpc-remove-flow-logs")).contains("AWS VPC Flow Logs Deletion");
        assertThat(firedByTechnique.get("aws.defense-evasion.dns-delete-logs"))
                .contains("AWS Route 53 Resolver Query Log Configuration Deleted");
        assertThat(firedByTechnique.get("aws.defense-evasion.cloudtrail-event-selectors"))
                .contains("AWS CloudTrail Management Events Disabled via PutEventSelectors");
        assertThat(firedByTechnique.get("aws.persistence.iam-create-admin-user"))
                .contains("AWS IAM AdministratorAccess Policy Attached to User");
        assertThat(firedByTechnique.get("aws.persistence.iam-create-backdoor-role"))
                .contains("AWS IAM AdministratorAccess Policy Attached to Role");
        assertThat(firedByTechnique.get("aws.initial-access.console-login-without-mfa"))
                .contains("AWS IAM User Console Login Without MFA");
        assertThat(firedByTechnique.get("aws.exfiltration.ec2-share-ebs-snapshot"))
                .contains("AWS EC2 EBS Snapshot Shared or Made Public");
        assertThat(firedByTechnique.get("aws.exfiltration.rds-share-snapshot"))
                .contains("AWS RDS DB Snapshot Shared with Another Account");
        assertThat(firedByTechnique.get("aws.exfiltration.ec2-share-ami")).contains("AWS EC2 AMI Shared with Another Account");
        assertThat(firedByTechnique.get("aws.persistence.lambda-backdoor-function"))
                .contains("AWS Lambda Function Policy Updated to Allow Public Invocation");
        assertThat(firedByTechnique.get("aws.persistence.rolesanywhere-create-trust-anchor"))
                .contains("AWS IAM Roles Anywhere Trust Anchor Created with External CA");
        // Not asserted, as Elastic's rule behaves so too: the port-22 detonation uses the top-level
        // cidrIp/fromPort request form, which "Insecure AWS EC2 VPC Security Group Ingress Rule Added"
        // (ipPermissions.items… only) does not read.
    }
}
