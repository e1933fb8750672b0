package io.trailhound.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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

    /** alice (IAM user) assumes Admin in another account, then stops CloudTrail with the role's key. */
    private static final String ASSUME = """
            {"eventVersion":"1.08","eventTime":"2026-11-01T09:00:00Z","eventID":"00000000-0000-4000-8000-000000000001",
             "eventSource":"sts.amazonaws.com","eventName":"AssumeRole","awsRegion":"us-east-1","eventType":"AwsApiCall",
             "sourceIPAddress":"198.51.100.7","recipientAccountId":"222233334444",
             "userIdentity":{"type":"IAMUser","principalId":"AIDAALICE","arn":"arn:aws:iam::111122223333:user/alice",
               "accountId":"111122223333","accessKeyId":"AKIAALICE0000000001","userName":"alice"},
             "requestParameters":{"roleArn":"arn:aws:iam::222233334444:role/Admin","roleSessionName":"alice"},
             "responseElements":{"credentials":{"accessKeyId":"ASIAADMIN0000000001","expiration":"Nov 1, 2026, 10:00:00 AM",
               "sessionToken":"x"},"assumedRoleUser":{"assumedRoleId":"AROAADMIN:alice",
               "arn":"arn:aws:sts::222233334444:assumed-role/Admin/alice"}}}
            """.replace("\n", "");
    private static final String STOP = """
            {"eventVersion":"1.08","eventTime":"2026-11-01T09:05:00Z","eventID":"00000000-0000-4000-8000-000000000002",
             "eventSource":"cloudtrail.amazonaws.com","eventName":"StopLogging","awsRegion":"us-east-1","eventType":"AwsApiCall",
             "sourceIPAddress":"198.51.100.7","recipientAccountId":"222233334444",
             "userIdentity":{"type":"AssumedRole","principalId":"AROAADMIN:alice",
               "arn":"arn:aws:sts::222233334444:assumed-role/Admin/alice","accountId":"222233334444",
               "accessKeyId":"ASIAADMIN0000000001","sessionContext":{"sessionIssuer":{"type":"Role",
               "principalId":"AROAADMIN","arn":"arn:aws:iam::222233334444:role/Admin","accountId":"222233334444",
               "userName":"Admin"},"attributes":{"creationDate":"2026-11-01T09:00:00Z","mfaAuthenticated":"false"}}},
             "requestParameters":{"name":"org-trail"}}
            """.replace("\n", "");

    private Path events() throws IOException {
        Path f = tmp.resolve("events.jsonl");
        // The role's action is read before the issuance: attribution must still name alice.
        Files.writeString(f, STOP + "\n" + ASSUME + "\n", StandardCharsets.UTF_8);
        return f;
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
        Path evil = tmp.resolve("evil.jsonl");
        Files.writeString(evil, ASSUME.replace("\"roleSessionName\":\"alice\"", "\"roleSessionName\":\"a\\u001b[31m\"")
                .replace("AKIAALICE0000000001", "AKIAALICE0000000009") + "\n");
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
        Path root = tmp.resolve("root.jsonl");
        Files.writeString(root, """
                {"eventVersion":"1.08","eventTime":"2026-11-01T09:00:00Z","eventID":"00000000-0000-4000-8000-000000000003",
                 "eventSource":"signin.amazonaws.com","eventName":"ConsoleLogin","awsRegion":"us-east-1",
                 "eventType":"AwsConsoleSignIn","sourceIPAddress":"198.51.100.9","recipientAccountId":"111122223333",
                 "userIdentity":{"type":"Root","principalId":"111122223333","arn":"arn:aws:iam::111122223333:root",
                   "accountId":"111122223333"},
                 "responseElements":{"ConsoleLogin":"Success"},"additionalEventData":{"MFAUsed":"No"}}
                """.replace("\n", "") + "\n");
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
