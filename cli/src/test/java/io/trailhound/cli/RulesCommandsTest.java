package io.trailhound.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailhound.core.testkit.CloudTrailFiles;
import io.trailhound.core.testkit.CloudTrailRecord;
import io.trailhound.core.testkit.Identities;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scan with rules, and the rules subcommands, as a user runs them. */
class RulesCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private static final String MEMBER = "222233334444";
    /** alice (IAM user) assumes Admin in another account, then stops CloudTrail with the role's key. */
    private static final CloudTrailRecord ASSUME = CloudTrailRecord.assumeRole(MEMBER, "Admin", "alice", "ASIAADMIN0000000001", 3600)
            .account(MEMBER).by(Identities.iamUser("111122223333", "alice", "AKIAALICE0000000001"))
            .ip("198.51.100.7").id("00000000-0000-4000-8000-000000000001");
    private static final CloudTrailRecord STOP = CloudTrailRecord.event("StopLogging").source("cloudtrail.amazonaws.com")
            .at("2026-11-01T09:05:00Z").account(MEMBER).assumedRole("Admin", "alice", "ASIAADMIN0000000001", "2026-11-01T09:00:00Z")
            .request("name", "org-trail").ip("198.51.100.7").id("00000000-0000-4000-8000-000000000002");

    private Path events() throws IOException {
        // The role's action is read before the issuance: attribution must still name alice.
        return CloudTrailFiles.jsonLines(tmp.resolve("events.jsonl"), STOP, ASSUME);
    }

    private static List<JsonNode> lines(String out) throws IOException {
        List<JsonNode> l = new ArrayList<>();
        for (String line : out.strip().split("\n")) {
            if (!line.isBlank()) {
                l.add(JSON.readTree(line));
            }
        }
        return l;
    }

    @Test
    void builtinRuleAlertsAsFalcoJsonWithTheOriginBehindTheRole() throws IOException {
        CliRun r = CliRun.of("scan", events().toString(), "--format", "ndjson", "--no-progress",
                "--quarantine", tmp.resolve("q").toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.OK);
        List<JsonNode> alerts = lines(r.out());
        assertThat(alerts).hasSize(1);
        JsonNode a = alerts.get(0);
        for (String key : List.of("time", "rule", "priority", "output", "output_fields", "source", "tags", "eventID",
                "origin", "rule_id", "severity")) {
            assertThat(a.has(key)).as(key).isTrue();
        }
        assertThat(a.path("rule").asText()).isEqualTo("CloudTrail Logging Stopped or Trail Deleted");
        assertThat(a.path("priority").asText()).isEqualTo("Critical");
        assertThat(a.path("source").asText()).isEqualTo("aws_cloudtrail");
        assertThat(a.path("time").asText()).isEqualTo("2026-11-01T09:05:00.000000000Z");
        assertThat(a.path("eventID").asText()).isEqualTo("00000000-0000-4000-8000-000000000002");
        assertThat(a.path("origin").path("arn").asText()).isEqualTo("arn:aws:iam::111122223333:user/alice");
        assertThat(a.path("origin").path("type").asText()).isEqualTo("IAMUser");
        assertThat(a.path("origin").path("confidence").asText()).isEqualTo("exact");
        assertThat(a.path("output").asText()).contains("trail=org-trail")
                .endsWith("origin=arn:aws:iam::111122223333:user/alice (exact, via Admin)");
        assertThat(a.path("output_fields").path("ct.request.name").asText()).isEqualTo("org-trail");
    }

    @Test
    void failOnSetsExitCodeOneOnlyAtOrAboveTheLevel() throws IOException {
        String in = events().toString();
        String q = tmp.resolve("q").toString();
        assertThat(CliRun.of("scan", in, "--fail-on", "critical", "--quarantine", q).exit()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(CliRun.of("scan", in, "--fail-on", "critical", "--disable", "CloudTrail Logging Stopped*",
                "--quarantine", q).exit()).isEqualTo(ExitCodes.OK);
        assertThat(CliRun.of("scan", in, "--fail-on", "nonsense", "--quarantine", q).exit())
                .isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(CliRun.of("scan", in, "--no-builtin", "--fail-on", "info", "--quarantine", q).exit())
                .isEqualTo(ExitCodes.OK);
    }

    @Test
    void jsonFormatCarriesTheAlertsArrayAndDetectionCounts() throws IOException {
        CliRun r = CliRun.of("scan", events().toString(), "--format", "json", "--quarantine", tmp.resolve("q").toString());
        JsonNode j = JSON.readTree(r.out());
        assertThat(j.path("alerts")).hasSize(1);
        assertThat(j.path("detection").path("alerts").asLong()).isEqualTo(1);
        assertThat(j.path("detection").path("rules").path("enabled").asLong()).isPositive();
        assertThat(j.path("detection").path("bySeverity").path("critical").asLong()).isEqualTo(1);
    }

    @Test
    void userFalcoRulesMixWithTheBuiltinPackAndTableEscapesLogFields() throws IOException {
        Path rules = tmp.resolve("mine.yaml");
        Files.writeString(rules, """
                - rule: Any AssumeRole
                  desc: every AssumeRole
                  condition: ct.name="AssumeRole"
                  output: role assumed by %ct.user
                  priority: NOTICE
                  source: aws_cloudtrail
                """);
        Path evil = CloudTrailFiles.jsonLines(tmp.resolve("evil.jsonl"), ASSUME.request("roleSessionName", "a\u001b[31m")
                .by(Identities.iamUser("111122223333", "alice", "AKIAALICE0000000009")));
        CliRun r = CliRun.of("scan", evil.toString(), "--rules", "falco:" + rules, "--quarantine", tmp.resolve("q").toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("Any AssumeRole").doesNotContain("\u001b");
    }

    @Test
    void ruleLoadErrorsNameFileLineAndColumnAndExitTwo() throws IOException {
        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, """
                - rule: Broken
                  desc: bad condition
                  condition: ct.name="X" and and
                  output: x
                  priority: WARNING
                  source: aws_cloudtrail
                """);
        CliRun v = CliRun.of("rules", "validate", bad.toString());
        assertThat(v.exit()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(v.out()).contains(bad + ":3:").contains("Broken");
        CliRun s = CliRun.of("scan", events().toString(), "--rules", "falco:" + bad, "--quarantine", tmp.resolve("q").toString());
        assertThat(s.exit()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(s.err()).contains(bad + ":3:");
        assertThat(CliRun.of("scan", events().toString(), "--rules", "nonsense:" + bad).exit())
                .isEqualTo(ExitCodes.USAGE_OR_INPUT);
    }

    @Test
    void rulesListShowsTheBuiltinPackAndRulesTestExplainsNearMisses() throws IOException {
        CliRun list = CliRun.of("rules", "list", "--format", "json");
        assertThat(list.exit()).isEqualTo(ExitCodes.OK);
        JsonNode rules = JSON.readTree(list.out()).path("rules");
        assertThat(rules.size()).isGreaterThanOrEqualTo(6);
        assertThat(rules.get(0).path("format").asText()).isEqualTo("builtin");

        Path rule = tmp.resolve("r.yaml");
        Files.writeString(rule, """
                - rule: Stop by root
                  desc: x
                  condition: ct.name="StopLogging" and ct.user.identitytype="Root"
                  output: x
                  priority: WARNING
                  source: aws_cloudtrail
                """);
        CliRun t = CliRun.of("rules", "test", rule.toString(), "--events", events().toString(), "--format", "json");
        assertThat(t.exit()).isEqualTo(ExitCodes.OK);
        JsonNode evs = JSON.readTree(t.out()).path("events");
        JsonNode stop = evs.get(0);
        assertThat(stop.path("matched")).isEmpty();
        assertThat(stop.path("nearMisses").get(0).path("failed").get(0).asText())
                .contains("ct.user.identitytype").contains("AssumedRole");
        assertThat(CliRun.of("rules", "test", rule.toString(), "--events", events().toString(), "--expect-match").exit())
                .isEqualTo(ExitCodes.FINDINGS);
    }

    @Test
    void esqlRulesAreListedAndTheirRowsAlertWithTheOriginsOfTheirEvents() throws IOException {
        Path rule = tmp.resolve("stop.toml");
        Files.writeString(rule, """
                [metadata]
                creation_date = "2024/01/01"
                maturity = "production"

                [rule]
                author = ["Trailhound"]
                description = "Logging stopped, counted per principal."
                name = "Logging Stopped per Principal"
                risk_score = 73
                rule_id = "00000000-0000-0000-0000-0000000000e2"
                severity = "high"
                type = "esql"
                language = "esql"
                from = "now-30m"
                interval = "30m"
                query = '''
                FROM logs-aws.cloudtrail-*, logs-okta.system-*
                | WHERE event.action == "StopLogging"
                | STATS Esql.event_count = COUNT(*) BY aws.cloudtrail.user_identity.arn
                '''
                """);
        CliRun list = CliRun.of("rules", "list", "--no-builtin", "--rules", "elastic:" + rule, "--format", "json");
        JsonNode listed = JSON.readTree(list.out()).path("rules").get(0);
        assertThat(listed.path("type").asText()).isEqualTo("esql");
        assertThat(listed.path("enabled").asBoolean()).isTrue();
        assertThat(listed.path("stateful").asText()).isEqualTo("Query");
        assertThat(listed.path("needs").toString()).contains("logs-okta.system-*");
        CliRun scan = CliRun.of("scan", events().toString(), "--no-builtin", "--rules", "elastic:" + rule,
                "--format", "ndjson", "--no-progress", "--quarantine", tmp.resolve("q").toString());
        List<JsonNode> alerts = lines(scan.out());
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.path("rule").asText()).isEqualTo("Logging Stopped per Principal");
            assertThat(a.path("eventID").asText()).isEqualTo("00000000-0000-4000-8000-000000000002");
            assertThat(a.path("origin").path("arn").asText()).isEqualTo("arn:aws:iam::111122223333:user/alice");
            assertThat(a.path("context").path("Esql.event_count").asText()).isEqualTo("1");
            assertThat(a.path("context").path("eventIDs").asText()).isEqualTo("00000000-0000-4000-8000-000000000002");
            assertThat(a.path("context").path("origins").asText()).contains("arn:aws:iam::111122223333:user/alice");
        });
    }

    @Test
    void rulesFieldsPrintsTheFalcoFieldTable() {
        CliRun r = CliRun.of("rules", "fields", "--format", "markdown");
        assertThat(r.exit()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).startsWith("| field | type | description |").contains("`ct.name`").contains("`json.value[...]`");
    }

    @Test
    void falcoFirstMatchingHidesTheRootRuleBehindTheGenericOneOnThePeerFile() throws IOException {
        String shared = System.getProperty("trailhound.shared", "../../shared");
        Path peer = Path.of(shared, "peers", "falco", "aws_cloudtrail_rules.yaml");
        assumeTrue(Files.isRegularFile(peer), "skipped: " + peer + " is absent (CI provides ../shared)");
        Path root = CloudTrailFiles.jsonLines(tmp.resolve("root.jsonl"), CloudTrailRecord.event("ConsoleLogin")
                .source("signin.amazonaws.com").type("AwsConsoleSignIn").root().ip("198.51.100.9")
                .response("ConsoleLogin", "Success").set("/additionalEventData/MFAUsed", "No")
                .id("00000000-0000-4000-8000-000000000003"));
        String q = tmp.resolve("q").toString();
        List<JsonNode> all = lines(CliRun.of("scan", root.toString(), "--no-builtin", "--rules", "falco:" + peer,
                "--format", "ndjson", "--quarantine", q).out());
        assertThat(all).extracting(a -> a.path("rule").asText())
                .containsExactlyInAnyOrder("Console Login Without MFA", "Console Root Login Without MFA");
        List<JsonNode> first = lines(CliRun.of("scan", root.toString(), "--no-builtin", "--rules", "falco:" + peer,
                "--falco-rule-matching", "first", "--format", "ndjson", "--quarantine", q).out());
        assertThat(first).extracting(a -> a.path("rule").asText()).containsExactly("Console Login Without MFA");
        assertThat(first.get(0).path("output").asText()).contains("requesting user=<NA>");
    }
}
