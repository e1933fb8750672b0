package io.trailhound.flink;

/**
 * A credential's eventIDs, for dropping the second copy of an event: each as the 128 bits the
 * core's {@link io.trailhound.core.ingest.EventIdSet} keeps it as (so duplicates are told apart as
 * in a scan), in an open-addressing table held in one {@code long[]}, which Flink keeps as keyed
 * state with its own long-array serializer. Some 24-48 bytes an event, where a map of eventID
 * strings took about 115 and a string to hash and compare per event.
 *
 * <p>Layout: {@code [0]} how many IDs the slots hold, {@code [1]} 1 when the all-zero ID was
 * added (the value that marks a free slot), then pairs (high, low) of a power-of-two number of slots.
 */
final class SeenIds {
    private static final int FIRST_SLOTS = 4;

    private SeenIds() {
    }

    /**
     * The table (null: none yet) with the ID added, or null when it held the ID already (a
     * duplicate). Adds in place while the table has room, else into a table twice as large.
     */
    static long[] add(long[] table, long high, long low) {
        long[] t = table != null ? table : new long[2 + 2 * FIRST_SLOTS];
        if (high == 0 && low == 0) {
            if (t[1] != 0) {
                return null;
            }
            t[1] = 1;
            return t;
        }
        int slots = (t.length - 2) / 2;
        if ((t[0] + 1) * 3 > slots * 2L) { // at most 2/3 full
            t = grown(t, slots * 2);
            slots *= 2;
        }
        return insert(t, slots, high, low) ? t : null;
    }

    private static boolean insert(long[] t, int slots, long high, long low) {
        int i = spread(high ^ low) & (slots - 1);
        while (true) {
            int at = 2 + 2 * i;
            long h = t[at], l = t[at + 1];
            if (h == 0 && l == 0) {
                t[at] = high;
                t[at + 1] = low;
                t[0]++;
                return true;
            }
            if (h == high && l == low) {
                return false;
            }
            i = (i + 1) & (slots - 1);
        }
    }

    private static long[] grown(long[] t, int slots) {
        long[] bigger = new long[2 + 2 * slots];
        bigger[1] = t[1];
        for (int at = 2; at < t.length; at += 2) {
            if (t[at] != 0 || t[at + 1] != 0) {
                insert(bigger, slots, t[at], t[at + 1]);
            }
        }
        return bigger;
    }

    private static int spread(long x) {
        x ^= x >>> 33;
        x *= 0xff51afd7ed558ccdL;
        x ^= x >>> 33;
        return (int) x;
    }
}
