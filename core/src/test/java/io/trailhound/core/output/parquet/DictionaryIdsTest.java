package io.trailhound.core.output.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DictionaryIdsTest {
    @Test
    void givesEachDistinctValueTheNextIdAndFindsItAgainByContent() {
        DictionaryIds ids = new DictionaryIds();
        Map<String, Integer> expected = new HashMap<>();
        Random r = new Random(7);
        // Many more values than the table starts with (it grows), equal values as new String instances,
        // and values whose String hashes collide ("Aa" and "BB" hash alike).
        for (int i = 0; i < 20_000; i++) {
            String v = switch (r.nextInt(4)) {
                case 0 -> "Aa".repeat(1 + r.nextInt(3)) + "BB".repeat(r.nextInt(3));
                case 1 -> new String("arn:aws:iam::1111:role/r" + r.nextInt(5000));
                case 2 -> "ü€" + r.nextInt(100);
                default -> "";
            };
            int id = ids.get(v);
            Integer want = expected.get(v);
            if (want == null) {
                assertThat(id).isEqualTo(-1);
                int added = ids.add(v);
                assertThat(added).isEqualTo(expected.size());
                expected.put(v, added);
            } else {
                assertThat(id).as(v).isEqualTo(want);
            }
        }
        assertThat(ids.size()).isEqualTo(expected.size());
        expected.forEach((v, id) -> assertThat(ids.get(new String(v))).isEqualTo(id));
    }

    @Test
    void clearForgetsEveryValueAndStartsIdsAtZero() {
        DictionaryIds ids = new DictionaryIds();
        for (int i = 0; i < 1000; i++) {
            ids.add("v" + i);
        }
        ids.clear();
        assertThat(ids.size()).isZero();
        assertThat(ids.get("v1")).isEqualTo(-1);
        assertThat(ids.add("v1")).isZero();
        assertThat(ids.get("v1")).isZero();
        assertThat(ids.get("v2")).isEqualTo(-1);
    }
}
