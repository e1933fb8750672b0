package io.trailhound.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventIdSetTest {
    @Test
    void agreesWithAHashSetOnUuidsAndOtherIds() {
        EventIdSet ids = new EventIdSet();
        Set<String> reference = new HashSet<>();
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 200_000; i++) {
            String id = switch (r.nextInt(4)) {
                case 0 -> new UUID(r.nextLong(), r.nextLong()).toString();
                case 1 -> "panther-" + r.nextInt(50_000);
                case 2 -> new UUID(r.nextInt(1000), r.nextInt(1000)).toString();
                default -> new UUID(0, 0).toString();
            };
            assertThat(ids.add(id)).as(id).isEqualTo(reference.add(id));
        }
        assertThat(ids.size()).isEqualTo(reference.size());
    }

    @Test
    void aUuidIsKeptAsItsOwnBitsWorkedOutApartFromTheSet() {
        UUID u = UUID.fromString("0123abcd-4567-4def-89ab-cdef01234567");
        long[] key = new long[3];
        EventIdSet.keyOf(u.toString(), key, 1);
        assertThat(key).containsExactly(0, u.getMostSignificantBits(), u.getLeastSignificantBits());
        EventIdSet ids = new EventIdSet();
        assertThat(ids.add(key[1], key[2])).isTrue();
        assertThat(ids.add(u.toString())).isFalse(); // the same ID, by either door
    }

    @Test
    void textThatIsAlmostAUuidIsHashedNotReadAsOne() {
        String uuid = "0123abcd-4567-4def-89ab-cdef01234567";
        long[] key = new long[2];
        assertThat(EventIdSet.uuidKey(uuid, key, 0)).isTrue();
        UUID u = UUID.fromString(uuid);
        assertThat(key).containsExactly(u.getMostSignificantBits(), u.getLeastSignificantBits());
        for (String near : new String[] {
                "0123abcd-4567-4def-89ab-cdef0123456",   // short
                "0123abcd-4567-4def-89ab-cdef012345678", // long
                "0123abcd04567-4def-89ab-cdef01234567",  // a dash replaced
                "0123abc-d4567-4def-89ab-cdef01234567",  // a dash moved
                "0123abcd-4567-4def-89ab-cdef0123456g",  // not hex
                "0123abcd-4567-4dEf-89ab-cdef01234567",  // upper case
                "0123abcd-4567-4d\u00e9f-89ab-cdef01234567", // not ASCII
                "0123abcd-4567-4def-89ab\u0000cdef01234567"}) { // a control character for a dash
            assertThat(EventIdSet.uuidKey(near, key, 0)).as(near).isFalse();
        }
        EventIdSet ids = new EventIdSet();
        assertThat(ids.add(uuid)).isTrue();
        assertThat(ids.add("0123abcd04567-4def-89ab-cdef01234567")).isTrue();
        assertThat(ids.add("0123abcd-4567-4def-89ab-cdef0123456g")).isTrue();
        assertThat(ids.add("0123abcd04567-4def-89ab-cdef01234567")).isFalse();
    }

    @Test
    void upperAndLowerCaseSpellingsAreDifferentIds() {
        EventIdSet ids = new EventIdSet();
        assertThat(ids.add("0000000a-0000-4000-8000-00000000000a")).isTrue();
        assertThat(ids.add("0000000A-0000-4000-8000-00000000000A")).isTrue();
        assertThat(ids.add("0000000a-0000-4000-8000-00000000000a")).isFalse();
    }

    @Test
    void pastTheHeapBoundTheTableMovesToAMappedFileAndStillFindsEveryId() {
        EventIdSet set = new EventIdSet();
        int n = EventIdSet.HEAP_SLOTS; // 2/3 full at HEAP_SLOTS * 2/3: this many goes past it
        for (int i = 0; i < n; i++) {
            org.assertj.core.api.Assertions.assertThat(set.add(new java.util.UUID(i * 0x9E3779B97F4A7C15L, i).toString())).isTrue();
        }
        for (int i = 0; i < n; i += 997) {
            org.assertj.core.api.Assertions.assertThat(set.add(new java.util.UUID(i * 0x9E3779B97F4A7C15L, i).toString())).isFalse();
        }
        org.assertj.core.api.Assertions.assertThat(set.size()).isEqualTo(n);
    }
}
