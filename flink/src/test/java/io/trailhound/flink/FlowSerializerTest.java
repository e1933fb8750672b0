package io.trailhound.flink;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** Flows on the wire: every field back as it was, nulls included, and Flink picks this serializer for them. */
class FlowSerializerTest {
    @Test
    void aFlowComesBackAsItWasWritten() throws Exception {
        Flow event = new Flow(Flow.EVENT, "AKIAEXAMPLEEXAMPLE01", "00000001-0000-4000-8000-000000000001", null);
        event.time = 1_793_000_000_123L;
        event.idHigh = 0x0000000100004000L;
        event.idLow = -0x7fffffffffffffffL;
        Flow entry = new Flow(Flow.ENTRY, "k:ASIA\u00e9\u4e2d", null, new byte[] {1, 0, -1, 7});
        Flow empty = new Flow(Flow.FOUND, "", "", new byte[0]);
        // attacker-controlled keys: a lone surrogate, a NUL, a char that UTF-8 would take two bytes for, all kept exactly
        Flow odd = new Flow(Flow.NEED, "ASIA\ud800X", "a\u0000b\u00ff", null);
        Flow[] flows = {event, entry, empty, odd};
        DataOutputSerializer out = new DataOutputSerializer(16);
        for (Flow f : flows) {
            FlowSerializer.INSTANCE.serialize(f, out);
        }
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        for (Flow f : flows) {
            Flow back = FlowSerializer.INSTANCE.deserialize(in);
            assertThat(back).usingRecursiveComparison().isEqualTo(f);
        }
        assertThat(in.available()).isZero();
    }

    /**
     * Strings go through one scratch array per thread: a short one after a long one, one longer
     * than the array kept, and one whose first non-ASCII char comes after ASCII ones already copied.
     */
    @Test
    void stringsOfAnyLengthAfterEachOtherComeBackExactly() throws Exception {
        String longAscii = "k:" + "A".repeat(70_000);
        String[] strings = {"s:arn:aws:sts::123456789012:assumed-role/Admin/alice@1793000000", "ab", longAscii, "xy",
            "a".repeat(300) + "\u00e9" + "b".repeat(10), "a".repeat(300), "", "z"};
        DataOutputSerializer out = new DataOutputSerializer(16);
        for (String s : strings) {
            FlowSerializer.INSTANCE.serialize(new Flow(Flow.NEED, s, s, null), out);
        }
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        for (String s : strings) {
            Flow back = FlowSerializer.INSTANCE.deserialize(in);
            assertThat(back.key).isEqualTo(s);
            assertThat(back.requester).isEqualTo(s);
        }
        assertThat(in.available()).isZero();
    }

    @Test
    void flinkSerializesFlowsWithIt() {
        assertThat(TypeInformation.of(Flow.class).createSerializer(new SerializerConfigImpl())).isSameAs(FlowSerializer.INSTANCE);
    }
}
