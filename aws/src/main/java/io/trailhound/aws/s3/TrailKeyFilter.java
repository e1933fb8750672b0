package io.trailhound.aws.s3;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Set;

/**
 * Which parts of the CloudTrail key layout to list, from {@code --from/--to} (dates in the key),
 * {@code --accounts} and {@code --regions}: {@code AWSLogs/<account>/CloudTrail/<region>/<yyyy>/<mm>/<dd>/}
 * and, for organisation trails, {@code AWSLogs/<org-id>/<account>/CloudTrail/...}. A prefix this
 * says no to is never listed.
 *
 * <p>The key's date is the day the file was delivered, and a file holds events from the minutes
 * before: events late on {@code to}'s day arrive in the next day's folder, so that day is listed
 * too. Null bounds and sets mean "all".
 */
public record TrailKeyFilter(LocalDate from, LocalDate to, Set<String> accounts, Set<String> regions) {
    public static final TrailKeyFilter ALL = new TrailKeyFilter(null, null, null, null);

    public boolean any() {
        return from != null || to != null || accounts != null || regions != null;
    }

    public boolean account(String id) {
        return accounts == null || accounts.contains(id);
    }

    public boolean region(String r) {
        return regions == null || regions.contains(r);
    }

    public boolean year(int y) {
        return (from == null || y >= from.getYear()) && (to == null || y <= lastDay().getYear());
    }

    public boolean month(int y, int m) {
        YearMonth ym = YearMonth.of(y, m);
        return (from == null || !ym.isBefore(YearMonth.from(from))) && (to == null || !ym.isAfter(YearMonth.from(lastDay())));
    }

    public boolean day(LocalDate d) {
        return (from == null || !d.isBefore(from)) && (to == null || !d.isAfter(lastDay()));
    }

    /** The last key date listed: the day after {@code to}, for files delivered past midnight. */
    private LocalDate lastDay() {
        return to.plusDays(1);
    }
}
