package io.trailhound.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.ingest.EventIdSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import org.apache.flink.api.common.state.MapState;
import org.junit.jupiter.api.Test;

/**
 * A credential's eventIDs as 128-bit pairs in map state (high bits to low): it tells a duplicate
 * exactly as a set of the pairs does (the all-zero ID and IDs that share their high bits
 * included), and as the core's EventIdSet does on the same IDs.
 */
class SeenIdsTest {
    @Test
    void agreesWithASetOfPairs() throws Exception {
        SplittableRandom r = new SplittableRandom(7);
        Map<Integer, MapState<Long, long[]>> credentials = new HashMap<>();
        Map<Integer, Set<String>> reference = new HashMap<>();
        for (int i = 0; i < 100_000; i++) {
            int credential = r.nextInt(300);
            long high = r.nextInt(3) == 0 ? r.nextInt(4) : r.nextLong(); // many IDs share their high bits
            long low = r.nextInt(3) == 0 ? r.nextInt(4) : r.nextLong();
            boolean added = reference.computeIfAbsent(credential, c -> new HashSet<>()).add(high + "/" + low);
            assertThat(SeenIds.add(credentials.computeIfAbsent(credential, c -> new InMemory()), high, low))
                    .as("%d/%d for credential %d", high, low, credential).isEqualTo(added);
        }
    }

    @Test
    void tellsDuplicatesAsTheScansEventIdSetDoes() throws Exception {
        EventIdSet scan = new EventIdSet();
        MapState<Long, long[]> seen = new InMemory();
        long[] bits = new long[2];
        String[] ids = {"0000000a-0000-4000-8000-00000000000a", "0000000A-0000-4000-8000-00000000000A",
            "00000000-0000-0000-0000-000000000000", "panther-1", "logs/a.json.gz@17", "0000000a-0000-4000-8000-00000000000a",
            "0000000a-0000-4000-8000-00000000000b", "panther-1", "00000000-0000-0000-0000-000000000000", "logs/a.json.gz@18"};
        for (String id : ids) {
            EventIdSet.keyOf(id, bits, 0);
            assertThat(SeenIds.add(seen, bits[0], bits[1])).as(id).isEqualTo(scan.add(id));
        }
    }

    @Test
    void aLowerCaseUuidIsItsOwnBits() {
        UUID u = UUID.fromString("3f2504e0-4f89-11d3-9a0c-0305e82c3301");
        long[] bits = new long[2];
        EventIdSet.keyOf(u.toString(), bits, 0);
        assertThat(bits).containsExactly(u.getMostSignificantBits(), u.getLeastSignificantBits());
    }

    /** Map state as the heap backend keeps it, for one key. */
    private static final class InMemory implements MapState<Long, long[]> {
        private final Map<Long, long[]> map = new HashMap<>();

        @Override
        public long[] get(Long key) {
            return map.get(key);
        }

        @Override
        public void put(Long key, long[] value) {
            map.put(key, value);
        }

        @Override
        public void putAll(Map<Long, long[]> all) {
            map.putAll(all);
        }

        @Override
        public void remove(Long key) {
            map.remove(key);
        }

        @Override
        public boolean contains(Long key) {
            return map.containsKey(key);
        }

        @Override
        public Iterable<Map.Entry<Long, long[]>> entries() {
            return map.entrySet();
        }

        @Override
        public Iterable<Long> keys() {
            return map.keySet();
        }

        @Override
        public Iterable<long[]> values() {
            return map.values();
        }

        @Override
        public Iterator<Map.Entry<Long, long[]>> iterator() {
            return map.entrySet().iterator();
        }

        @Override
        public boolean isEmpty() {
            return map.isEmpty();
        }

        @Override
        public void clear() {
            map.clear();
        }
    }
}
