package io.trailhound.core.rules.elastic;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.rules.LoadProblem;
import io.trailhound.core.rules.LoadResult;
import io.trailhound.core.rules.RuleFile;
import io.trailhound.core.rules.TestEvents;
import io.trailhound.core.rules.ir.CompiledRule;
import io.trailhound.core.rules.ir.RuleFormat;
import io.trailhound.core.Severity;
import io.trailhound.core.rules.ir.Stateful;
import io.trailhound.core.rules.ir.Threat;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Loading rule TOML: metadata, types, stateful operators, errors with positions. */
class ElasticFrontEndTest {
    private static final String HEAD = """
            [metadata]
            creation_date = "2024/01/01"
            maturity = "production"

            [rule]
            author = ["Elastic", "Someone"]
            description = "Test rule."
            name = "Test Rule"
            risk_score = 47
            rule_id = "00000000-0000-0000-0000-000000000001"
            severity = "medium"
            tags = ["Domain: Cloud", "Data Source: AWS"]
            """;

    private static LoadResult load(String toml) {
        return new ElasticFrontEnd().load(List.of(new RuleFile("rules/test.toml", toml)));
    }

    private static CompiledRule only(String toml) {
        LoadResult r = load(toml);
        assertThat(r.errors()).isEmpty();
        assertThat(r.rules()).hasSize(1);
        return r.rules().get(0);
    }

    @Test
    void acceptsTomlFilesOnly() {
        ElasticFrontEnd fe = new ElasticFrontEnd();
        assertThat(fe.format()).isEqualTo(RuleFormat.ELASTIC);
        assertThat(fe.accepts(Path.of("x/rule.toml"))).isTrue();
        assertThat(fe.accepts(Path.of("x/rule.TOML"))).isTrue();
        assertThat(fe.accepts(Path.of("x/rule.yaml"))).isFalse();
    }

    @Test
    void queryRuleInfoComesFromTheToml() {
        CompiledRule r = only(HEAD + """
                type = "query"
                language = "kuery"
                from = "now-9m"
                interval = "5m"
                building_block_type = "default"
                query = '''
                event.dataset: "aws.cloudtrail" and event.action: "DeleteTrail"
                '''

                [[rule.threat]]
                framework = "MITRE ATT&CK"
                [[rule.threat.technique]]
                id = "T1562"
                name = "Impair Defenses"
                [[rule.threat.technique.subtechnique]]
                id = "T1562.008"
                name = "Disable or Modify Cloud Logs"
                [rule.threat.tactic]
                id = "TA0005"
                name = "Defense Evasion"

                [rule.investigation_fields]
                field_names = ["user.name", "source.ip"]
                """);
        var info = r.info();
        assertThat(info.id()).isEqualTo("00000000-0000-0000-0000-000000000001");
        assertThat(info.name()).isEqualTo("Test Rule");
        assertThat(info.format()).isEqualTo(RuleFormat.ELASTIC);
        assertThat(info.line()).isEqualTo(5);
        assertThat(info.priority()).isEqualTo("medium");
        assertThat(info.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(info.riskScore()).isEqualTo(47);
        assertThat(info.tags()).containsExactly("Domain: Cloud", "Data Source: AWS");
        assertThat(info.author()).containsExactly("Elastic", "Someone");
        assertThat(info.threat()).containsExactly(new Threat("TA0005", "Defense Evasion", "T1562", "Impair Defenses",
                "T1562.008", "Disable or Modify Cloud Logs"));
        assertThat(info.enabled()).isTrue();
        assertThat(info.extra()).containsEntry("type", "query").containsEntry("language", "kuery")
                .containsEntry("from", "now-9m").containsEntry("interval", "5m").containsEntry("max_signals", "100")
                .containsEntry("building_block_type", "default");
        assertThat(r.stateful()).isNull();
        var event = TestEvents.parse("""
                {"eventTime":"2024-05-01T10:00:00Z","eventID":"e1","eventSource":"cloudtrail.amazonaws.com",
                 "eventName":"DeleteTrail","sourceIPAddress":"198.51.100.7",
                 "userIdentity":{"type":"IAMUser","userName":"alice","arn":"arn:aws:iam::1:user/alice"}}
                """);
        assertThat(r.condition().test(event)).isTrue();
        assertThat(r.output().render(event)).isEqualTo("Test Rule: DeleteTrail by alice from 198.51.100.7");
        assertThat(r.output().fields(event)).containsEntry("user.name", "alice").containsEntry("source.ip", "198.51.100.7");
    }

    @Test
    void outputFieldsFallBackToTheQueryFieldsAndShowLongParametersWhole() {
        CompiledRule r = only(HEAD + """
                type = "query"
                language = "kuery"
                query = 'event.action: "PutBucketPolicy" and aws.cloudtrail.request_parameters: *Allow*'
                """);
        var event = TestEvents.parse("{\"eventTime\":\"2024-05-01T10:00:00Z\",\"eventID\":\"e1\","
                + "\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"PutBucketPolicy\",\"sourceIPAddress\":"
                + "\"s3.amazonaws.com\",\"userIdentity\":{\"type\":\"AssumedRole\",\"arn\":"
                + "\"arn:aws:sts::1:assumed-role/Ops/bob\"},\"requestParameters\":{\"policy\":\""
                + "Allow".repeat(2000) + "\"}}");
        assertThat(r.condition().test(event)).as("over ignore_above: not searchable").isFalse();
        assertThat(r.output().fields(event)).containsOnlyKeys("event.action", "aws.cloudtrail.request_parameters");
        assertThat(r.output().fields(event).get("aws.cloudtrail.request_parameters")).hasSize(10_009);
        assertThat(r.output().render(event))
                .isEqualTo("Test Rule: PutBucketPolicy by arn:aws:sts::1:assumed-role/Ops/bob from s3.amazonaws.com");
    }

    @Test
    void newTermsAndThresholdBecomeStatefulOperators() {
        CompiledRule nt = only(HEAD + """
                type = "new_terms"
                language = "kuery"
                query = 'event.action: "GetSecretValue"'
                [rule.new_terms]
                field = "new_terms_fields"
                value = ["cloud.account.id", "user.name"]
                [[rule.new_terms.history_window_start]]
                field = "history_window_start"
                value = "now-5d"
                """);
        Stateful.NewTerms n = (Stateful.NewTerms) nt.stateful();
        assertThat(n.fields()).extracting(a -> a.name()).containsExactly("cloud.account.id", "user.name");
        assertThat(n.history()).isEqualTo(Duration.ofDays(5));
        assertThat(nt.info().extra()).containsEntry("history_window_start", "now-5d");

        CompiledRule th = only(HEAD + """
                type = "threshold"
                language = "kuery"
                from = "now-30m"
                query = 'event.action: "GetSecretValue"'
                [rule.threshold]
                field = ["user.id"]
                value = 1
                [[rule.threshold.cardinality]]
                field = "aws.cloudtrail.request_parameters"
                value = 20
                """);
        Stateful.Threshold t = (Stateful.Threshold) th.stateful();
        assertThat(t.groupBy()).extracting(a -> a.name()).containsExactly("user.id");
        assertThat(t.window()).isEqualTo(Duration.ofMinutes(30));
        assertThat(t.count().holds(1)).isTrue();
        assertThat(t.count().holds(0)).isFalse();
        assertThat(t.cardinalityField().name()).isEqualTo("aws.cloudtrail.request_parameters");
        assertThat(t.cardinality().holds(20)).isTrue();
        assertThat(t.cardinality().holds(19)).isFalse();
    }

    @Test
    void unsupportedTypesLoadDisabledWithTheirReason() {
        LoadResult r = load(HEAD + """
                type = "esql"
                language = "esql"
                query = 'FROM logs-aws.cloudtrail-* | ENRICH hosts ON source.ip | STATS c = COUNT(*) BY user.name'
                """);
        assertThat(r.errors()).isEmpty();
        assertThat(r.rules()).singleElement().satisfies(c -> {
            assertThat(c.info().enabled()).isFalse();
            assertThat(c.info().disabledReason()).contains("ES|QL").contains("ENRICH");
        });
        assertThat(r.problems()).anyMatch(p -> p.level() == LoadProblem.Level.WARNING
                && p.code().equals("ELASTIC_ESQL_UNSUPPORTED") && p.column() == 30);
        CompiledRule ml = only(HEAD + """
                type = "machine_learning"
                machine_learning_job_id = ["rare_error_code"]
                anomaly_threshold = 50
                """);
        assertThat(ml.info().enabled()).isFalse();
        assertThat(ml.info().disabledReason()).contains("machine-learning");
    }

    @Test
    void queryErrorsNameTheFileLineAndRule() {
        LoadResult r = load(HEAD + """
                type = "query"
                language = "kuery"
                query = '''
                event.dataset: "aws.cloudtrail"
                    and event.action: ("A" or "B"
                '''
                """);
        assertThat(r.rules()).isEmpty();
        assertThat(r.errors()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("rules/test.toml");
            assertThat(p.rule()).isEqualTo("Test Rule");
            assertThat(p.code()).isEqualTo("ELASTIC_KQL_SYNTAX");
            assertThat(p.line()).isEqualTo(18);
        });
    }

    @Test
    void badTomlIsAnErrorWithItsLineAndOtherFilesStillLoad() {
        LoadResult r = new ElasticFrontEnd().load(List.of(
                new RuleFile("bad.toml", "[rule]\nname = \"x\"\nrisk_score = = 3\n"),
                new RuleFile("good.toml", HEAD + "type = \"query\"\nlanguage = \"kuery\"\nquery = 'event.action: X'\n")));
        assertThat(r.rules()).hasSize(1);
        assertThat(r.errors()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("bad.toml");
            assertThat(p.code()).isEqualTo("ELASTIC_TOML");
            assertThat(p.line()).isEqualTo(3);
        });
    }

    @Test
    void fieldsNeedingDataOrUnknownAreListedAndWarned() {
        LoadResult r = load(HEAD + """
                type = "query"
                language = "kuery"
                query = 'event.action: X and not source.as.organization.name: Amazon* and not custom.thing: y'
                """);
        CompiledRule c = r.rules().get(0);
        assertThat(c.info().enabled()).isTrue();
        assertThat(c.info().needs()).anyMatch(n -> n.contains("--geoip-asn"))
                .anyMatch(n -> n.startsWith("custom.thing"));
        assertThat(r.problems()).anyMatch(p -> p.level() == LoadProblem.Level.WARNING
                && p.code().equals("ELASTIC_UNKNOWN_FIELD") && p.message().contains("custom.thing"));
        assertThat(r.problems()).anyMatch(p -> p.level() == LoadProblem.Level.NOTICE
                && p.code().equals("ELASTIC_NEEDS_DATA") && p.message().contains("--geoip-asn"));
    }
}
