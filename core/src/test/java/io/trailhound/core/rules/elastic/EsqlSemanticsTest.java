package io.trailhound.core.rules.elastic;

import static io.trailhound.core.rules.elastic.CloudTrailRecords.IAM_USER;
import static io.trailhound.core.rules.elastic.EsqlRuns.event;
import static io.trailhound.core.rules.elastic.EsqlRuns.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.alert.Alert;
import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.LoadProblem;
import io.trailhound.core.rules.LoadResult;
import io.trailhound.core.rules.RuleFile;
import io.trailhound.core.rules.engine.DetectionStage;
import io.trailhound.core.rules.engine.Detector;
import io.trailhound.core.rules.engine.RuleSet;
import io.trailhound.core.rules.ir.CompiledRule;
import io.trailhound.core.rules.ir.Predicates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** ES|QL's semantics on small rules written here: null, multi-values, patterns, windows, NOW(), errors. */
class EsqlSemanticsTest {
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    private static final String IP = EvidenceCase.IP;

    static String toml(String from, String interval, String extra, String query) {
        return """
                [metadata]
                creation_date = "2024/01/01"
                maturity = "production"

                [rule]
                author = ["Trailhound"]
                description = "ES|QL test rule."
                name = "ESQL Test"
                risk_score = 47
                rule_id = "00000000-0000-0000-0000-0000000000e1"
                severity = "medium"
                type = "esql"
                language = "esql"
                from = "%s"
                interval = "%s"
                %s
                query = '''
                %s
                '''
                """.formatted(from, interval, extra, query);
    }

    static CompiledRule rule(String query) {
        return rule("now-6m", "5m", query);
    }

    static CompiledRule rule(String from, String interval, String query) {
        return EsqlRuns.load("t.toml", toml(from, interval, "", query));
    }

    static LoadResult load(String query) {
        return new ElasticFrontEnd().load(List.of(new RuleFile("t.toml", toml("now-6m", "5m", "", query))));
    }

    private static CloudTrailEvent key(String target, long second) {
        return event(T0.plusSeconds(second), "iam.amazonaws.com", "CreateAccessKey", IAM_USER, IP,
                target == null ? "" : "\"requestParameters\":{\"userName\":\"" + target + "\"}");
    }

    @Test
    void whereKeepsOnlyTrueRowsSoNotOfAMissingFieldIsNull() {
        CompiledRule r = rule("FROM logs-aws.cloudtrail-* | WHERE event.action == \"CreateAccessKey\" "
                + "AND NOT user.target.name == \"alice\"");
        assertThat(run(r, key("bob", 0))).hasSize(1);
        assertThat(run(r, key("alice", 0))).isEmpty();
        assertThat(run(r, key(null, 0))).as("null == x is null, NOT null is null").isEmpty();
        CompiledRule orNull = rule("FROM logs-aws.cloudtrail-* | WHERE user.target.name IS NULL OR "
                + "user.target.name != \"alice\"");
        assertThat(run(orNull, key(null, 0))).hasSize(1);
        assertThat(Predicates.requiredEventNames(r.condition())).as("indexed by event name").isEqualTo(
                Set.of("createaccesskey"));
    }

    @Test
    void aMultiValuedFieldIsNullInAComparisonButCountsInMvFunctionsAndValues() {
        String two = "\"resources\":[{\"ARN\":\"arn:aws:s3:::a\"},{\"ARN\":\"arn:aws:s3:::b\"}]";
        String one = "\"resources\":[{\"ARN\":\"arn:aws:s3:::a\"}]";
        CompiledRule eq = rule("FROM logs-aws.cloudtrail-* | WHERE aws.cloudtrail.resources.arn == \"arn:aws:s3:::a\"");
        assertThat(run(eq, event(T0, "s3.amazonaws.com", "GetObject", IAM_USER, IP, one))).hasSize(1);
        assertThat(run(eq, event(T0, "s3.amazonaws.com", "GetObject", IAM_USER, IP, two))).isEmpty();
        CompiledRule mv = rule("FROM logs-aws.cloudtrail-* | EVAL n = MV_COUNT(aws.cloudtrail.resources.arn), "
                + "f = MV_FIRST(aws.cloudtrail.resources.arn) | WHERE n == 2 | KEEP n, f");
        List<Alert> a = run(mv, event(T0, "s3.amazonaws.com", "GetObject", IAM_USER, IP, two));
        assertThat(a).singleElement().satisfies(x -> assertThat(x.outputFields()).containsEntry("n", "2")
                .containsEntry("f", "arn:aws:s3:::a"));
        CompiledRule values = rule("FROM logs-aws.cloudtrail-* | STATS arns = VALUES(aws.cloudtrail.resources.arn), "
                + "c = COUNT(aws.cloudtrail.resources.arn), rows = COUNT(*) BY user.name");
        assertThat(run(values, event(T0.plusSeconds(1), "s3.amazonaws.com", "GetObject", IAM_USER, IP, two),
                event(T0.plusSeconds(2), "s3.amazonaws.com", "GetObject", IAM_USER, IP, one)))
                .singleElement().satisfies(x -> assertThat(x.context())
                        .containsEntry("arns", "[\"arn:aws:s3:::a\",\"arn:aws:s3:::b\"]").containsEntry("c", "3")
                        .containsEntry("rows", "2").containsEntry("user.name", "alice"));
    }

    @Test
    void likeAndRlikeAreCaseSensitiveWholeValueMatches() {
        CompiledRule like = rule("FROM logs-aws.cloudtrail-* | WHERE user_agent.original LIKE \"*Terraform*\"");
        assertThat(run(like, event(T0, "ec2.amazonaws.com", "RunInstances", IAM_USER, IP, "APN/1.0 HashiCorp/1.0 Terraform/1.5",
                "us-east-1", ""))).hasSize(1);
        assertThat(run(like, event(T0, "ec2.amazonaws.com", "RunInstances", IAM_USER, IP, "terraform/1.5", "us-east-1",
                ""))).isEmpty();
        CompiledRule rlike = rule("FROM logs-aws.cloudtrail-* | WHERE user_agent.original RLIKE \"\"\"aws-cli/2\\..*\"\"\"");
        assertThat(run(rlike, event(T0, "ec2.amazonaws.com", "RunInstances", IAM_USER, IP, "aws-cli/2.15 Python",
                "us-east-1", ""))).hasSize(1);
        assertThat(run(rlike, event(T0, "ec2.amazonaws.com", "RunInstances", IAM_USER, IP, "x aws-cli/2.15", "us-east-1",
                ""))).as("whole value").isEmpty();
        assertThat(run(rlike, event(T0, "ec2.amazonaws.com", "RunInstances", IAM_USER, IP, "aws-cli/2x15", "us-east-1",
                ""))).as("\\. is a dot").isEmpty();
    }

    @Test
    void kqlInsideEsqlMeansWhatAKqlRuleMeans() {
        CompiledRule r = rule("FROM logs-aws.cloudtrail-* | WHERE KQL(\"\"\"event.action: Create* and not "
                + "user.target.name: alice\"\"\")");
        assertThat(run(r, key("bob", 0))).hasSize(1);
        assertThat(run(r, key(null, 0))).as("KQL's not holds on a missing field").hasSize(1);
        assertThat(run(r, key("alice", 0))).isEmpty();
    }

    @Test
    void eachExecutionCoversTheLookBackEveryIntervalInEventTime() {
        String q = "FROM logs-aws.cloudtrail-* | WHERE event.action == \"CreateAccessKey\" "
                + "| STATS n = COUNT(*) BY user.name | WHERE n >= 3";
        CompiledRule r = rule("now-10m", "5m", q);
        // 10:01, 10:04, 10:09: the execution at 10:10 looks back to 10:00 and sees all three.
        List<Alert> inOne = run(r, key("b", 60), key("b", 240), key("b", 540));
        assertThat(inOne).singleElement().satisfies(a -> {
            assertThat(a.context()).containsEntry("n", "3").containsEntry("events", "3");
            assertThat(a.event().time()).isEqualTo("2024-05-01T10:09:00Z"); // on the latest event
        });
        // 10:00:30, 10:04, 10:12: within 11.5 minutes, but no execution's ten minutes hold all three.
        assertThat(run(r, key("b", 30), key("b", 240), key("b", 720))).isEmpty();
    }

    @Test
    void nowIsTheExecutionTimeAndOverlappingLookBacksRepeatARowAsKibanaDoes() {
        String stats = "FROM logs-aws.cloudtrail-* | WHERE event.action == \"CreateAccessKey\" "
                + "| STATS last = MAX(@timestamp) BY user.name";
        CloudTrailEvent one = key("b", 60);
        // from now-30m every 5m: the executions at 10:05, 10:10, ... 10:30 all see the 10:01 event.
        assertThat(run(rule("now-30m", "5m", stats), one)).hasSize(6);
        List<Alert> guarded = run(rule("now-30m", "5m", stats + " | WHERE last >= NOW() - 5 minutes"), one);
        assertThat(guarded).singleElement().satisfies(a -> assertThat(a.context())
                .containsEntry("last", "2024-05-01T10:01:00.000Z"));
        CompiledRule perEventNow = rule("now-30m", "5m", "FROM logs-aws.cloudtrail-* | WHERE "
                + "event.action == \"CreateAccessKey\" AND @timestamp >= NOW() - 2 minutes");
        assertThat(run(perEventNow, one)).as("10:01 is not within 2 minutes of any execution").isEmpty();
        assertThat(run(perEventNow, key("b", 240))).as("10:04 is, for the one at 10:05").hasSize(1);
    }

    @Test
    void maxSignalsCapsAlertsPerInterval() {
        String q = "FROM logs-aws.cloudtrail-* | WHERE event.action == \"CreateAccessKey\" "
                + "| STATS n = COUNT(*) BY user.target.name";
        CompiledRule r = EsqlRuns.load("t.toml", toml("now-6m", "5m", "max_signals = 1", q));
        List<Alert> out = new ArrayList<>();
        DetectionStage stage = DetectionStage.inMemory(new Detector(new RuleSet(List.of(r))), null, out::add);
        for (CloudTrailEvent e : List.of(key("b", 60), key("c", 120))) {
            stage.accept(e, stage.prepare(e));
        }
        stage.finish();
        assertThat(out).hasSize(1);
        assertThat(stage.suppressed()).isEqualTo(1);
    }

    @Test
    void processingCommandsAndFunctions() {
        CompiledRule r = rule("""
                FROM logs-aws.cloudtrail-*
                | WHERE event.provider == "iam.amazonaws.com"
                | DISSECT aws.cloudtrail.request_parameters "{userName=%{who}}"
                | GROK user_agent.original "%{NOTSPACE:tool}/%{NOTSPACE:version} %{GREEDYDATA:rest}"
                | EVAL who = COALESCE(who, "nobody"), tool = TO_UPPER(tool), len = LENGTH(who),
                       kind = CASE(STARTS_WITH(who, "svc-"), "service", ENDS_WITH(who, "-admin"), "admin", "person"),
                       minute = DATE_TRUNC(1 minute, @timestamp), label = CONCAT(tool, ":", who)
                | RENAME kind AS who_kind
                | DROP rest
                | STATS n = COUNT(*), people = COUNT_DISTINCT(who), first = MIN(@timestamp), last = MAX(@timestamp),
                        total = SUM(len), mean = AVG(len), labels = VALUES(label) BY who_kind, minute
                | EVAL span = DATE_DIFF("seconds", first, last), ratio = TO_DOUBLE(total) / TO_DOUBLE(n)
                | WHERE n >= 2
                | SORT who_kind DESC
                | LIMIT 1
                | KEEP who_kind, n, people, span, ratio, mean, labels, minute
                """);
        List<Alert> a = run(r, key("svc-deploy", 1), key("svc-backup", 20), key("bob-admin", 30), key("carol", 40),
                key("dave", 50));
        assertThat(a).hasSize(1); // one execution, LIMIT 1 after SORT DESC: "service" first
        assertThat(a.get(0).context()).containsEntry("who_kind", "service").containsEntry("n", "2")
                .containsEntry("people", "2").containsEntry("span", "19").containsEntry("ratio", "10.0")
                .containsEntry("mean", "10.0").containsEntry("minute", "2024-05-01T10:00:00.000Z")
                .containsEntry("labels", "[\"AWS-CLI:svc-deploy\",\"AWS-CLI:svc-backup\"]")
                .doesNotContainKey("rest").doesNotContainKey("kind");
        CompiledRule expand = rule("FROM logs-aws.cloudtrail-* | MV_EXPAND aws.cloudtrail.resources.arn "
                + "| WHERE aws.cloudtrail.resources.arn LIKE \"*:b\" | KEEP aws.cloudtrail.resources.arn");
        assertThat(run(expand, event(T0, "s3.amazonaws.com", "GetObject", IAM_USER, IP,
                "\"resources\":[{\"ARN\":\"arn:aws:s3:::a\"},{\"ARN\":\"arn:aws:s3:::b\"}]"))).singleElement()
                .satisfies(x -> assertThat(x.outputFields()).containsEntry("aws.cloudtrail.resources.arn",
                        "arn:aws:s3:::b"));
    }

    @Test
    void aCommandOrFunctionOutsideTheSetLoadsDisabledWithWhereItIs() {
        LoadResult fn = load("FROM logs-aws.cloudtrail-*\n| EVAL h = MD5(user.name)");
        assertThat(fn.errors()).isEmpty();
        assertThat(fn.rules()).singleElement().satisfies(c -> {
            assertThat(c.info().enabled()).isFalse();
            assertThat(c.info().disabledReason()).contains("MD5()").contains("not supported");
        });
        assertThat(fn.problems()).filteredOn(p -> p.code().equals("ELASTIC_ESQL_UNSUPPORTED")).singleElement()
                .satisfies(p -> {
                    assertThat(p.level()).isEqualTo(LoadProblem.Level.WARNING);
                    assertThat(p.line()).isEqualTo(19); // the EVAL line of the file
                    assertThat(p.column()).isEqualTo(12);
                });
        LoadResult command = load("FROM logs-aws.cloudtrail-* | LOOKUP JOIN hosts ON source.ip");
        assertThat(command.rules()).singleElement().satisfies(c -> assertThat(c.info().disabledReason())
                .contains("LOOKUP"));
    }

    @Test
    void aMalformedQueryIsAnErrorAtItsLine() {
        LoadResult r = load("FROM logs-aws.cloudtrail-*\n| WHERE event.action == \n| STATS c = COUNT(*)");
        assertThat(r.rules()).isEmpty();
        assertThat(r.errors()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo("ELASTIC_ESQL_SYNTAX");
            assertThat(p.line()).isEqualTo(20); // where the value should have been, the next line's '|'
        });
        LoadResult deep = load("FROM logs-aws.cloudtrail-* | WHERE " + "(".repeat(700) + "true" + ")".repeat(700));
        assertThat(deep.errors()).singleElement().satisfies(p -> assertThat(p.message()).contains("deeper"));
        LoadResult longChain = load("FROM logs-aws.cloudtrail-* | WHERE " + "event.action == \"x\" OR ".repeat(5000)
                + "true");
        assertThat(longChain.errors()).singleElement().satisfies(p -> assertThat(p.message()).contains("in a row"));
        LoadResult fine = load("FROM logs-aws.cloudtrail-* | WHERE " + "event.action == \"x\" OR ".repeat(900)
                + "true");
        assertThat(fine.errors()).isEmpty();
    }

    @Test
    void otherIndicesAreNotedAndTheirLegsNeverMatch() {
        CompiledRule r = rule("FROM logs-aws.cloudtrail-*, logs-okta.system-* | WHERE "
                + "(data_stream.dataset == \"okta.system\" AND event.action == \"user.session.start\") OR "
                + "(data_stream.dataset == \"aws.cloudtrail\" AND event.action == \"ConsoleLogin\")");
        assertThat(r.info().needs()).anyMatch(n -> n.contains("logs-okta.system-*"));
        assertThat(Predicates.requiredEventNames(r.condition())).isEqualTo(Set.of("consolelogin"));
        LoadResult none = load("FROM logs-okta.system-* | WHERE event.action == \"x\"");
        assertThat(none.rules()).singleElement().satisfies(c -> assertThat(c.info().disabledReason())
                .contains("not CloudTrail"));
    }
}
