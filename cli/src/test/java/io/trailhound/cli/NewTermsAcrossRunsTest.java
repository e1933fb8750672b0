package io.trailhound.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailhound.core.testkit.CloudTrailFiles;
import io.trailhound.core.testkit.CloudTrailRecord;
import io.trailhound.store.EventStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Elastic's seed rule, "AWS STS AssumeRoot by Rare User and Member Account" (new_terms on the
 * caller's ARN and the member account in the record's resources), run unchanged from the peer file: it alerts on a user's
 * first AssumeRoot into an account, not on repeats within its 7-day window, not on a failed
 * call, and its history survives runs through the store.
 */
class NewTermsAcrossRunsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static int ids;

    @TempDir
    Path tmp;

    /** {@code user}'s AssumeRoot into the root of account {@code member}, eventIDs numbered from 1 in the order made. */
    static CloudTrailRecord assumeRoot(String time, String user, String member, boolean failed) {
        ids++;
        CloudTrailRecord call = CloudTrailRecord.event("AssumeRoot").source("sts.amazonaws.com").at(time)
                .id(String.format("00000000-0000-4000-8000-%012d", ids)).ip("198.51.100.4")
                .iamUser(user, "AKIA" + user.toUpperCase() + "00000001")
                .request("targetPrincipal", member)
                .set("/requestParameters/taskPolicyArn/arn", "arn:aws:iam::aws:policy/root-task/S3UnlockBucketPolicy")
                .set("/resources", List.of(Map.of("accountId", member, "type", "AWS::IAM::Root",
                        "ARN", "arn:aws:iam::" + member + ":root")));
        return failed ? call.error("AccessDenied", "denied").set("/responseElements", null) : call.issues("ASIAROOT" + ids, 900);
    }

    private Path file(String name, CloudTrailRecord... records) throws IOException {
        return CloudTrailFiles.jsonLines(tmp.resolve(name), records);
    }

    private List<String> alerts(Path events, Path rule, Path db) throws IOException {
        CliRun r = CliRun.of("scan", events.toString(), "--no-builtin", "--rules", "elastic:" + rule, "--db", db.toString(),
                "--format", "ndjson", "--quarantine", tmp.resolve("q").toString());
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.OK);
        List<String> out = new ArrayList<>();
        for (String line : r.out().strip().split("\n")) {
            if (!line.isBlank()) {
                JsonNode a = JSON.readTree(line);
                assertThat(a.path("rule").asText()).isEqualTo("AWS STS AssumeRoot by Rare User and Member Account");
                assertThat(a.path("rule_id").asText()).isNotBlank();
                assertThat(a.path("risk_score").asInt()).isEqualTo(73);
                assertThat(a.path("severity").asText()).isEqualTo("high");
                out.add(a.path("eventID").asText() + " " + a.path("origin").path("arn").asText());
            }
        }
        return out;
    }

    @Test
    void firstAssumeRootOfAUserIntoAnAccountAlertsOnceAcrossRuns() throws IOException {
        String shared = System.getProperty("trailhound.shared", "../../shared");
        Path rule = Path.of(shared, "peers", "elastic", "rules", "integrations", "aws",
                "privilege_escalation_sts_assume_root_from_rare_user_and_member_account.toml");
        assumeTrue(Files.isRegularFile(rule), "skipped: " + rule + " is absent (CI provides ../shared)");
        Path db = tmp.resolve("th.duckdb");

        // Run 1: alice's first AssumeRoot into 444 alerts; her repeat an hour later and bob's failed call do not.
        List<String> first = alerts(file("day1.jsonl",
                assumeRoot("2026-11-01T10:00:00Z", "alice", "444455556666", false),
                assumeRoot("2026-11-01T11:00:00Z", "alice", "444455556666", false),
                assumeRoot("2026-11-01T11:30:00Z", "bob", "444455556666", true)), rule, db);
        assertThat(first).containsExactly("00000000-0000-4000-8000-000000000001 arn:aws:iam::111122223333:user/alice");

        // Run 2, three days later: alice again is no longer new (history from the store); alice into
        // another member account and bob's first success are.
        List<String> second = alerts(file("day4.jsonl",
                assumeRoot("2026-11-04T09:00:00Z", "alice", "444455556666", false),
                assumeRoot("2026-11-04T09:05:00Z", "alice", "777788889999", false),
                assumeRoot("2026-11-04T09:10:00Z", "bob", "444455556666", false)), rule, db);
        assertThat(second).containsExactly(
                "00000000-0000-4000-8000-000000000005 arn:aws:iam::111122223333:user/alice",
                "00000000-0000-4000-8000-000000000006 arn:aws:iam::111122223333:user/bob");

        // Run 3, past the 7-day window: alice into 444 is new again.
        List<String> third = alerts(file("day20.jsonl",
                assumeRoot("2026-11-20T09:00:00Z", "alice", "444455556666", false)), rule, db);
        assertThat(third).hasSize(1);

        try (EventStore store = EventStore.open(db.toString(), true)) {
            assertThat(store.counts().get("alerts")).isEqualTo(4);
            assertThat(store.counts().get("new_terms")).isEqualTo(3);
        }
    }
}
