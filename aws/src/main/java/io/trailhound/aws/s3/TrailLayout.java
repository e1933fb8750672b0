package io.trailhound.aws.s3;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Pattern;

/**
 * Where a key prefix sits in the CloudTrail layout and whether the filter wants what is below it:
 * {@code [any/prefix/]AWSLogs/[<org-id>/]<account>/CloudTrail/<region>/<yyyy>/<mm>/<dd>/<file>}.
 * A prefix outside the layout (a trail's own key prefix, an export folder) is walked as a
 * directory would be; inside it, each level is decided by its segment alone.
 */
final class TrailLayout {
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern ORG = Pattern.compile("o-[a-z0-9]{10,32}");
    private static final Pattern YEAR = Pattern.compile("\\d{4}");
    private static final Pattern TWO = Pattern.compile("\\d{2}");

    /**
     * What to do with a prefix: list it or not, and whether it is a day folder (its objects are log
     * files). FLAT: an account's {@code CloudTrail/} folder, or one of its regions, below which the
     * filter leaves nothing out by folder (no {@code --regions} above a region, no dates): listed
     * without a delimiter, every key under it in a few pages of 1,000, each key decided by its
     * folder. A level at a time costs a call per region, year, month and day (123 calls against 29
     * on the bench's organisation); S3 answers either from an index, but each call is a round trip,
     * and a store without one (S3Proxy's) loads every object under the prefix at each call.
     */
    enum Decision { SKIP, WALK, DAY, FLAT }

    private TrailLayout() {
    }

    /** Decides for a prefix ending in '/', from all of its segments. */
    static Decision decide(String prefix, TrailKeyFilter f) {
        String[] seg = prefix.split("/");
        int logs = -1;
        for (int i = 0; i < seg.length; i++) {
            if (seg[i].startsWith(".") || seg[i].equals("CloudTrail-Digest")) {
                return Decision.SKIP; // hidden folders and digest files (signatures, not events), as a directory walk does
            }
            if (logs < 0 && seg[i].equals("AWSLogs")) {
                logs = i;
            }
        }
        if (logs < 0) {
            return Decision.WALK; // not in the layout (yet): a trail's key prefix, or any folder
        }
        int i = logs + 1;
        if (i >= seg.length) {
            return Decision.WALK;
        }
        if (ORG.matcher(seg[i]).matches()) {
            i++; // organisation trail: AWSLogs/<org-id>/<account>/...
            if (i >= seg.length) {
                return Decision.WALK;
            }
        }
        if (!ACCOUNT.matcher(seg[i]).matches()) {
            return f.any() ? Decision.SKIP : Decision.WALK; // something else under AWSLogs: no account to filter by
        }
        if (!f.account(seg[i])) {
            return Decision.SKIP;
        }
        if (++i >= seg.length) {
            return Decision.WALK;
        }
        if (!seg[i].equals("CloudTrail")) {
            return Decision.SKIP; // other services' logs (CloudTrail-Insight, vpcflowlogs, elasticloadbalancing...)
        }
        boolean noDates = f.from() == null && f.to() == null;
        if (++i >= seg.length) {
            return noDates && f.regions() == null ? Decision.FLAT : Decision.WALK;
        }
        if (!f.region(seg[i])) {
            return Decision.SKIP;
        }
        int dateAt = i + 1;
        if (dateAt >= seg.length) {
            return noDates ? Decision.FLAT : Decision.WALK;
        }
        if (!YEAR.matcher(seg[dateAt]).matches()) {
            return f.any() ? Decision.SKIP : Decision.WALK;
        }
        int y = Integer.parseInt(seg[dateAt]);
        if (!f.year(y)) {
            return Decision.SKIP;
        }
        if (dateAt + 1 >= seg.length) {
            return Decision.WALK;
        }
        if (!TWO.matcher(seg[dateAt + 1]).matches()) {
            return f.any() ? Decision.SKIP : Decision.WALK;
        }
        int m = Integer.parseInt(seg[dateAt + 1]);
        if (m < 1 || m > 12 || !f.month(y, m)) {
            return m < 1 || m > 12 ? (f.any() ? Decision.SKIP : Decision.WALK) : Decision.SKIP;
        }
        if (dateAt + 2 >= seg.length) {
            return Decision.WALK;
        }
        LocalDate day;
        try {
            day = TWO.matcher(seg[dateAt + 2]).matches() ? LocalDate.of(y, m, Integer.parseInt(seg[dateAt + 2])) : null;
        } catch (DateTimeException e) {
            day = null;
        }
        if (day == null) {
            return f.any() ? Decision.SKIP : Decision.WALK;
        }
        return f.day(day) ? Decision.DAY : Decision.SKIP;
    }

    /** Whether an object found directly under a prefix (not in a day folder) is read: only when nothing filters. */
    static boolean readOutsideDayFolder(String key, TrailKeyFilter f) {
        String name = key.substring(key.lastIndexOf('/') + 1);
        return !f.any() && !name.startsWith(".") && name.length() > 0;
    }
}
