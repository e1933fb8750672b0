package io.trailhound.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.identity.Attribution;
import io.trailhound.core.identity.AttributionResolver;
import io.trailhound.core.identity.CredentialLedger;
import io.trailhound.core.identity.Issuance;
import io.trailhound.core.testkit.CloudTrailRecord;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the operators send each other comes back as it went: the core's records, equal field by field. */
class CodecTest {
    @Test
    void issuanceAnswerAndEventRoundTrip() {
        CloudTrailEvent issuing = CloudTrailRecord.decode(CloudTrailRecord.assumeRole(CloudTrailRecord.ACCOUNT, "Admin", "al\u00efce",
                "ASIACODECKEY00000001", 3600).id(CloudTrailRecord.uuid(1)).iamUser("alice", "AKIAALICE00000000001").json());
        CredentialLedger ledger = new CredentialLedger();
        ledger.record(issuing);
        Issuance i = ledger.issuances().iterator().next();
        assertThat(Codec.issuanceOf(Codec.issuance(i))).isEqualTo(i);

        CloudTrailEvent use = CloudTrailRecord.decode(CloudTrailRecord.event("StopLogging").source("cloudtrail.amazonaws.com")
                .id(CloudTrailRecord.uuid(2)).assumedRole("Admin", "al\u00efce", "ASIACODECKEY00000001", CloudTrailRecord.TIME).json());
        Attribution a = new AttributionResolver(ledger).resolve(use);
        assertThat(a.origin()).isNotNull();
        assertThat(Codec.attribution(Codec.attribution(a))).isEqualTo(a);

        Codec.Candidate c = new Codec.Candidate(3, List.of("k1", "k2"), null, 5L, "out", Map.of("f", "v"), null);
        Codec.Candidate rows = new Codec.Candidate(4, List.of(""), null, 0L, null, null, new byte[] {7, 0, -1});
        Codec.Event back = Codec.event(Codec.event(use, null, List.of(c, rows), null));
        assertThat(back.candidates()).hasSize(2);
        assertThat(back.candidates().get(0)).isEqualTo(c);
        assertThat(back.candidates().get(1).row()).containsExactly(7, 0, -1);
        assertThat(back.candidates().get(1).ordinal()).isEqualTo(4);
        assertThat(back.identity().eventID()).isEqualTo(use.eventID());
        assertThat(back.identity().userIdentity().arn()).isEqualTo(use.userIdentity().arn());
        assertThat(back.identity().userIdentity().sessionCreationDate()).isEqualTo(use.userIdentity().sessionCreationDate());
        // the copy resolves as the event does
        assertThat(new AttributionResolver(ledger).resolve(back.identity())).isEqualTo(a);
        assertThat(back.alertEvent()).isEqualTo(io.trailhound.core.alert.AlertEvent.of(use));
    }
}
