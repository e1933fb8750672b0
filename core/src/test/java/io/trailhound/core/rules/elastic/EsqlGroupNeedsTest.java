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
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A windowed query whose groups must hold a rare row to be kept (Elastic's correlation rules:
 * {@code COUNT(*) WHERE flag > 0}, {@code SUM(flag) >= 1}, {@code key IS NOT NULL}, comparisons
 * of {@code MIN}/{@code MAX}) has its other rows left out before the windows run, when no row of
 * their key meets the need within a look-back: the alerts are exactly those of the same query
 * run over every row (random events, several schedules), while fewer rows are read back.
 */
class EsqlGroupNeedsTest {
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    private static final String[] ACTIONS = {"ListUsers", "GetUser", "DeleteAccessKey", "ListRoles"};
    private static final String[] TARGETS = {"a", "b", "c", "d", "e", null};
    private static final String[] IPS = {"198.51.100.20", "192.0.2.10", "203.0.113.10"};
    private static final String FROM = "FROM logs-aws.cloudtrail-* | WHERE event.provider == \"iam.amazonaws.com\" "
            + "| EVAL made = CASE(event.action == \"CreateAccessKey\", 1, 0), "
            + "weight = CASE(event.action == \"CreateAccessKey\", 2, event.action == \"GetUser\", 0, -1) ";

    /** Queries with needs. */
    private static final List<String> NEEDING = List.of(
            FROM + "| STATS c = COUNT(*) WHERE made == 1, n = COUNT(*), ips = VALUES(source.ip) BY user.target.name "
                    + "| WHERE c > 0 AND n >= 2",
            FROM + "| STATS s = SUM(made), d = COUNT_DISTINCT(event.action) BY k = COALESCE(user.target.name, source.ip) "
                    + "| WHERE k IS NOT NULL AND s >= 1 AND d >= 2 | EVAL x = s + d | KEEP k, x, s",
            FROM + "| STATS first = MIN(@timestamp) WHERE made == 1, last = MAX(@timestamp) WHERE event.action == "
                    + "\"DeleteAccessKey\" BY user.target.name | WHERE last > first",
            FROM + "| STATS w = SUM(weight), n = COUNT(*) BY source.ip, user.target.name | WHERE w > 0",
            FROM + "| STATS c = COUNT(*) WHERE made == 1, n = COUNT(*) BY aws.cloudtrail.resources.arn | WHERE 1 <= c",
            FROM + "| STATS c = COUNT(made) WHERE made == 1, n = COUNT(*) BY user.target.name "
                    + "| WHERE c > 0 | SORT n DESC | LIMIT 2",
            FROM + "| STATS n = COUNT(*), d = COUNT_DISTINCT(source.ip) BY user.target.name, "
                    + "t = DATE_TRUNC(10 minutes, @timestamp) | WHERE n >= 4",
            FROM + "| STATS n = COUNT(*) WHERE event.action == \"ListUsers\", ips = VALUES(source.ip) "
                    + "BY source.ip | WHERE 5 < n");

    /** Queries whose WHEREs after STATS say nothing a row can meet on its own, or come after another command. */
    private static final List<String> NOT_NEEDING = List.of(
            FROM + "| STATS c = COUNT(*) WHERE made == 1, n = COUNT(*) BY user.target.name | SORT n DESC | LIMIT 2 "
                    + "| WHERE c > 0",
            FROM + "| STATS c = COUNT(*) WHERE made == 1, n = COUNT(*) BY user.target.name | WHERE c >= 0 AND n < 3",
            FROM + "| STATS s = SUM(weight), n = COUNT(*) BY user.target.name | WHERE s IS NULL OR n > 2",
            FROM + "| STATS s = SUM(weight) BY user.target.name | WHERE s IS NULL");

    private static String toml(String from, String interval, String query) {
        return EsqlSemanticsTest.toml(from, interval, "", query);
    }

    /** IAM events over about six hours with quiet stretches; CreateAccessKey (the rare row) about one in 25. */
    private static List<CloudTrailEvent> events(Random r, int n) {
        List<CloudTrailEvent> out = new ArrayList<>();
        long t = 0;
        for (int i = 0; i < n; i++) {
            t += r.nextInt(10) == 0 ? 1800 + r.nextInt(1800) : r.nextInt(90);
            String action = r.nextInt(25) == 0 ? "CreateAccessKey" : ACTIONS[r.nextInt(ACTIONS.length)];
            String target = TARGETS[r.nextInt(TARGETS.length)];
            StringBuilder rest = new StringBuilder();
            if (target != null) {
                rest.append("\"requestParameters\":{\"userName\":\"").append(target).append("\"}");
            }
            int arns = r.nextInt(3);
            if (arns > 0) {
                rest.append(rest.length() == 0 ? "" : ",").append("\"resources\":[");
                for (int k = 0; k < arns; k++) {
                    rest.append(k == 0 ? "" : ",").append("{\"ARN\":\"arn:aws:iam::1:user/u").append(r.nextInt(3))
                            .append("\"}");
                }
                rest.append("]");
            }
            out.add(EsqlRuns.event(T0.plusSeconds(t), "iam.amazonaws.com", action, IAM_USER,
                    IPS[r.nextInt(IPS.length)], rest.toString()));
        }
        return out;
    }

    @Test
    void rowsNoGroupCanKeepAreLeftOutAndTheAlertsStayTheSame() {
        Random r = new Random(33_2026);
        String[][] schedules = {{"now-30m", "5m"}, {"now-9m", "5m"}, {"now-60m", "10m"}, {"now-24h", "1h"},
                {"now-5m", "5m"}};
        List<CloudTrailEvent> events = events(r, 500);
        List<CloudTrailEvent> shuffled = new ArrayList<>(events);
        Collections.shuffle(shuffled, r); // files are read in any order
        int alerts = 0;
        for (String query : NEEDING) {
            int readPruned = 0;
            int readEvery = 0;
            for (String[] s : schedules) {
                CompiledRule loaded = EsqlRuns.load("t.toml", toml(s[0], s[1], query));
                Stateful.Query q = (Stateful.Query) loaded.stateful();
                assertThat(q.query().needs()).as(query).isNotNull();
                Counting pruned = new Counting(q.query(), true);
                Counting every = new Counting(q.query(), false);
                List<Alert> withNeeds = EsqlRuns.run(EsqlRuns.withQuery("needs", loaded, q, pruned), shuffled);
                List<Alert> withoutNeeds = EsqlRuns.run(EsqlRuns.withQuery("needs", loaded, q, every), shuffled);
                assertThat(EsqlRuns.describe(withNeeds)).as(s[0] + " every " + s[1] + ": " + query)
                        .isEqualTo(EsqlRuns.describe(withoutNeeds));
                assertThat(pruned.read.get()).as("rows read back: " + query).isLessThanOrEqualTo(every.read.get());
                readPruned += pruned.read.get();
                readEvery += every.read.get();
                alerts += withNeeds.size();
            }
            assertThat(readPruned).as("rows read back: " + query).isLessThan(readEvery);
        }
        assertThat(alerts).as("the queries alert on these events").isGreaterThan(20);
    }

    @Test
    void whereClausesThatHoldOnEmptyGroupsOrFollowAnotherCommandNeedNothing() {
        for (String query : NOT_NEEDING) {
            Stateful.Query q = (Stateful.Query) EsqlRuns.load("t.toml", toml("now-30m", "5m", query)).stateful();
            assertThat(q.query().needs()).as(query).isNull();
        }
    }

    /** A row exactly a look-back from the one that meets the need shares a window with it; a millisecond more does not. */
    @Test
    void theLookBackIsTheReachOfARareRow() {
        String query = FROM + "| STATS c = COUNT(*) WHERE made == 1, n = COUNT(*) BY user.target.name | WHERE c > 0";
        CompiledRule loaded = EsqlRuns.load("t.toml", toml("now-10m", "10m", query));
        Stateful.Query q = (Stateful.Query) loaded.stateful();
        Counting counting = new Counting(q.query(), true);
        CompiledRule rule = EsqlRuns.withQuery("needs", loaded, q, counting);
        String target = "\"requestParameters\":{\"userName\":\"a\"}";
        Instant made = T0.plusSeconds(600); // on an execution's time: the window [T0, T0+10m] holds both below
        List<CloudTrailEvent> events = List.of(
                EsqlRuns.event(T0, "iam.amazonaws.com", "ListUsers", IAM_USER, IPS[0], target),
                EsqlRuns.event(T0.minusMillis(1), "iam.amazonaws.com", "ListUsers", IAM_USER, IPS[0], target),
                EsqlRuns.event(made, "iam.amazonaws.com", "CreateAccessKey", IAM_USER, IPS[0], target));
        List<Alert> alerts = EsqlRuns.run(rule, events);
        assertThat(counting.read.get()).as("the row a millisecond too early is never read back").isEqualTo(2);
        assertThat(EsqlRuns.describe(alerts)).isEqualTo(EsqlRuns.describe(EsqlRuns.run(loaded, events)));
        assertThat(alerts).hasSize(2); // at T0+10m over the two rows, at T0+20m over the CreateAccessKey alone
        assertThat(alerts.get(0).context()).containsEntry("n", "2").containsEntry("events", "2");
    }

    /** The query, with or without its needs, counting the rows read back for the windows. */
    private record Counting(RowQuery delegate, boolean withNeeds, AtomicInteger read) implements ForwardingRowQuery {
        Counting(RowQuery q, boolean withNeeds) {
            this(q, withNeeds, new AtomicInteger());
        }

        @Override
        public Needs needs() {
            return withNeeds ? delegate.needs() : null;
        }

        @Override
        public Object readRows(java.io.DataInput in) throws java.io.IOException {
            read.incrementAndGet();
            return delegate.readRows(in);
        }
    }
}
