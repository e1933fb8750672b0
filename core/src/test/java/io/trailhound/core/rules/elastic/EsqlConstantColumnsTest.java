package io.trailhound.core.rules.elastic;

import static io.trailhound.core.rules.elastic.CloudTrailRecords.IAM_USER;
import static io.trailhound.core.rules.elastic.EsqlRuns.event;
import static io.trailhound.core.rules.elastic.EsqlRuns.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.ir.CompiledRule;
import io.trailhound.core.rules.ir.Predicate;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A query that wants two distinct values of a column that is one value on every CloudTrail row
 * (an EVAL over {@code data_stream.dataset}), or a positive sum of one that is 0, can never alert:
 * its prefilter is FALSE, so no event reaches it; a threshold that value passes, or a column that
 * varies, keeps the query as it was.
 */
class EsqlConstantColumnsTest {
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

    private static final String QUERY = """
            FROM logs-aws.cloudtrail-*
            | WHERE event.action == "GetSecretValue"
            | EVAL vendor = CASE(data_stream.dataset == "aws.cloudtrail", "aws", "other"), other = vendor
            | STATS vendors = COUNT_DISTINCT(%s), n = COUNT(*) BY source.ip
            | WHERE %s
            """;

    private static CompiledRule rule(String counted, String where) {
        return EsqlSemanticsTest.rule(QUERY.formatted(counted, where));
    }

    private static List<CloudTrailEvent> secrets() {
        return List.of(secret(0, "GetSecretValue"), secret(30, "GetSecretValue"));
    }

    private static CloudTrailEvent secret(long s, String name) {
        return event(T0.plusSeconds(s), "secretsmanager.amazonaws.com", name, IAM_USER, EvidenceCase.IP, "");
    }

    @Test
    void twoValuesOfAConstantColumnNeverPass() {
        for (String where : List.of("vendors >= 2", "2 <= vendors", "vendors > 1", "vendors == 3")) {
            CompiledRule r = rule("other", where);
            assertThat(r.condition()).as(where).isEqualTo(Predicate.Const.FALSE);
            assertThat(run(r, secrets())).as(where).isEmpty();
        }
        assertThat(rule("data_stream.dataset", "vendors >= 2").condition()).isEqualTo(Predicate.Const.FALSE);
    }

    @Test
    void whatOneValuePassesStays() {
        for (String where : List.of("vendors >= 1", "vendors < 2", "vendors == 1")) {
            CompiledRule r = rule("other", where);
            assertThat(r.condition()).as(where).isNotEqualTo(Predicate.Const.FALSE);
            assertThat(run(r, secrets())).as(where).isNotEmpty();
        }
    }

    @Test
    void aPositiveSumOfZeroNeverPasses() {
        String sum = """
                FROM logs-aws.cloudtrail-*
                | WHERE event.action == "GetSecretValue"
                | EVAL gcp = data_stream.dataset == "gcp.audit", aws = NOT gcp
                | STATS from_gcp = SUM(CASE(gcp, 1, 0)), from_aws = SUM(CASE(aws, 1, 0)) BY source.ip
                | WHERE %s
                """;
        for (String where : List.of("from_gcp > 0", "from_gcp >= 1", "0 < from_gcp", "from_aws > 0 AND from_gcp > 0")) {
            CompiledRule r = EsqlSemanticsTest.rule(sum.formatted(where));
            assertThat(r.condition()).as(where).isEqualTo(Predicate.Const.FALSE);
            assertThat(run(r, secrets())).as(where).isEmpty();
        }
        for (String where : List.of("from_gcp >= 0", "from_aws > 0", "from_gcp < 1")) {
            CompiledRule r = EsqlSemanticsTest.rule(sum.formatted(where));
            assertThat(r.condition()).as(where).isNotEqualTo(Predicate.Const.FALSE);
            assertThat(run(r, secrets())).as(where).isNotEmpty();
        }
    }

    @Test
    void peerRulesThatNeedAnotherSourceAreNeverLookedAt() {
        for (String name : List.of("Multiple Cloud Secrets Accessed by Source Address",
                "AWS EC2 LOLBin Execution via SSM SendCommand")) {
            assertThat(EsqlRuns.rule(name).condition()).as(name).isEqualTo(Predicate.Const.FALSE);
        }
    }

    @Test
    void columnsThatVaryStay() {
        CompiledRule r = rule("event.action", "vendors >= 2");
        assertThat(r.condition()).isNotEqualTo(Predicate.Const.FALSE);
        CompiledRule byName = EsqlSemanticsTest.rule("""
                FROM logs-aws.cloudtrail-*
                | WHERE event.provider == "secretsmanager.amazonaws.com"
                | EVAL vendor = CASE(data_stream.dataset == "aws.cloudtrail", event.action, "other")
                | STATS vendors = COUNT_DISTINCT(vendor) BY source.ip
                | WHERE vendors >= 2
                """);
        assertThat(byName.condition()).isNotEqualTo(Predicate.Const.FALSE);
        assertThat(run(byName, List.of(secret(0, "GetSecretValue"), secret(30, "ListSecrets")))).isNotEmpty();
    }
}
