package io.trailhound.core.posture;

import java.util.List;

/**
 * Counts for one check over one account or the organisation: violations out of applicable
 * principals, and how many violations are past each age tier of the check.
 */
public final class CheckTally {
    private final List<Integer> tierDays;
    private final long[] overTier;
    private long applicable;
    private long violations;

    CheckTally(List<Integer> tierDays) {
        this.tierDays = tierDays;
        this.overTier = new long[tierDays.size()];
    }

    void add(int applicable, List<Finding> findings) {
        this.applicable += applicable;
        for (Finding f : findings) {
            violations++;
            for (int i = 0; i < overTier.length; i++) {
                overTier[i] += f.ageDays() > tierDays.get(i) ? 1 : 0;
            }
        }
    }

    public long applicable() {
        return applicable;
    }

    public long violations() {
        return violations;
    }

    /** Violations out of applicable, in percent (0 when nothing applied). */
    public double percent() {
        return percentOf(violations);
    }

    public List<Integer> tierDays() {
        return tierDays;
    }

    /** Violations older than {@code tierDays().get(i)} days. */
    public long overTier(int i) {
        return overTier[i];
    }

    public double percentOf(long count) {
        return applicable == 0 ? 0 : 100.0 * count / applicable;
    }
}
