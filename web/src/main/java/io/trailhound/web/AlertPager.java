package io.trailhound.web;

import io.trailhound.store.StoreQueries;
import io.trailhound.store.StoreReader.Rows;
import java.util.ArrayList;
import java.util.List;

/**
 * One page of the alert list, newest first, without sorting every alert ahead of it. DuckDB's
 * {@code ORDER BY time DESC LIMIT n OFFSET k} keeps k+n rows in its heap (0.9 to 2.4 s at offset
 * 500,000 of a million alerts); here counts per time bucket narrow the page down to a time window
 * of at most {@link #WINDOW_ROWS} alerts, and only that window is sorted. The first count scans the
 * matching alerts once and gives the total too (and, for a cursor, how many are ahead of it, which
 * makes it an offset); later rounds read only their window (DuckDB pushes the time bounds into the
 * scan).
 */
final class AlertPager {
    /** Buckets a round counts. */
    static final int BUCKETS = 256;
    /** A window this small is sorted as it is. */
    static final long WINDOW_ROWS = 4096;
    /** Rounds before the window is sorted however large it still is (alerts sharing one instant). */
    private static final int MAX_ROUNDS = 8;

    /** How many alerts match, where the page starts among them, the page, and the cursors next to it (null: none). */
    record AlertPage(long total, long offset, List<WebQueries.AlertRow> alerts, AlertCursor newer, AlertCursor older) {
    }

    private AlertPager() {
    }

    /** The page {@code offset .. offset+limit}. */
    static AlertPage page(StoreQueries store, AlertFilter f, int limit, long offset) {
        return page(store, f, limit, offset, null, false, WINDOW_ROWS);
    }

    /** The {@code limit} alerts just older ({@code older}) or just newer than {@code cursor}. */
    static AlertPage page(StoreQueries store, AlertFilter f, int limit, AlertCursor cursor, boolean older) {
        return page(store, f, limit, 0, cursor, older, WINDOW_ROWS);
    }

    /** As above; {@code windowRows} is {@link #WINDOW_ROWS} but for tests that narrow the window to a few alerts. */
    static AlertPage page(StoreQueries store, AlertFilter f, int limit, long offset, AlertCursor cursor, boolean older,
                          long windowRows) {
        WebQueries.Where w = WebQueries.where(f);
        Window all = span(store, f);
        List<long[]> buckets = all == null ? List.of() : histogram(store, w, all, cursor, older);
        long total = 0, ahead = 0;
        boolean untimed = false;
        for (long[] b : buckets) {
            total += b[1];
            ahead += b[2];
            untimed |= b[0] == UNTIMED;
        }
        if (cursor != null) {
            ahead += atCursor(store, w, cursor, older);
        }
        long want = limit;
        if (cursor != null && older) {
            offset = ahead;
        } else if (cursor != null) {
            offset = Math.max(0, ahead - limit);
            want = Math.min(limit, ahead);
        }
        want = Math.max(0, Math.min(want, total - offset));
        List<WebQueries.AlertRow> rows = want == 0 ? List.of()
                : untimed ? sorted(store, w, null, want, offset) : windowed(store, w, all, buckets, want, offset, windowRows);
        long end = offset + rows.size();
        AlertCursor newer = offset > 0 && !rows.isEmpty() ? cursorOf(rows.get(0)) : null;
        AlertCursor next = end < total && !rows.isEmpty() ? cursorOf(rows.get(rows.size() - 1)) : null;
        return new AlertPage(total, offset, rows, newer, next);
    }

    private static AlertCursor cursorOf(WebQueries.AlertRow r) {
        return new AlertCursor(r.timeMicros(), r.id());
    }

    /** A time window [lo, hi] in µs, cut into buckets of {@code width} µs from {@code lo}. */
    private record Window(long lo, long hi, long width) {
        Window(long lo, long hi) {
            this(lo, hi, (hi - lo) / BUCKETS + 1);
        }

        /** Buckets {@code last} (older) to {@code first} (newer). */
        Window narrow(long first, long last) {
            return new Window(lo + last * width, lo + (first + 1) * width - 1);
        }
    }

    /**
     * The times the alerts span, narrowed by the filter's range: from the table's statistics, no
     * scan. Null when no alert can match.
     */
    private static Window span(StoreQueries store, AlertFilter f) {
        Rows rs = WebQueries.query(store, "SELECT epoch_us(min(time)) AS lo, epoch_us(max(time)) AS hi FROM alerts", List.of());
        Long min = rs.number(rs.rows().get(0), "lo"), max = rs.number(rs.rows().get(0), "hi");
        if (min == null || max == null) {
            return null;
        }
        long lo = min, hi = max;
        if (f.from() != null) {
            lo = Math.max(lo, f.from().toEpochMilli() * 1000);
        }
        if (f.to() != null) {
            hi = Math.min(hi, f.to().toEpochMilli() * 1000 - 1);
        }
        return lo <= hi ? new Window(lo, hi) : null;
    }

    /** A bucket alerts without a time fall into (none do when a scan wrote them). */
    private static final long UNTIMED = Long.MIN_VALUE;

    /**
     * The matching alerts in {@code window}, counted per bucket, newest bucket first: {bucket, count,
     * how many are ahead of {@code cursor}}. With the whole span, one scan gives the total, the
     * cursor's place and the first narrowing.
     */
    private static List<long[]> histogram(StoreQueries store, WebQueries.Where w, Window window, AlertCursor cursor, boolean older) {
        List<Object> args = new ArrayList<>();
        args.add(window.lo());
        args.add(window.width());
        String ahead = "0";
        if (cursor != null) {
            // Those at the cursor's instant are counted apart (atCursor): comparing ids here would read every id.
            ahead = "count(*) FILTER (WHERE time > make_timestamp(?::BIGINT))";
            args.add(cursor.timeMicros());
        }
        args.addAll(w.args());
        List<long[]> out = new ArrayList<>();
        Rows rs = WebQueries.query(store, "SELECT (epoch_us(time) - ?) // ? AS b, count(*) AS n, " + ahead
                + " AS ahead FROM alerts" + w.sql() + " GROUP BY b ORDER BY b DESC NULLS LAST", args);
        for (List<Object> r : rs.rows()) {
            Long b = rs.number(r, "b");
            out.add(new long[] {b == null ? UNTIMED : b, rs.number(r, "n"), rs.number(r, "ahead")});
        }
        return out;
    }

    /**
     * The matching alerts at the cursor's instant ahead of it: for a page older than the cursor, its
     * own alert and those with a greater id; for a newer page, those with a greater id only.
     */
    private static long atCursor(StoreQueries store, WebQueries.Where w, AlertCursor cursor, boolean older) {
        WebQueries.Where at = w.and(" AND time = make_timestamp(?::BIGINT) AND id " + (older ? ">=" : ">") + " ?",
                cursor.timeMicros(), cursor.id());
        Rows rs = WebQueries.query(store, "SELECT count(*) AS n FROM alerts" + at.sql(), at.args());
        return rs.number(rs.rows().get(0), "n");
    }

    /**
     * Narrows the window round by round to the buckets holding the page's first and last alert,
     * then sorts that window alone.
     */
    private static List<WebQueries.AlertRow> windowed(StoreQueries store, WebQueries.Where w, Window window, List<long[]> buckets,
                                                      long want, long offset, long windowRows) {
        long skip = offset;
        for (int round = 0; ; round++) {
            long seen = 0, first = -1, firstSkip = 0, last = -1, inPage = 0;
            for (long[] b : buckets) {
                if (first < 0 && seen + b[1] > skip) {
                    first = b[0];
                    firstSkip = skip - seen;
                }
                if (first >= 0) {
                    inPage += b[1];
                }
                seen += b[1];
                if (first >= 0 && seen >= skip + want) {
                    last = b[0];
                    break;
                }
            }
            if (first < 0 || last < 0) {
                break; // fewer alerts than counted before (the store changed under us): sort the window as it is
            }
            Window narrower = window.narrow(first, last);
            boolean progress = narrower.lo() > window.lo() || narrower.hi() < window.hi();
            window = narrower;
            skip = firstSkip;
            if (!progress || inPage <= windowRows || round + 1 >= MAX_ROUNDS || window.lo() >= window.hi()) {
                break; // small enough, or alerts sharing one instant that no bucket splits
            }
            buckets = histogram(store, w.and(WINDOW, window.lo(), window.hi()), window, null, false);
        }
        return sorted(store, w, window, want, skip);
    }

    private static final String WINDOW = " AND time >= make_timestamp(?::BIGINT) AND time <= make_timestamp(?::BIGINT)";

    /** The rows {@code skip .. skip+want} of the matching alerts (within {@code window} when not null), newest first. */
    private static List<WebQueries.AlertRow> sorted(StoreQueries store, WebQueries.Where w, Window window, long want, long skip) {
        WebQueries.Where in = window == null ? w : w.and(WINDOW, window.lo(), window.hi());
        List<Object> args = new ArrayList<>(in.args());
        args.add(want);
        args.add(skip);
        return WebQueries.alerts(WebQueries.query(store, "SELECT " + WebQueries.ALERT_COLUMNS + " FROM alerts" + in.sql()
                + " ORDER BY time DESC, id DESC LIMIT ? OFFSET ?", args));
    }
}
