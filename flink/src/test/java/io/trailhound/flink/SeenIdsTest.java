package io.trailhound.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.ingest.EventIdSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A credential's eventIDs as 128-bit pairs in one long array: it tells a duplicate exactly as a
 * set of the pairs does (the all-zero ID and IDs whose slots collide included), through growth,
 * and as the core's EventIdSet does on the same IDs.
 */
class SeenIdsTest {
    @Test
    void agreesWithASetOfPairsAcrossManyTablesAndGrowth() {
        SplittableRandom r = new SplittableRandom(7);
        Map<Integer, long[]> tables = new HashMap<>();
        Map<Integer, Set<String>> reference = new HashMap<>();
        for (int i = 0; i < 200_000; i++) {
            int credential = r.nextInt(50) == 0 ? 0 : r.nextInt(300); // one table grows large, the rest stay small
            long high = switch (r.nextInt(5)) {
                case 0 -> 0;
                case 1 -> r.nextInt(4);
                default -> r.nextLong();
            };
            long low = r.nextInt(3) == 0 ? r.nextInt(4) : r.nextLong();
            long[] before = tables.get(credential);
            long[] after = SeenIds.add(before, high, low);
            boolean added = reference.computeIfAbsent(credential, c -> new HashSet<>()).add(high + "/" + low);
            assertThat(after != null).as("%d/%d in table %d", high, low, credential).isEqualTo(added);
            if (after != null) {
                tables.put(credential, after);
            }
        }
        assertThat(tables.get(0).length).as("the large table grew").isGreaterThan(2 + 2 * 1024);
    }

    @Test
    void tellsDuplicatesAsTheScansEventIdSetDoes() {
        EventIdSet scan = new EventIdSet();
        long[] table = null;
        long[] bits = new long[2];
        String[] ids = {"0000000a-0000-4000-8000-00000000000a", "0000000A-0000-4000-8000-00000000000A",
            "00000000-0000-0000-0000-000000000000", "panther-1", "logs/a.json.gz@17", "0000000a-0000-4000-8000-00000000000a",
            "panther-1", "00000000-0000-0000-0000-000000000000", "logs/a.json.gz@18"};
        for (String id : ids) {
            long[] after = SeenIds.add(table, EventIdSet.bits(id, bits)[0], bits[1]);
            assertThat(after != null).as(id).isEqualTo(scan.add(id));
            table = after != null ? after : table;
        }
    }

    @Test
    void aLowerCaseUuidIsItsOwnBits() {
        UUID u = UUID.fromString("3f2504e0-4f89-11d3-9a0c-0305e82c3301");
        assertThat(EventIdSet.bits(u.toString(), new long[2])).containsExactly(u.getMostSignificantBits(), u.getLeastSignificantBits());
    }
}
