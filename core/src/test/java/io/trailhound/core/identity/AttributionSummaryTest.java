package io.trailhound.core.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Unknown reasons are grouped by their wording, however many distinct strings (and repeats of one string) arrive. */
class AttributionSummaryTest {

    @Test
    void unknownReasonsAreGroupedByWordingWhetherEachEventBringsItsOwnStringOrTheCredentialsOne() {
        AttributionSummary s = new AttributionSummary();
        Attribution shared = Attribution.unknown("no issuance of key ASIASHARED0000000001 in the logs read");
        for (int i = 0; i < 3000; i++) {
            // Distinct strings (more than the remembered slots), each naming its own key, and one string repeated.
            s.add(true, Attribution.unknown(String.format("no issuance of key ASIAKEY%013d in the logs read", i)));
            s.add(true, shared);
            s.add(true, Attribution.unknown("identity type X" + (i % 2) + " names no principal"));
        }
        assertThat(s.topUnknownReasons(10)).containsExactly(
                new AttributionSummary.ReasonCount("no issuance of key <key> in the logs read", 6000),
                new AttributionSummary.ReasonCount("identity type X0 names no principal", 1500),
                new AttributionSummary.ReasonCount("identity type X1 names no principal", 1500));
        assertThat(s.count(Confidence.UNKNOWN)).isEqualTo(9000);
        assertThat(List.of(s.events(), s.chained())).containsExactly(9000L, 9000L);
    }
}
