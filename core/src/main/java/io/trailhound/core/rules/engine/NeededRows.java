package io.trailhound.core.rules.engine;

import io.trailhound.core.rules.ir.RowQuery;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Which of a windowed query's candidates can be in a result, from what {@link RowQuery.Needs}
 * said of each: a candidate stays when, for every condition, as many candidates with the same key
 * hash that meet it as the condition needs lie within the look-back of it, before or after (every
 * window holding it lies there); the others are in no group that a result can come from, so no
 * window needs to see them. Equal hashes of unequal keys only keep more than needed.
 */
final class NeededRows {
    private NeededRows() {
    }

    /**
     * {@code described} and {@code times} in event-time order; the answer has a flag per candidate,
     * true where it must stay.
     */
    static boolean[] keep(long[] described, long[] times, RowQuery.Needs needs, long lookBackMillis) {
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
        for (int need = 0; need < needs.count(); need++) {
            int rows = needs.rows(need);
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
                    keep[k] = t != null && t.within(times[k], lookBackMillis) >= rows
                            || unknown.within(times[k], lookBackMillis) > 0;
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

        /** How many of the times are within {@code reach} of {@code t}, before or after. */
        int within(long t, long reach) {
            return atOrBefore(t + reach) - atOrBefore(t - reach - 1);
        }

        /** How many times are at or before {@code t}. */
        private int atOrBefore(long t) {
            int lo = 0;
            int hi = size;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (at[mid] <= t) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
    }
}
