package io.trailhound.core.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.identity.Attribution;
import io.trailhound.core.identity.AttributionResolver;
import io.trailhound.core.identity.Confidence;
import io.trailhound.core.identity.Issuance;
import io.trailhound.core.identity.IssuanceReader;
import io.trailhound.core.ingest.IngestProgress;
import io.trailhound.core.ingest.InputFinder;
import io.trailhound.core.scan.Scan;
import io.trailhound.core.scan.ScanOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Attribution on real CloudTrail from ../shared/datasets (see the READMEs there for what they hold). */
class DatasetAttributionTest {
    private record Seen(CloudTrailEvent event, Attribution attribution) {
    }

    private static List<Seen> attribute(Path dir) {
        List<CloudTrailEvent> events = new ArrayList<>();
        Scan scan = Scan.builder(ScanOptions.defaults(null)).attribution().onEvent(events::add).build();
        scan.run(List.of(dir.toString()), IngestProgress.NONE);
        List<Seen> seen = new ArrayList<>();
        events.forEach(e -> seen.add(new Seen(e, scan.attributor().answer(e))));
        return seen;
    }

    @Test
    void invictusIssuedRoleKeysResolveExactlyAndConsoleAndServiceSessionsAreLabelled() {
        List<Seen> all = attribute(SharedData.dir("datasets/invictus-sigma-aws-cloudtrail"));
        assertThat(all).hasSize(2900);
        List<Seen> roleKeyCalls = all.stream()
                .filter(s -> AttributionResolver.needsChain(s.event()) && s.event().userIdentity().accessKeyId() != null).toList();
        assertThat(roleKeyCalls).hasSize(70);
        assertThat(roleKeyCalls).allSatisfy(s -> assertThat(s.attribution().confidence()).as(s.event().toString()).isEqualTo(Confidence.EXACT));
        Map<String, Integer> byOrigin = new TreeMap<>();
        roleKeyCalls.forEach(s -> byOrigin.merge(s.attribution().origin().type() + " " + s.attribution().origin().label(), 1, Integer::sum));
        assertThat(byOrigin).containsEntry("IAMUser arn:aws:iam::123837392027:user/bert-jan", 47)
                .containsEntry("AWSService ec2.amazonaws.com", 23);
        assertThat(all.stream().map(s -> IssuanceReader.read(s.event())).filter(java.util.Objects::nonNull)
                .map(Issuance::accessKeyId).distinct()).hasSize(36);

        // Service-linked role sessions (no key in the record) link by session to the service's AssumeRole.
        List<Seen> keyless = all.stream()
                .filter(s -> AttributionResolver.needsChain(s.event()) && s.event().userIdentity().accessKeyId() == null).toList();
        assertThat(keyless).isNotEmpty().allSatisfy(s -> {
            assertThat(s.attribution().origin().type()).isEqualTo("AWSService");
            assertThat(s.attribution().confidence()).isEqualTo(Confidence.ASSERTED);
        });
        // Console-session keys of IAM users have no issuance, and need none: the record names the user.
        List<Seen> console = all.stream().filter(s -> "IAMUser".equals(s.event().userIdentity().type())
                && s.event().userIdentity().temporaryKey() && s.event().sessionCredentialFromConsole()).toList();
        assertThat(console.stream().map(s -> s.event().userIdentity().accessKeyId()).distinct()).hasSize(35);
        assertThat(console).allSatisfy(s -> {
            assertThat(s.attribution().origin().type()).isEqualTo("IAMUser");
            assertThat(s.attribution().origin().arn()).isEqualTo(s.event().userIdentity().arn());
        });
        assertThat(all).noneMatch(s -> s.attribution().confidence() == Confidence.UNKNOWN);
    }

    @Test
    void theAnswerDoesNotDependOnFileOrderOrThreads() {
        Path dir = SharedData.dir("datasets/invictus-sigma-aws-cloudtrail");
        InputFinder.Found found = new InputFinder().find(List.of(dir.toString()));
        Map<String, Attribution> forward = byEvent(found, 2);
        List<io.trailhound.core.ingest.InputSource> reversed = new ArrayList<>(found.inputs());
        java.util.Collections.reverse(reversed);
        Map<String, Attribution> backward = byEvent(new InputFinder.Found(reversed, found.unreadable()), 1);
        assertThat(backward).hasSize(2900).isEqualTo(forward);
    }

    private static Map<String, Attribution> byEvent(InputFinder.Found found, int threads) {
        Map<String, Attribution> out = new java.util.HashMap<>();
        ScanOptions o = ScanOptions.defaults(null);
        List<CloudTrailEvent> events = new ArrayList<>();
        Scan scan = Scan.builder(new ScanOptions(o.limits(), threads, null)).attribution().onEvent(events::add).build();
        scan.run(found, IngestProgress.NONE);
        events.forEach(e -> out.put(e.eventID(), scan.attributor().answer(e)));
        return out;
    }

    @Test
    void stratusFederationChainAndMissingIssuances() {
        List<Seen> all = attribute(SharedData.dir("datasets/stratus-red-team-detonation-logs"));
        List<Seen> federated = all.stream().filter(s -> "FederatedUser".equals(s.event().userIdentity().type())).toList();
        assertThat(federated).isNotEmpty().allSatisfy(s -> {
            assertThat(s.attribution().confidence()).isEqualTo(Confidence.EXACT);
            assertThat(s.attribution().origin().type()).isEqualTo("IAMUser");
            assertThat(s.attribution().chain()).extracting(h -> h.eventName()).containsExactly("GetFederationToken");
        });
        // Keys whose issuance is absent are never given an exact origin.
        all.stream().filter(s -> AttributionResolver.needsChain(s.event()) && s.attribution().chain().isEmpty())
                .forEach(s -> assertThat(s.attribution().confidence()).as(s.event().toString()).isNotEqualTo(Confidence.EXACT));
        // The anonymiser's mangled Identity Center ARN still yields the Identity Center user (from principalId).
        assertThat(all).filteredOn(s -> s.event().userIdentity().arn() != null
                        && s.event().userIdentity().arn().contains("assumed-role/AWSReservedSSOrandom"))
                .isNotEmpty().allSatisfy(s -> assertThat(s.attribution().origin().type()).isEqualTo("IdentityCenterUser"));
    }
}
