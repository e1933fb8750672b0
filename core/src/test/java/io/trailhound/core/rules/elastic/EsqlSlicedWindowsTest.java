package io.trailhound.core.rules.elastic;

import static io.trailhound.core.rules.elastic.CloudTrailRecords.IAM_USER;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.alert.Alert;
import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.ir.CompiledRule;
import io.trailhound.core.rules.ir.RowQuery;
import io.trailhound.core.rules.ir.Stateful;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Windows merged from partials per slice of time give exactly what aggregating the window's rows
 * gives: on random events (seeded), random windows cut into random slices, for every aggregate
 * (with per-aggregate WHERE, BY fields, BY DATE_TRUNC, multi-valued BY, commands after STATS), and
 * through whole scheduled runs. Where merging cannot be exact (mixed types in MIN/MAX, sums of
 * fractions) it says so, and the run aggregates those windows from their rows.
 */
class EsqlSlicedWindowsTest {
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    private static final String[] TARGETS = {"a", "b", "c", null};
    private static final String[] IPS = {"198.51.100.20", "192.0.2.10", "203.0.113.10"};
    private static final String[] NUMBERS = {"17", "-3", "4", "0", "9000000000"};
    private static final String[] DECIMALS = {"2.5", "-0.25", "1e3", "3"};

    private static final String PER_EVENT = "FROM logs-aws.cloudtrail-* | WHERE event.action == \"CreateAccessKey\" "
            + "| EVAL n = TO_LONG(user_agent.original), x = TO_DOUBLE(user_agent.original), "
            + "mixed = CASE(user.target.name == \"a\", 5, user.target.name == \"b\", \"text\", 2.5) ";

    /** Queries that merge exactly every time, and whether they do. */
    private static final Map<String, Boolean> QUERIES = Map.of(
            PER_EVENT + "| STATS c = COUNT(*), cv = COUNT(aws.cloudtrail.resources.arn), d = COUNT_DISTINCT(source.ip), "
                    + "v = VALUES(aws.cloudtrail.resources.arn), first = MIN(@timestamp), top = MAX(user.target.name), "
                    + "s = SUM(n), avg = AVG(n), fromA = COUNT(*) WHERE user.target.name == \"a\", "
                    + "sa = SUM(n) WHERE source.ip == \"192.0.2.10\" BY user.target.name", true,
            PER_EVENT + "| STATS ips = VALUES(source.ip), low = MIN(n), high = MAX(n), c = COUNT(*) "
                    + "BY t = DATE_TRUNC(10 minutes, @timestamp), aws.cloudtrail.resources.arn "
                    + "| WHERE c >= 2 | SORT c DESC, t | LIMIT 5", true,
            PER_EVENT + "| STATS targets = VALUES(user.target.name), d = COUNT_DISTINCT(aws.cloudtrail.resources.arn), "
                    + "c = COUNT(user.target.name) | EVAL many = c > 3", true,
            PER_EVENT + "| STATS s = SUM(x), avg = AVG(x), low = MIN(mixed), high = MAX(mixed), c = COUNT(*) "
                    + "BY source.ip", false);

    private static String toml(String from, String interval, String query) {
        return EsqlSemanticsTest.toml(from, interval, "", query);
    }

    /** Random CreateAccessKey events in time order (some on whole minutes, as slice edges are). */
    private static List<CloudTrailEvent> events(Random r, int n) {
        List<CloudTrailEvent> out = new ArrayList<>();
        long t = 0;
        for (int i = 0; i < n; i++) {
            t += r.nextInt(4) == 0 ? 0 : r.nextInt(240);
            if (r.nextInt(3) == 0) {
                t = (t / 60 + 1) * 60;
            }
            String target = TARGETS[r.nextInt(TARGETS.length)];
            int arns = r.nextInt(3);
            StringBuilder rest = new StringBuilder();
            if (target != null) {
                rest.append("\"requestParameters\":{\"userName\":\"").append(target).append("\"}");
            }
            if (arns > 0) {
                rest.append(rest.length() == 0 ? "" : ",").append("\"resources\":[");
                for (int k = 0; k < arns; k++) {
                    rest.append(k == 0 ? "" : ",").append("{\"ARN\":\"arn:aws:iam::1:user/u").append(r.nextInt(4))
                            .append("\"}");
                }
                rest.append("]");
            }
            String ua = r.nextBoolean() ? NUMBERS[r.nextInt(NUMBERS.length)] : DECIMALS[r.nextInt(DECIMALS.length)];
            out.add(EsqlRuns.event(T0.plusSeconds(t), "iam.amazonaws.com", "CreateAccessKey", IAM_USER,
                    IPS[r.nextInt(IPS.length)], ua, "us-east-1", rest.toString()));
        }
        return out;
    }

    @Test
    void mergedSlicesGiveTheRowsAndSourcesOfTheWholeWindow() {
        Random r = new Random(30);
        for (Map.Entry<String, Boolean> q : QUERIES.entrySet()) {
            RowQuery query = ((Stateful.Query) EsqlRuns.load("t.toml", toml("now-30m", "5m", q.getKey())).stateful())
                    .query();
            assertThat(query.slices()).as("STATS right after the per-event part").isNotNull();
            List<Object> rows = new ArrayList<>();
            for (CloudTrailEvent e : events(r, 120)) {
                Object row = query.rows(e);
                if (row != null) {
                    rows.add(row);
                }
            }
            int merged = 0;
            int refused = 0;
            for (int trial = 0; trial < 300; trial++) {
                int lo = r.nextInt(rows.size());
                int hi = lo + 1 + r.nextInt(rows.size() - lo);
                List<RowQuery.Partial> parts = new ArrayList<>();
                RowQuery.Partial part = null;
                for (int i = lo; i < hi; i++) {
                    if (part == null || r.nextInt(8) == 0) {
                        part = query.slices().partial();
                        parts.add(part);
                    }
                    part.add(rows.get(i), i - lo);
                }
                long now = T0.toEpochMilli() + trial * 60_000L;
                List<RowQuery.Result> whole = query.run(rows.subList(lo, hi), now);
                List<RowQuery.Result> sliced = query.slices().merge(parts, now);
                if (sliced == null) {
                    refused++;
                    continue;
                }
                merged++;
                assertThat(text(sliced)).as(q.getKey()).isEqualTo(text(whole));
            }
            if (q.getValue()) {
                assertThat(refused).as("exact merges never refused: " + q.getKey()).isZero();
            } else {
                assertThat(refused).as("mixed types and fractions refused").isPositive();
                assertThat(merged).as("single-slice windows of one type still merge").isPositive();
            }
        }
    }

    /**
     * One {@code Slices} merges window after window, as one rule's executions do, and remembers
     * the groups it merged: a window sharing slices with the one before, or whose newest slice
     * grew since it was merged, still gives what its rows give.
     */
    @Test
    void oneSlicesMergesWindowAfterWindowAsTheirRowsGiveEvenWhenASliceGrowsBetween() {
        Random r = new Random(33);
        for (Map.Entry<String, Boolean> q : QUERIES.entrySet()) {
            if (!q.getValue()) {
                continue;
            }
            RowQuery query = ((Stateful.Query) EsqlRuns.load("t.toml", toml("now-30m", "5m", q.getKey())).stateful())
                    .query();
            RowQuery.Slices slices = query.slices();
            List<Object> rows = new ArrayList<>();
            for (CloudTrailEvent e : events(r, 300)) {
                Object row = query.rows(e);
                if (row != null) {
                    rows.add(row);
                }
            }
            List<RowQuery.Partial> parts = new ArrayList<>();
            List<Integer> firstRow = new ArrayList<>(); // index in rows of each partial's first row
            int compared = 0;
            for (int i = 0; i < rows.size(); i++) {
                if (parts.isEmpty() || r.nextInt(6) == 0) {
                    parts.add(slices.partial());
                    firstRow.add(i);
                }
                parts.get(parts.size() - 1).add(rows.get(i), i);
                if (r.nextInt(3) == 0) {
                    // A window of the last few partials, the newest of which may still grow.
                    int from = Math.max(0, parts.size() - 1 - r.nextInt(5));
                    long now = T0.toEpochMilli() + i * 60_000L;
                    List<RowQuery.Result> sliced = slices.merge(parts.subList(from, parts.size()), now);
                    List<Object> window = new ArrayList<>(rows.subList(firstRow.get(from), i + 1));
                    List<RowQuery.Result> whole = query.run(window, now);
                    assertThat(sliced).as(q.getKey()).isNotNull();
                    assertThat(text(sliced, firstRow.get(from))).as(q.getKey()).isEqualTo(text(whole));
                    compared++;
                }
            }
            assertThat(compared).isGreaterThan(50);
        }
    }

    @Test
    void scheduledRunsAlertAlikeWithAndWithoutSlices() {
        Random r = new Random(3030);
        String[][] schedules = {{"now-30m", "5m"}, {"now-9m", "5m"}, {"now-6m", "5m"}, {"now-60m", "10m"},
                {"now-24h", "1h"}, {"now-5m", "5m"}};
        List<CloudTrailEvent> events = events(r, 400);
        List<CloudTrailEvent> shuffled = new ArrayList<>(events);
        java.util.Collections.shuffle(shuffled, r); // files are read in any order
        for (String query : QUERIES.keySet()) {
            for (String[] s : schedules) {
                CompiledRule loaded = EsqlRuns.load("t.toml", toml(s[0], s[1], query));
                Stateful.Query q = (Stateful.Query) loaded.stateful();
                List<Alert> sliced = EsqlRuns.run(EsqlRuns.withQuery("sliced", loaded, q, q.query()), shuffled);
                List<Alert> scratch = EsqlRuns.run(EsqlRuns.withQuery("sliced", loaded, q, new FromScratch(q.query())), shuffled);
                assertThat(sliced).as("alerts").isNotEmpty();
                assertThat(EsqlRuns.describe(sliced)).as(s[0] + " every " + s[1] + ": " + query).isEqualTo(EsqlRuns.describe(scratch));
            }
        }
    }

    private static List<String> text(List<RowQuery.Result> results) {
        return text(results, 0);
    }

    /** The results with their sources counted from {@code base} (merged results name inputs by their ids). */
    private static List<String> text(List<RowQuery.Result> results, int base) {
        List<String> out = new ArrayList<>();
        for (RowQuery.Result x : results) {
            out.add(x.columns() + " " + Arrays.toString(Arrays.stream(x.sources()).map(i -> i - base).toArray()));
        }
        return out;
    }

    /** The same query without slices: every window from its rows. */
    private record FromScratch(RowQuery delegate) implements ForwardingRowQuery {
        @Override
        public Slices slices() {
            return null;
        }

        @Override
        public Needs needs() {
            return null;
        }
    }
}
