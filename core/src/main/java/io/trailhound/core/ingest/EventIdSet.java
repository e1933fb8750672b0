package io.trailhound.core.ingest;

/**
 * The eventIDs seen in a run, for dropping the second copy of an event that overlapping exports
 * deliver twice. CloudTrail eventIDs are UUIDs, kept exactly as their 128 bits in an
 * open-addressing table of longs (16 bytes a slot, at most 2/3 full: about 24-48 bytes per event,
 * against some 150 for a HashSet of strings). Other IDs are kept as a 128-bit hash of the text.
 */
public final class EventIdSet {
    private long[] slots = new long[2 * 1024];
    private int size;
    private boolean hasZero;

    /** Adds the ID; false when it was already present (a duplicate). */
    public boolean add(String eventId) {
        long hi, lo;
        if (isUuid(eventId)) {
            hi = hex(eventId, 0, 8) << 32 | hex(eventId, 9, 4) << 16 | hex(eventId, 14, 4);
            lo = hex(eventId, 19, 4) << 48 | hex(eventId, 24, 12);
        } else {
            hi = mix(eventId, 0x9E3779B97F4A7C15L);
            lo = mix(eventId, 0xC2B2AE3D27D4EB4FL);
        }
        if (hi == 0 && lo == 0) {
            if (hasZero) {
                return false;
            }
            hasZero = true;
            return true;
        }
        if ((size + 1) * 3L > (slots.length / 2) * 2L) {
            grow();
        }
        return insert(slots, hi, lo);
    }

    public int size() {
        return size + (hasZero ? 1 : 0);
    }

    private boolean insert(long[] table, long hi, long lo) {
        int capacity = table.length / 2;
        int i = (int) (spread(hi ^ lo) & (capacity - 1));
        while (true) {
            long h = table[2 * i], l = table[2 * i + 1];
            if (h == 0 && l == 0) {
                table[2 * i] = hi;
                table[2 * i + 1] = lo;
                if (table == slots) {
                    size++;
                }
                return true;
            }
            if (h == hi && l == lo) {
                return false;
            }
            i = (i + 1) & (capacity - 1);
        }
    }

    private void grow() {
        long[] old = slots;
        long[] bigger = new long[old.length * 2];
        for (int i = 0; i < old.length; i += 2) {
            if (old[i] != 0 || old[i + 1] != 0) {
                insert(bigger, old[i], old[i + 1]);
            }
        }
        slots = bigger;
    }

    private static long spread(long x) {
        x ^= x >>> 33;
        x *= 0xff51afd7ed558ccdL;
        x ^= x >>> 33;
        return x;
    }

    /** Lower-case hex digit values; -1 for every other character (upper case included, see isUuid). */
    private static final byte[] HEX = new byte[128];

    static {
        java.util.Arrays.fill(HEX, (byte) -1);
        for (int i = 0; i < 10; i++) {
            HEX['0' + i] = (byte) i;
        }
        for (int i = 0; i < 6; i++) {
            HEX['a' + i] = (byte) (10 + i);
        }
    }

    /**
     * A lower-case UUID. Upper- and lower-case spellings of one UUID are different text, so only
     * one spelling maps to the 128-bit form and the other goes through the hash, as any other ID.
     */
    private static boolean isUuid(String s) {
        if (s.length() != 36 || s.charAt(8) != '-' || s.charAt(13) != '-' || s.charAt(18) != '-' || s.charAt(23) != '-') {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(i);
            if (i != 8 && i != 13 && i != 18 && i != 23 && (c >= 128 || HEX[c] < 0)) {
                return false;
            }
        }
        return true;
    }

    private static long hex(String s, int from, int count) {
        long v = 0;
        for (int i = from; i < from + count; i++) {
            v = v << 4 | HEX[s.charAt(i)];
        }
        return v;
    }

    private static long mix(String s, long seed) {
        long h = seed ^ s.length();
        for (int i = 0; i < s.length(); i++) {
            h = (h ^ s.charAt(i)) * 0x100000001B3L;
            h = Long.rotateLeft(h, 29) * 0x9E3779B97F4A7C15L;
        }
        return spread(h ^ seed);
    }
}
