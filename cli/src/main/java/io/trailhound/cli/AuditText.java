package io.trailhound.cli;

import io.trailhound.core.posture.CheckInfo;
import io.trailhound.core.posture.CheckTally;
import java.util.Locale;

/** Wording shared by the audit renderers: counts, percentages and age tiers as people read them. */
final class AuditText {
    private AuditText() {
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String percent(double p) {
        return String.format(Locale.ROOT, "%.1f%%", p);
    }

    static String tier(int days) {
        return days == 365 ? "over a year" : "over " + days + " days";
    }

    /** {@code key-not-rotated: 7,590 of 12,478 users (60.8%); over a year: 40.0%}. */
    static String line(CheckInfo info, CheckTally t) {
        StringBuilder sb = new StringBuilder(info.id()).append(": ").append(count(t.violations())).append(" of ")
                .append(count(t.applicable())).append(' ').append(info.unit()).append(" (").append(percent(t.percent())).append(')');
        for (int i = 0; i < t.tierDays().size(); i++) {
            sb.append("; ").append(tier(t.tierDays().get(i))).append(": ").append(percent(t.percentOf(t.overTier(i))));
        }
        return sb.toString();
    }
}
