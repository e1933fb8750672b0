package io.trailhound.core.rules.elastic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** How many enabled peer rules have hand-written hit/miss events, for the report; every name must exist. */
class PeerRuleEvidenceCoverageTest {
    @Test
    void coverageOfEnabledPeerRules() {
        Set<String> covered = new TreeSet<>();
        Stream.of(PeerRuleEvidenceTest.cases(), PeerRuleEvidenceServicesTest.cases(), PeerRuleEvidenceCloudOpsTest.cases(),
                        PeerRuleEvidenceSingleActionTest.cases()).flatMap(s -> s)
                .forEach(c -> covered.add(c.rule()));
        // Tested in their own classes: SeedRuleAssumeRootTest and StatefulPeerRulesTest.
        covered.addAll(List.of("AWS STS AssumeRoot by Rare User and Member Account",
                "AWS Bedrock Foundation Model Enumeration Followed by Invocation via Long-Term Key",
                "AWS Management Console Brute Force of Root User Identity",
                "AWS Secrets Manager Rapid Secrets Retrieval", "AWS S3 Bucket Enumeration or Brute Force"));
        // Loaded with their need (source.as.*) and checked never to match without it: PeerRuleEvidenceCloudOpsTest.
        List<String> asnOnly = List.of("AWS EC2 Role GetCallerIdentity from New Source AS Organization",
                "AWS AssumeRoleWithWebIdentity from Kubernetes SA and External ASN",
                "AWS Discovery API Calls from VPN ASN for the First Time by Identity",
                "AWS Lambda Function Invoked from an Unusual Source ASN",
                "AWS EC2 CreateKeyPair by New Principal from Non-Cloud AS Organization");
        List<String> enabled = PeerRules.load().rules().stream().filter(r -> r.info().enabled())
                .map(r -> r.info().name()).toList();
        assertThat(enabled).containsAll(covered).containsAll(asnOnly);
        List<String> uncovered = enabled.stream().filter(n -> !covered.contains(n) && !asnOnly.contains(n)).toList();
        System.out.printf("Peer rules with hand-written hit/miss events: %d of %d enabled; needing an ASN database "
                + "(shown not to fire without it): %d; neither: %s%n", covered.size(), enabled.size(), asnOnly.size(),
                uncovered);
    }
}
