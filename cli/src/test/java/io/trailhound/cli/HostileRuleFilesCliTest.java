package io.trailhound.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailhound.core.testkit.CloudTrailFiles;
import io.trailhound.core.testkit.CloudTrailRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile rule files through the CLI (issue 32, items 11 to 14): {@code rules validate} counts each
 * as failed with its position and exits 2; {@code scan} stops with exit 2 after printing them, as
 * it does for any rule error; neither prints a stack trace.
 */
class HostileRuleFilesCliTest {
    private static final Duration BOUND = Duration.ofSeconds(120);

    @TempDir
    Path tmp;

    /** A Falco file, a Sigma file and an Elastic file (each in its own folder), each failing in one way, beside a good rule. */
    private Path rules() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("rules"));
        for (String format : new String[] {"falco", "sigma", "elastic"}) {
            Files.createDirectories(dir.resolve(format));
        }
        StringBuilder macros = new StringBuilder("- macro: m0\n  condition: ct.name = CreateUser\n");
        for (int i = 1; i < 10_000; i++) {
            macros.append("- macro: m").append(i).append("\n  condition: m").append(i - 1).append('\n');
        }
        Files.writeString(dir.resolve("falco/chained.yaml"), macros + """
                - rule: Chained
                  desc: d
                  condition: m9999
                  output: o
                  priority: INFO
                  source: aws_cloudtrail
                - rule: Good
                  desc: d
                  condition: ct.name = CreateUser
                  output: o
                  priority: INFO
                  source: aws_cloudtrail
                """);
        Files.writeString(dir.resolve("sigma/deep.yml"), """
                title: Deep
                id: 11111111-2222-3333-4444-555555555555
                logsource:
                    product: aws
                detection:
                    sel:
                        eventName: CreateUser
                    condition: %ssel%s
                """.formatted("(".repeat(2000), ")".repeat(2000)));
        Files.writeString(dir.resolve("elastic/five.toml"), """
                [rule]
                name = "Five"
                rule_id = "00000000-0000-0000-0000-000000000005"
                type = "query"
                query = 5
                """);
        return dir;
    }

    @Test
    void validateCountsEachHostileRuleAsFailedWithItsPosition() throws IOException {
        Path dir = rules();
        CliRun v = assertTimeoutPreemptively(BOUND, () -> CliRun.of("rules", "validate", "falco:" + dir.resolve("falco"),
                "sigma:" + dir.resolve("sigma"), "elastic:" + dir.resolve("elastic"), "--format", "json"));
        assertThat(v.exit()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        JsonNode out = new ObjectMapper().readTree(v.out());
        assertThat(out.path("failed").asInt()).isEqualTo(3);
        assertThat(out.path("loaded").asInt()).isEqualTo(1);
        assertThat(v.out() + v.err()).doesNotContain("Exception").doesNotContain("\tat ");
        CliRun table = CliRun.of("rules", "validate", "falco:" + dir.resolve("falco"), "sigma:" + dir.resolve("sigma"),
                "elastic:" + dir.resolve("elastic"));
        assertThat(table.out()).contains(dir.resolve("falco/chained.yaml") + ":20003:14: error: rule 'Chained'")
                .contains(dir.resolve("sigma/deep.yml") + ":8: error: rule 'Deep'")
                .contains(dir.resolve("elastic/five.toml") + ":5:9: error: rule.query must be a string");
    }

    @Test
    void scanStopsWithExitTwoAfterPrintingThem() throws IOException {
        Path dir = rules();
        Path events = CloudTrailFiles.jsonLines(tmp.resolve("events.jsonl"),
                CloudTrailRecord.event("CreateUser").source("iam.amazonaws.com").iamUser("alice", null).id("e1"));
        CliRun s = assertTimeoutPreemptively(BOUND, () -> CliRun.of("scan", events.toString(), "--rules",
                "falco:" + dir.resolve("falco"), "--rules", "sigma:" + dir.resolve("sigma"), "--rules",
                "elastic:" + dir.resolve("elastic"), "--quarantine", tmp.resolve("q").toString()));
        assertThat(s.exit()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(s.err()).contains("chained.yaml:20003:14").contains("deep.yml:8").contains("five.toml:5:9")
                .doesNotContain("\tat ");
    }
}
