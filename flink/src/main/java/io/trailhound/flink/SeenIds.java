package io.trailhound.flink;

import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * A credential's eventIDs, for dropping the second copy of an event: each as the 128 bits the
 * core's {@link io.trailhound.core.ingest.EventIdSet} keeps it as (so duplicates are told apart as
 * in a scan), in keyed map state from the high 64 bits to the low 64 bits of the IDs that share
 * them (nearly always one). A long key hashes and compares at once, where an eventID string was
 * hashed and compared char by char (and made from bytes for every event); and each ID is one
 * point lookup under any state backend, where a whole set as one value would be read and written
 * per event by a backend that serializes its values.
 */
final class SeenIds {
    private SeenIds() {
    }

    static MapStateDescriptor<Long, long[]> descriptor() {
        return new MapStateDescriptor<>("seen-ids", Types.LONG, PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO);
    }

    /** Adds the ID; false when the credential had it already (a duplicate). */
    static boolean add(MapState<Long, long[]> seen, long high, long low) throws Exception {
        Long key = high;
        long[] lows = seen.get(key);
        if (lows == null) {
            seen.put(key, new long[] {low});
            return true;
        }
        for (long l : lows) {
            if (l == low) {
                return false;
            }
        }
        long[] more = java.util.Arrays.copyOf(lows, lows.length + 1);
        more[lows.length] = low;
        seen.put(key, more);
        return true;
    }
}
