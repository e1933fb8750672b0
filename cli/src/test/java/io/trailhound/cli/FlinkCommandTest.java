package io.trailhound.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.testkit.CloudTrailFiles;
import io.trailhound.core.testkit.CloudTrailRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code trailhound flink --local} prints the alerts scan prints, line for line (the job may raise
 * them in another order), at parallelism 1 and 2; rule errors and usage errors exit 2 as in scan.
 */
class FlinkCommandTest {
    static final String KEY = "ASIAFLINKCLITEST0001";

    @TempDir
    Path dir;

    private Path logs() throws Exception {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        // The AssumeRole is in a later file than the actions made with its key: the answer must still be exact.
        CloudTrailFiles.s3(logs.resolve("1-uses.json"),
                CloudTrailRecord.event("StopLogging").source("cloudtrail.amazonaws.com").at("2026-11-01T09:05:00Z")
                        .id(CloudTrailRecord.uuid(1)).request("name", "org-trail")
                        .assumedRole("Admin", "alice", KEY, "2026-11-01T09:00:00Z"),
                CloudTrailRecord.event("DeleteTrail").source("cloudtrail.amazonaws.com").at("2026-11-01T09:07:00Z")
                        .id(CloudTrailRecord.uuid(2)).request("name", "org-trail")
                        .assumedRole("Admin", "alice", KEY, "2026-11-01T09:00:00Z"));
        CloudTrailFiles.s3(logs.resolve("2-issuance.json"),
                CloudTrailRecord.assumeRole(CloudTrailRecord.ACCOUNT, "Admin", "alice", KEY, 3600).at("2026-11-01T09:00:00Z")
                        .id(CloudTrailRecord.uuid(3)).iamUser("alice", "AKIAALICEALICEALICE1"));
        Files.writeString(logs.resolve("3-bad.json"), "{\"Records\":[{\"eventName\":\"x\"}]}");
        return logs;
    }

    @Test
    void alertsAreScansLinesAtParallelism1And2() throws Exception {
        Path logs = logs();
        Path q = dir.resolve("q");
        CliRun scan = CliRun.of("scan", logs.toString(), "--format", "ndjson", "--no-progress", "--quarantine", q.toString());
        List<String> expected = sorted(scan.out());
        assertThat(expected).hasSize(2).allMatch(l -> l.contains("\"confidence\":\"exact\""));
        for (String p : List.of("1", "2")) {
            CliRun flink = CliRun.of("flink", "--local", "--parallelism", p, "--quarantine", q.toString(), logs.toString());
            assertThat(flink.exit()).as(flink.err()).isZero();
            assertThat(sorted(flink.out())).as("parallelism " + p).containsExactlyElementsOf(expected);
            assertThat(flink.err()).contains("\"type\":\"summary\"").contains("\"alerts\":2").contains("\"quarantined\":1");
        }
    }

    @Test
    void ruleErrorsAndAMissingLocalExit2() throws Exception {
        Path logs = logs();
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "- rule: broken\n  condition: ct.name = \n");
        CliRun rules = CliRun.of("flink", "--local", "--rules", "falco:" + bad, logs.toString());
        assertThat(rules.exit()).isEqualTo(2);
        assertThat(rules.err()).contains("bad.yaml");
        assertThat(CliRun.of("flink", logs.toString()).exit()).isEqualTo(2);
    }

    private static List<String> sorted(String out) {
        return Arrays.stream(out.split("\n")).filter(l -> !l.isBlank()).sorted().toList();
    }
}
