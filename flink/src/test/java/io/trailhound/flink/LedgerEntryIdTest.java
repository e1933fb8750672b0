package io.trailhound.flink;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/**
 * A ledger entry's ID is made once, where it is read, and travels with it through the rounds and
 * the hop to the credential: every copy names the ID its bytes give, whether it came in with one
 * or not.
 */
class LedgerEntryIdTest {
    @Test
    void everyCopyOfAnEntryCarriesItsId() throws Exception {
        byte[] body = LedgerHopTest.issuance();
        String id = LedgerHop.entryId(body);
        for (String given : new String[] {id, null}) {
            var round = ProcessFunctionTestHarnesses.forKeyedProcessFunction(new LedgerRound(false, new JobOptions()),
                    Flow::getKey, Types.STRING);
            round.open();
            round.processElement(new Flow(Flow.NEED, LedgerRoundTest.CALLER, "k:ASIAUSER", null), 0);
            round.processElement(new Flow(Flow.ENTRY, LedgerRoundTest.CALLER, given, body), 0);
            round.processElement(new Flow(Flow.NEED, LedgerRoundTest.CALLER, "k:ASIALATER", null), 0);
            assertThat(round.extractOutputValues()).hasSize(3).allSatisfy(f -> {
                assertThat(f.kind).isEqualTo(Flow.ENTRY);
                assertThat(f.requester).isEqualTo(id);
            });
            round.close();

            var hop = ProcessFunctionTestHarnesses.forKeyedProcessFunction(new LedgerHop(new JobOptions()), Flow::getKey,
                    Types.STRING);
            hop.open();
            hop.processElement(new Flow(Flow.NEED, LedgerRoundTest.CALLER, "k:ASIAUSER", null), 0);
            hop.processElement(new Flow(Flow.ENTRY, LedgerRoundTest.CALLER, given, body), 0);
            hop.processElement(new Flow(Flow.NEED, LedgerRoundTest.CALLER, "k:ASIALATER", null), 0);
            assertThat(hop.extractOutputValues()).hasSize(2).allSatisfy(f -> {
                assertThat(f.kind).isEqualTo(Flow.FOUND);
                assertThat(f.requester).isEqualTo(id);
            });
            hop.close();
        }
    }
}
