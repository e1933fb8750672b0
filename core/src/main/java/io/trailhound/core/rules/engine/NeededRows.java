package io.trailhound.core.rules.engine;

import io.trailhound.core.rules.ir.RowQuery;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Which of a windowed query's candidates can be in a result, from what {@link RowQuery.Needs}
 * said of each: a candidate stays when, for every condition, a candidate with the same key hash
 * that meets it lies within the look-back of it (both then fit in one window); the others are in
 * no group that a result can come from, so no window needs to see them. Equal hashes of unequal
 * keys only keep more than needed.
 */
final class NeededRows {
    private NeededRows() {
    }

    /**
     * {@code described} and {@code times} in event-time order; the answer has a flag per candidate,
     * true where it must stay.
     */
    static boolean[] keep(long[] described, long[] times, int needs, long lookBackMillis) {
        int n = described.length;
        boolean[] keep = new boolean[n];
        Arrays.fill(keep, true);
        // A KEEP candidate's keys are not known (several rows, a multi-valued key): it may meet any need for any key.
        Times unknown = new Times();
        for (int k = 0; k < n; k++) {
            if (described[k] == RowQuery.Needs.KEEP) {
                unknown.add(times[k]);
            }
        }
        for (int need = 0; need < needs; need++) {
            Map<Integer, Times> meeting = new HashMap<>();
            for (int k = 0; k < n; k++) {
                long d = described[k];
                if (d != RowQuery.Needs.KEEP && (d & 1L << need) != 0) {
                    meeting.computeIfAbsent(key(d), h -> new Times()).add(times[k]);
                }
            }
            for (int k = 0; k < n; k++) {
                long d = described[k];
                if (keep[k] && d != RowQuery.Needs.KEEP) {
                    Times t = meeting.get(key(d));
                    keep[k] = t != null && t.near(times[k], lookBackMillis) || unknown.near(times[k], lookBackMillis);
                }
            }
        }
        return keep;
    }

    private static int key(long described) {
        return (int) (described >>> 32);
    }

    /** Times in ascending order (candidates come in event-time order). */
    private static final class Times {
        private long[] at = new long[2];
        private int size;

        void add(long t) {
            if (size == at.length) {
                at = Arrays.copyOf(at, size * 2);
            }
            at[size++] = t;
        }

        /** Whether one of the times is within {@code reach} of {@code t}. */
        boolean near(long t, long reach) {
            int i = Arrays.binarySearch(at, 0, size, t);
            if (i >= 0) {
                return true;
            }
            int after = -i - 1; // first time above t
            return after < size && at[after] - t <= reach || after > 0 && t - at[after - 1] <= reach;
        }
    }
}
