package io.trailhound.flink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhound.core.alert.AlertJson;
import io.trailhound.core.testkit.CloudTrailFiles;
import io.trailhound.core.testkit.CloudTrailRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A monitoring job reads the files that use a key; event time passes the attribution wait, so the
 * alert goes out with what is known (the session name); then the file with the key's AssumeRole
 * arrives, late. The alert is not sent again: an {@code attribution_update} names the IAM user
 * exactly, as a scan of all the files does, and so does the events sink's update for the key.
 */
class JobLateDataTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = TestClusters.withSlots(2);

    static final String KEY = "ASIAKEYISSUEDLATE001";

    @TempDir
    Path dir;

    @Test
    void issuanceReadAfterTheEventsThatUseItEndsExact() throws Exception {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        CloudTrailRecord alice = CloudTrailRecord.event("x").assumedRole("Admin", "alice", KEY, "2026-11-01T09:00:00Z");
        CloudTrailFiles.s3(logs.resolve("a-uses.json"),
                CloudTrailRecord.event("StopLogging").source("cloudtrail.amazonaws.com").at("2026-11-01T09:05:00Z")
                        .id(CloudTrailRecord.uuid(1)).request("name", "org-trail")
                        .assumedRole("Admin", "alice", KEY, "2026-11-01T09:00:00Z"),
                CloudTrailRecord.event("DescribeInstances").source("ec2.amazonaws.com").at("2026-11-01T09:06:00Z")
                        .id(CloudTrailRecord.uuid(2)).assumedRole("Admin", "alice", KEY, "2026-11-01T09:00:00Z"),
                // moves event time on, past the wait
                CloudTrailRecord.event("ListBuckets").source("s3.amazonaws.com").at("2026-11-01T11:00:00Z")
                        .id(CloudTrailRecord.uuid(3)).iamUser("bob", "AKIABOBBOBBOBBOBBOB1"));
        assertThat(alice).isNotNull();
        CloudTrailRecord issuance = CloudTrailRecord.assumeRole(CloudTrailRecord.ACCOUNT, "Admin", "alice", KEY, 3600)
                .at("2026-11-01T09:00:00Z").id(CloudTrailRecord.uuid(4)).iamUser("alice", "AKIAALICEALICEALICE1");

        JobOptions o = JobRuns.options(logs, List.of());
        o.monitorInterval = Duration.ofMillis(100);
        o.outOfOrderness = Duration.ofMinutes(1);
        o.attributionWait = Duration.ofMinutes(5);
        o.checkpointInterval = Duration.ofMillis(100);
        o.parallelism = 1;
        o.alertsOut = dir.resolve("out/alerts").toString();
        o.eventsOut = dir.resolve("out/events").toString();
        o.quarantineOut = dir.resolve("out/quarantine").toString();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        TrailhoundJob.configure(env, o);
        TrailhoundJob.sinks(TrailhoundJob.build(env, o), o);
        JobClient job = env.executeAsync("late data");
        try {
            List<String> first = await(dir.resolve("out/alerts"), l -> l.contains("\"eventID\":\"" + CloudTrailRecord.uuid(1)));
            JsonNode before = AlertJson.MAPPER.readTree(first.stream().filter(l -> l.contains("StopLogging")).findFirst().orElseThrow());
            assertThat(before.get("origin").get("confidence").asText()).isNotEqualTo("exact");

            // Delivered whole, as S3 delivers objects: written under a hidden name (not read), then renamed.
            Path part = CloudTrailFiles.s3(logs.resolve(".b-issuance.json.part"), issuance);
            Files.move(part, logs.resolve("b-issuance.json"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            List<String> all = await(dir.resolve("out/alerts"), l -> l.contains("attribution_update"));
            JobRuns.Output scan = JobRuns.scan(JobRuns.options(logs, List.of()));
            JsonNode scanned = AlertJson.MAPPER.readTree(scan.alerts().stream().filter(l -> l.contains("StopLogging")).findFirst()
                    .orElseThrow());
            JsonNode update = AlertJson.MAPPER.readTree(all.stream().filter(l -> l.contains("attribution_update")).findFirst()
                    .orElseThrow());
            assertThat(scanned.get("origin").get("confidence").asText()).isEqualTo("exact");
            assertThat(update.get("origin")).isEqualTo(scanned.get("origin"));
            assertThat(update.get("id").asText()).isEqualTo(scanned.get("id").asText());
            assertThat(update.get("settled").asBoolean()).isTrue();
            assertThat(all.stream().filter(l -> l.contains("\"rule_id\"") && !l.contains("attribution_update")
                    && l.contains(CloudTrailRecord.uuid(1)))).as("the alert went out once").hasSize(1);

            await(dir.resolve("out/events"), l -> l.contains("attribution_update"));
            JobRuns.Output job1 = JobRuns.read(dir.resolve("out"));
            for (int i = 1; i <= 2; i++) {
                assertThat(job1.origins().get(CloudTrailRecord.uuid(i))).isEqualTo(scan.origins().get(CloudTrailRecord.uuid(i)));
            }
        } finally {
            job.cancel().get();
        }
    }

    /** The committed lines once one matches (checkpoints commit every 100 ms); fails after 60 s. */
    private static List<String> await(Path sink, Predicate<String> wanted) throws Exception {
        long until = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < until) {
            List<String> lines = JobRuns.lines(sink);
            if (lines.stream().anyMatch(wanted)) {
                return lines;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("nothing matched in " + sink + " within 60 s: " + JobRuns.lines(sink));
    }
}
