package io.trailhound.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.identity.CredentialLedger;
import io.trailhound.core.identity.Issuance;
import io.trailhound.core.testkit.CloudTrailRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/**
 * The hop to the credentials: an issuance and the credentials that need it meet in either order,
 * and the state goes once event time passes the issuance's expiry plus the ledger's retention
 * (36 h), not before.
 */
class LedgerHopTest {
    static final String KEY = "ASIAHOPTESTKEY000001";

    static byte[] issuance() {
        CredentialLedger l = new CredentialLedger();
        l.record(CloudTrailRecord.decode(CloudTrailRecord.assumeRole(CloudTrailRecord.ACCOUNT, "Admin", "alice", KEY, 3600)
                .id(CloudTrailRecord.uuid(1)).assumedRole("Dev", "alice", "ASIACALLERKEY0000001", CloudTrailRecord.TIME).json()));
        Issuance i = l.issuances().iterator().next();
        return Codec.issuance(i);
    }

    static KeyedOneInputStreamOperatorTestHarness<String, Flow, Flow> harness() throws Exception {
        JobOptions o = new JobOptions();
        o.monitorInterval = Duration.ofSeconds(10); // event time advances: retention applies
        KeyedOneInputStreamOperatorTestHarness<String, Flow, Flow> h = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new LedgerHop(o), Flow::getKey, Types.STRING);
        h.open();
        return h;
    }

    @Test
    void entryAndNeedMeetInEitherOrder() throws Exception {
        for (boolean entryFirst : new boolean[] {true, false}) {
            var h = harness();
            Flow entry = new Flow(Flow.ENTRY, "k:" + KEY, null, issuance());
            Flow need = new Flow(Flow.NEED, "k:" + KEY, "k:ASIAUSER", null);
            h.processElement(entryFirst ? entry : need, 0);
            h.processElement(entryFirst ? need : entry, 0);
            assertThat(h.extractOutputValues()).extracting(f -> f.kind + " " + f.key).containsExactly(Flow.FOUND + " k:ASIAUSER");
            h.close();
        }
    }

    @Test
    void aNeedBeforeAnyEventTimeIsKept() throws Exception {
        // Regression: a need that came before the first watermark was dropped at that watermark.
        long t = Instant.parse(CloudTrailRecord.TIME).toEpochMilli();
        var h = harness();
        h.processElement(new Flow(Flow.NEED, "k:" + KEY, "k:ASIAUSER", null), t);
        h.processWatermark(t + Duration.ofHours(1).toMillis());
        h.processElement(new Flow(Flow.ENTRY, "k:" + KEY, null, issuance()), t - 60_000);
        assertThat(h.extractOutputValues()).extracting(f -> f.key).containsExactly("k:ASIAUSER");
        h.close();
    }

    @Test
    void keptThirtySixHoursPastExpiryThenDropped() throws Exception {
        long expiry = Instant.parse(CloudTrailRecord.TIME).plusSeconds(3600).toEpochMilli();
        var h = harness();
        h.processElement(new Flow(Flow.ENTRY, "k:" + KEY, null, issuance()), 0);
        h.processWatermark(expiry + Duration.ofHours(36).toMillis() - 1);
        h.processElement(new Flow(Flow.NEED, "k:" + KEY, "k:ASIAFIRST", null), 0);
        assertThat(h.extractOutputValues()).hasSize(1);
        // past the retention (counted from the later of expiry and the last need): gone
        h.processWatermark(expiry + Duration.ofHours(80).toMillis());
        h.processElement(new Flow(Flow.NEED, "k:" + KEY, "k:ASIALATER", null), 0);
        assertThat(h.extractOutputValues()).extracting(f -> f.key).containsExactly("k:ASIAFIRST");
        h.close();
    }
}
