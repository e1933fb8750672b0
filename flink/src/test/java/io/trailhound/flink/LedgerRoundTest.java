package io.trailhound.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/**
 * One doubling round: an ID that asks another gets, in either order, the other's entries and its
 * frontier (and asks on from there); every ID's own entries pass on; the last round asks no
 * further; the number of rounds reaches past the hops asked for.
 */
class LedgerRoundTest {
    static final String CALLER = "k:ASIACALLERKEY0000001";

    static KeyedOneInputStreamOperatorTestHarness<String, Flow, Flow> harness(boolean last) throws Exception {
        var h = ProcessFunctionTestHarnesses.forKeyedProcessFunction(new LedgerRound(last, new JobOptions()), Flow::getKey,
                Types.STRING);
        h.open();
        return h;
    }

    static List<String> out(KeyedOneInputStreamOperatorTestHarness<String, Flow, Flow> h) {
        return h.extractOutputValues().stream().map(f -> switch (f.kind) {
            case Flow.ENTRY -> "entry for " + f.key;
            case Flow.FRONTIER -> f.key + " goes on at " + f.requester;
            case Flow.NEED -> f.requester + " asks " + f.key;
            default -> "?";
        }).toList();
    }

    @Test
    void anAskerGetsTheEntriesAndFrontierOfWhatItAsksInEitherOrder() throws Exception {
        for (int order = 0; order < 3; order++) {
            var h = harness(false);
            List<Flow> in = new java.util.ArrayList<>(List.of(
                    new Flow(Flow.ENTRY, CALLER, null, LedgerHopTest.issuance()),
                    new Flow(Flow.FRONTIER, CALLER, "k:AKIAORIGIN", null),
                    new Flow(Flow.NEED, CALLER, "k:ASIAUSER", null)));
            java.util.Collections.rotate(in, order);
            for (Flow f : in) {
                h.processElement(f, 0);
            }
            assertThat(out(h)).containsExactlyInAnyOrder(
                    "entry for " + CALLER, // its own, passed on
                    "entry for k:ASIAUSER",
                    "k:ASIAUSER goes on at k:AKIAORIGIN",
                    "k:ASIAUSER asks k:AKIAORIGIN");
            h.close();
        }
    }

    @Test
    void theLastRoundAsksNoFurther() throws Exception {
        var h = harness(true);
        h.processElement(new Flow(Flow.ENTRY, CALLER, null, LedgerHopTest.issuance()), 0);
        h.processElement(new Flow(Flow.FRONTIER, CALLER, "k:AKIAORIGIN", null), 0);
        h.processElement(new Flow(Flow.NEED, CALLER, "k:ASIAUSER", null), 0);
        assertThat(out(h)).containsExactlyInAnyOrder("entry for " + CALLER, "entry for k:ASIAUSER");
        h.close();
    }

    @Test
    void roundsReachPastTheHopsAskedFor() {
        assertThat(LedgerRound.rounds(1)).isEqualTo(1); // 2 hops: the first, and whether there is another
        assertThat(LedgerRound.rounds(8)).isEqualTo(4);
        assertThat(LedgerRound.rounds(64)).isEqualTo(7);
        assertThat(1L << LedgerRound.rounds(64)).isGreaterThan(io.trailhound.core.identity.AttributionResolver.MAX_HOPS);
    }
}
