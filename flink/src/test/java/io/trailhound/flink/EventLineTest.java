package io.trailhound.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.output.parquet.EventRow;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.junit.jupiter.api.Test;

/** The events sink's record travels as a Flink POJO (its own serializer), not as a Kryo generic type. */
class EventLineTest {
    @Test
    void anEventLineAndItsRowAreFlinkPojos() {
        TypeInformation<EventLine> line = TypeInformation.of(EventLine.class);
        assertThat(line).isInstanceOf(PojoTypeInfo.class);
        PojoTypeInfo<EventLine> pojo = (PojoTypeInfo<EventLine>) line;
        assertThat(pojo.getTypeAt("row")).isInstanceOf(PojoTypeInfo.class);
        assertThat(((PojoTypeInfo<?>) TypeInformation.of(EventRow.class)).getArity())
                .as("every column, credentialId and updatedAt; the answer cache is transient").isEqualTo(29);
    }
}
