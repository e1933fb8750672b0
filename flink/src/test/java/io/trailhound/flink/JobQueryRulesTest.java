package io.trailhound.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.testkit.CloudTrailFiles;
import io.trailhound.core.testkit.CloudTrailRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rules whose decisions span many events, in the job as in a scan: Elastic ES|QL rules over windows
 * of rows (their rows carried between operators, every value type, MV_EXPAND, NOW()), and Elastic's
 * {@code max_signals} on a stateless rule, a threshold rule (counted by rule after their parallel
 * groups) and an ES|QL rule (counted in its group), reading files once at parallelism 1 and 2, and
 * (but for the threshold rule) with event time advancing as the records come.
 */
class JobQueryRulesTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = TestClusters.withSlots(2);

    static final Instant T0 = Instant.parse("2026-11-01T09:00:00Z");

    @TempDir
    static Path dir;
    static Path logs;
    static Path rules;

    static String toml(String id, String name, String body) {
        return """
                [metadata]
                creation_date = "2024/01/01"
                maturity = "production"

                [rule]
                author = ["Trailhound"]
                description = "Test rule."
                name = "%s"
                risk_score = 47
                rule_id = "00000000-0000-0000-0000-0000000000%s"
                severity = "medium"
                %s
                """.formatted(name, id, body);
    }

    static String esql(String interval, String extra, String query) {
        return """
                type = "esql"
                language = "esql"
                from = "now-30m"
                interval = "%s"
                %s
                query = '''
                %s
                '''
                """.formatted(interval, extra, query);
    }

    @BeforeAll
    static void write() throws Exception {
        logs = Files.createDirectories(dir.resolve("logs"));
        rules = Files.createDirectories(dir.resolve("rules"));
        Files.writeString(rules.resolve("sliced.toml"), toml("a1", "ESQL keys by address", esql("5m", "",
                "FROM logs-aws.cloudtrail-* | WHERE event.action == \"CreateAccessKey\" "
                        + "| EVAL n = TO_LONG(user_agent.original), x = TO_DOUBLE(user_agent.original), big = n > 5, "
                        + "arns = aws.cloudtrail.resources.arn "
                        + "| STATS c = COUNT(*), s = SUM(n), avg = AVG(x), bigs = COUNT(*) WHERE big, first = MIN(@timestamp), "
                        + "all = VALUES(arns) BY source.ip | WHERE c >= 3")));
        String expanded = "FROM logs-aws.cloudtrail-* | WHERE event.action == \"CreateAccessKey\" "
                + "| EVAL arn = aws.cloudtrail.resources.arn | MV_EXPAND arn "
                + "| STATS c = COUNT(*) BY arn | EVAL checked = NOW() | SORT c DESC, arn";
        Files.writeString(rules.resolve("expanded.toml"), toml("a2", "ESQL resources now", esql("10m", "max_signals = 1",
                expanded)));
        Files.writeString(rules.resolve("expanded-all.toml"), toml("a5", "ESQL resources all", esql("10m", "", expanded)));
        Files.writeString(rules.resolve("listing.toml"), toml("a3", "Listing limited", """
                type = "query"
                language = "kuery"
                interval = "5m"
                max_signals = 2
                query = 'event.action: "ListBuckets"'
                """));
        Files.writeString(rules.resolve("threshold.toml"), toml("a4", "Keys threshold limited", """
                type = "threshold"
                language = "kuery"
                from = "now-30m"
                interval = "10m"
                max_signals = 1
                query = 'event.action: "CreateAccessKey"'
                [rule.threshold]
                field = ["source.ip"]
                value = 2
                """));
        // Two hours, a record every 30 s, in time order in one file: CreateAccessKey from two
        // addresses with 0, 1 or 2 resources and numeric or text user agents; ListBuckets in bursts.
        String[] uas = {"17", "2.5", "x", "9000000000"};
        List<CloudTrailRecord> records = new ArrayList<>();
        for (int i = 0; i < 240; i++) {
            String at = T0.plusSeconds(30L * i).toString();
            CloudTrailRecord r;
            if (i % 4 == 3) {
                r = CloudTrailRecord.event("ListBuckets").source("s3.amazonaws.com").iamUser("bob", "AKIABOBBOBBOBBOBBOB1");
            } else {
                r = CloudTrailRecord.event("CreateAccessKey").source("iam.amazonaws.com").userAgent(uas[i % uas.length])
                        .ip(i % 2 == 0 ? "198.51.100.20" : "192.0.2.10").iamUser("alice", "AKIAALICEALICEALICE1");
                if (i % 3 > 0) {
                    List<Map<String, String>> res = new ArrayList<>();
                    res.add(Map.of("ARN", "arn:aws:iam::111122223333:user/a"));
                    if (i % 3 == 2) {
                        res.add(Map.of("ARN", "arn:aws:iam::111122223333:user/b" + (i % 2)));
                    }
                    r = r.set("/resources", res);
                }
            }
            records.add(r.at(at).id(CloudTrailRecord.uuid(i + 1)));
        }
        CloudTrailFiles.s3(logs.resolve("trail.json"), records.toArray(new CloudTrailRecord[0]));
    }

    static long count(List<String> alerts, String rule) {
        return alerts.stream().filter(l -> l.contains("\"rule\":\"" + rule + "\"")).count();
    }

    @Test
    void readingOnceTheJobRaisesTheScansAlertsAtParallelism1And2() throws Exception {
        JobOptions o = JobRuns.options(logs, List.of("elastic:" + rules));
        JobRuns.Output scan = JobRuns.scan(o);
        // Not vacuous: each rule alerts, and max_signals drops some of each limited rule's alerts.
        assertThat(count(scan.alerts(), "ESQL keys by address")).isGreaterThan(10);
        // counted in the order the executions raise them: a new 10-minute interval starts a new count
        assertThat(count(scan.alerts(), "ESQL resources now")).isPositive()
                .isLessThan(count(scan.alerts(), "ESQL resources all"));
        assertThat(count(scan.alerts(), "Listing limited")).isEqualTo(2 * 24); // 2 of 2.5 per 5 min
        assertThat(count(scan.alerts(), "Keys threshold limited")).isBetween(1L, 12L);
        assertThat(scan.alerts()).anyMatch(l -> l.contains("\"checked\":") && l.contains("\"arn\":\"arn:aws:iam::111122223333:user/b1\""));
        for (int p : new int[] {1, 2}) {
            JobRuns.Output job = JobRuns.job(o, p, dir.resolve("once-p" + p));
            assertThat(job.alerts()).as("parallelism %d", p).containsExactlyElementsOf(scan.alerts());
        }
    }

    @Test
    void withEventTimeAdvancingQueryExecutionsStillComeOnceEach() throws Exception {
        JobOptions o = JobRuns.options(logs, List.of("elastic:" + rules));
        JobRuns.Output scan = JobRuns.scan(o);
        o.decideAtEnd = false; // decisions follow event time, the attribution wait behind it
        o.outOfOrderness = Duration.ofMinutes(1);
        o.attributionWait = Duration.ofMinutes(5);
        JobRuns.Output job = JobRuns.job(o, 2, dir.resolve("advancing"));
        // Threshold groups are left out here: replaying their look-back at each decision does not
        // give back where the scan's group last fired (see the README).
        java.util.function.Predicate<String> notThreshold = l -> !l.contains("\"rule\":\"Keys threshold limited\"");
        assertThat(job.alerts().stream().filter(notThreshold).toList())
                .containsExactlyElementsOf(scan.alerts().stream().filter(notThreshold).toList());
        assertThat(count(job.alerts(), "ESQL keys by address")).isGreaterThan(10);
    }
}
