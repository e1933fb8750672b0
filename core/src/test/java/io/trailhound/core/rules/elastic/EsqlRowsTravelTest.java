package io.trailhound.core.rules.elastic;

import static io.trailhound.core.rules.elastic.CloudTrailRecords.IAM_USER;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.ir.RowQuery;
import io.trailhound.core.rules.ir.Stateful;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A windowed query's rows written and read back (as the Flink job moves them between machines)
 * are the rows they were, every value type included (text, long, double, boolean, date, multi-value,
 * null, MV_EXPAND's several rows), and a window run over them gives the same results.
 */
class EsqlRowsTravelTest {
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

    static Object travel(RowQuery q, Object rows) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(b)) {
            q.writeRows(rows, out);
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(b.toByteArray()))) {
            return q.readRows(in);
        }
    }

    private static List<String> results(List<RowQuery.Result> rs) {
        return rs.stream().map(r -> r.columns() + " " + Arrays.toString(r.sources())).toList();
    }

    @Test
    void rowsComeBackAsTheyWereAndRunTheSame() throws IOException {
        String[] uas = {"17", "2.5", "x", "9000000000"};
        String[] ips = {"198.51.100.20", "192.0.2.10"};
        for (String query : List.of(
                "FROM logs-aws.cloudtrail-* | WHERE event.action == \"CreateAccessKey\" "
                        + "| EVAL n = TO_LONG(user_agent.original), x = TO_DOUBLE(user_agent.original), big = n > 5, "
                        + "at = @timestamp, arns = aws.cloudtrail.resources.arn "
                        + "| STATS c = COUNT(*), s = SUM(n), avg = AVG(x), bigs = COUNT(*) WHERE big, first = MIN(at), "
                        + "all = VALUES(arns) BY source.ip | SORT c DESC",
                "FROM logs-aws.cloudtrail-* | WHERE event.action == \"CreateAccessKey\" "
                        + "| EVAL arn = aws.cloudtrail.resources.arn | MV_EXPAND arn "
                        + "| STATS c = COUNT(*) BY arn | EVAL checked = NOW() | SORT arn")) {
            RowQuery q = ((Stateful.Query) EsqlSemanticsTest.rule("now-30m", "5m", query).stateful()).query();
            List<Object> rows = new ArrayList<>();
            List<Object> travelled = new ArrayList<>();
            boolean expanded = false;
            for (int i = 0; i < 24; i++) {
                String arns = i % 3 == 0 ? "" : "\"resources\":[{\"ARN\":\"arn:aws:iam::1:user/a\"}"
                        + (i % 3 == 2 ? ",{\"ARN\":\"arn:aws:iam::1:user/b" + i % 2 + "\"}" : "") + "]";
                CloudTrailEvent e = EsqlRuns.event(T0.plusSeconds(i * 40L), "iam.amazonaws.com", "CreateAccessKey", IAM_USER,
                        ips[i % 2], uas[i % uas.length], "us-east-1", arns);
                Object row = q.rows(e);
                assertThat(row).isNotNull();
                expanded |= row instanceof Object[][];
                Object back = travel(q, row);
                assertThat(back.getClass()).isEqualTo(row.getClass());
                assertThat(Arrays.deepEquals(new Object[] {back}, new Object[] {row})).as("row %d", i).isTrue();
                rows.add(row);
                travelled.add(back);
            }
            long now = T0.plusSeconds(30 * 60).toEpochMilli();
            assertThat(results(q.run(travelled, now))).isNotEmpty().isEqualTo(results(q.run(rows, now)));
            if (query.contains("MV_EXPAND")) {
                assertThat(expanded).as("MV_EXPAND gave several rows for an event").isTrue();
            }
        }
    }

    /**
     * Texts come back exactly, lone surrogates included (UTF-8 alone gives '?' for one, so the
     * codec writes such a text as characters): the rule engine holds ES|QL rows as these bytes
     * without looking at every character first ({@link RowQuery#writesRowsExactly}).
     */
    @Test
    void textsWithLoneSurrogatesQuestionMarksAndNonAsciiComeBackExactly() throws IOException {
        RowQuery q = ((Stateful.Query) EsqlSemanticsTest.rule("now-30m", "5m",
                "FROM logs-aws.cloudtrail-* | WHERE event.action == \"CreateAccessKey\" "
                        + "| STATS c = COUNT(*), uas = VALUES(user_agent.original) BY source.ip").stateful()).query();
        assertThat(q.writesRowsExactly()).isTrue();
        // As JSON escapes: a lone high and a lone low surrogate, a pair, a '?' next to one, non-ASCII, plain.
        String[] uas = {"x\\ud800y", "\\udc00", "pair \\ud83d\\ude00", "what?\\ud800", "é?", "plain"};
        String[] expected = {"x\ud800y", "\udc00", "pair \ud83d\ude00", "what?\ud800", "é?", "plain"};
        for (int i = 0; i < uas.length; i++) {
            CloudTrailEvent e = EsqlRuns.event(T0.plusSeconds(i), "iam.amazonaws.com", "CreateAccessKey", IAM_USER,
                    "192.0.2.10", uas[i], "us-east-1", "");
            Object row = q.rows(e);
            assertThat(Arrays.asList((Object[]) row)).as("row %d", i).contains(expected[i]);
            Object back = travel(q, row);
            assertThat(Arrays.deepEquals(new Object[] {back}, new Object[] {row})).as("row %d", i).isTrue();
        }
    }
}
