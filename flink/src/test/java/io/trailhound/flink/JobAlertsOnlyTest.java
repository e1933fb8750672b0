package io.trailhound.flink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhound.core.alert.AlertJson;
import io.trailhound.core.testkit.CloudTrailFiles;
import io.trailhound.core.testkit.CloudTrailRecord;
import io.trailhound.synth.GeneratorConfig;
import io.trailhound.synth.OrgGenerator;
import io.trailhound.synth.OutputLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job with an alerts sink alone (no events or quarantine sink): an event that neither alerts
 * nor feeds a stateful rule then reaches attribution as its ID and time only, and must still count
 * for duplicates; alerts, and updates of alerts by a late issuance, are those of a full job.
 */
class JobAlertsOnlyTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = TestClusters.withSlots(2);

    @TempDir
    Path dir;

    @Test
    void generatedOrganisationAlertsEqualTheScan() throws Exception {
        GeneratorConfig c = new GeneratorConfig(5L, 3, 10, 1, 2_000L, GeneratorConfig.DEFAULT_START, OutputLayout.S3,
                dir.resolve("org"));
        Path logs = new OrgGenerator(c).generate(n -> { }).logsRoot();
        JobOptions o = JobRuns.options(logs, List.of());
        JobRuns.Output scan = JobRuns.scan(o);
        assertThat(scan.alerts()).isNotEmpty();
        for (int p : new int[] {1, 2}) {
            assertThat(alertsOnly(o, p, dir.resolve("out-p" + p))).as("alerts at parallelism %d", p)
                    .containsExactlyElementsOf(scan.alerts());
        }
    }

    @Test
    void anEventThatDoesNotAlertStillMakesALaterCopyADuplicate() throws Exception {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        String key = "AKIAALICEALICEALICE1";
        // The same eventID twice in one file: the first copy (nothing to alert on) is the event, the second is dropped.
        CloudTrailFiles.s3(logs.resolve("dup.json"),
                CloudTrailRecord.event("DescribeInstances").source("ec2.amazonaws.com").at("2026-11-01T09:05:00Z")
                        .id(CloudTrailRecord.uuid(1)).iamUser("alice", key),
                CloudTrailRecord.event("StopLogging").source("cloudtrail.amazonaws.com").at("2026-11-01T09:05:00Z")
                        .id(CloudTrailRecord.uuid(1)).request("name", "org-trail").iamUser("alice", key),
                CloudTrailRecord.event("StopLogging").source("cloudtrail.amazonaws.com").at("2026-11-01T09:06:00Z")
                        .id(CloudTrailRecord.uuid(2)).request("name", "org-trail").iamUser("alice", key));
        JobOptions o = JobRuns.options(logs, List.of());
        JobRuns.Output scan = JobRuns.scan(o);
        List<String> job = alertsOnly(o, 1, dir.resolve("out"));
        assertThat(job).containsExactlyElementsOf(scan.alerts());
        assertThat(job).as("only the second StopLogging alerts").isNotEmpty()
                .allMatch(l -> l.contains(CloudTrailRecord.uuid(2)));
    }

    @Test
    void lateIssuanceUpdatesAnAlertWithoutAnEventsSink() throws Exception {
        Path logs = Files.createDirectories(dir.resolve("late"));
        String key = "ASIAKEYISSUEDLATE002";
        CloudTrailFiles.s3(logs.resolve("a-uses.json"),
                CloudTrailRecord.event("StopLogging").source("cloudtrail.amazonaws.com").at("2026-11-01T09:05:00Z")
                        .id(CloudTrailRecord.uuid(1)).request("name", "org-trail")
                        .assumedRole("Admin", "alice", key, "2026-11-01T09:00:00Z"),
                CloudTrailRecord.event("ListBuckets").source("s3.amazonaws.com").at("2026-11-01T11:00:00Z")
                        .id(CloudTrailRecord.uuid(3)).iamUser("bob", "AKIABOBBOBBOBBOBBOB1"));
        CloudTrailRecord issuance = CloudTrailRecord.assumeRole(CloudTrailRecord.ACCOUNT, "Admin", "alice", key, 3600)
                .at("2026-11-01T09:00:00Z").id(CloudTrailRecord.uuid(4)).iamUser("alice", "AKIAALICEALICEALICE1");
        JobOptions o = JobRuns.options(logs, List.of());
        o.monitorInterval = Duration.ofMillis(100);
        o.outOfOrderness = Duration.ofMinutes(1);
        o.attributionWait = Duration.ofMinutes(5);
        o.checkpointInterval = Duration.ofMillis(100);
        o.parallelism = 1;
        o.alertsOut = dir.resolve("late-out/alerts").toString();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        TrailhoundJob.configure(env, o);
        TrailhoundJob.sinks(TrailhoundJob.build(env, o), o);
        JobClient job = env.executeAsync("late data, alerts only");
        try {
            await(dir.resolve("late-out/alerts"), "StopLogging");
            Path part = CloudTrailFiles.s3(logs.resolve(".b-issuance.json.part"), issuance);
            Files.move(part, logs.resolve("b-issuance.json"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            List<String> all = await(dir.resolve("late-out/alerts"), "attribution_update");
            JsonNode scanned = AlertJson.MAPPER.readTree(JobRuns.scan(JobRuns.options(logs, List.of())).alerts().stream()
                    .filter(l -> l.contains("StopLogging")).findFirst().orElseThrow());
            JsonNode update = AlertJson.MAPPER.readTree(all.stream().filter(l -> l.contains("attribution_update")).findFirst()
                    .orElseThrow());
            assertThat(update.get("origin")).isEqualTo(scanned.get("origin"));
            assertThat(update.get("id").asText()).isEqualTo(scanned.get("id").asText());
        } finally {
            job.cancel().get();
        }
    }

    /** The job with only its alerts sink; its committed alert lines, sorted. */
    private static List<String> alertsOnly(JobOptions o, int parallelism, Path out) throws Exception {
        o.parallelism = parallelism;
        o.alertsOut = out.resolve("alerts").toString();
        o.eventsOut = null;
        o.quarantineOut = null;
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        org.apache.flink.configuration.Configuration noRestart = new org.apache.flink.configuration.Configuration();
        noRestart.set(org.apache.flink.configuration.RestartStrategyOptions.RESTART_STRATEGY, "none");
        env.configure(noRestart);
        TrailhoundJob.configure(env, o);
        TrailhoundJob.sinks(TrailhoundJob.build(env, o), o);
        env.execute("alerts only");
        List<String> alerts = JobRuns.lines(out.resolve("alerts"));
        alerts.sort(null);
        return alerts;
    }

    /** The committed alert lines once one contains {@code text}; fails after 60 s. */
    private static List<String> await(Path sink, String text) throws Exception {
        long until = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < until) {
            List<String> lines = JobRuns.lines(sink);
            if (lines.stream().anyMatch(l -> l.contains(text))) {
                return lines;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no line with " + text + " in " + sink + " within 60 s: " + JobRuns.lines(sink));
    }
}
