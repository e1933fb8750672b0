package io.trailhound.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.testkit.CloudTrailFiles;
import io.trailhound.core.testkit.CloudTrailRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.rpc.RpcSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code trailhound flink --local} runs: each on a MiniCluster of its own, all of one process on
 * one RPC system ({@link LocalCluster}), which a MiniCluster's stop leaves open for the next.
 */
class LocalJobTest {
    @TempDir
    Path dir;

    @Test
    void runsOneAfterAnotherGiveTheScansAlertsOnOneRpcSystem() throws Exception {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        String key = "ASIALOCALJOBTEST0001";
        CloudTrailFiles.s3(logs.resolve("1-uses.json"),
                CloudTrailRecord.event("StopLogging").source("cloudtrail.amazonaws.com").at("2026-11-01T09:05:00Z")
                        .id(CloudTrailRecord.uuid(1)).request("name", "org-trail")
                        .assumedRole("Admin", "alice", key, "2026-11-01T09:00:00Z"));
        CloudTrailFiles.s3(logs.resolve("2-issuance.json"),
                CloudTrailRecord.assumeRole(CloudTrailRecord.ACCOUNT, "Admin", "alice", key, 3600).at("2026-11-01T09:00:00Z")
                        .id(CloudTrailRecord.uuid(2)).iamUser("alice", "AKIAALICEALICEALICE1"));
        Files.writeString(logs.resolve("3-bad.json"), "{\"Records\":[{\"eventName\":\"x\"}]}");
        JobOptions o = new JobOptions();
        o.paths.add(logs.toString());
        List<String> expected = JobRuns.scan(o).alerts();
        assertThat(expected).hasSize(1).allMatch(l -> l.contains("\"confidence\":\"exact\""));

        RpcSystem first = null;
        for (int p : new int[] {1, 2, 1}) {
            o.parallelism = p;
            List<String> alerts = new ArrayList<>();
            List<String> bad = new ArrayList<>();
            LocalJob.Counts c = LocalJob.run(o, alerts::add, bad::add);
            assertThat(alerts).as("parallelism %d", p).containsExactlyElementsOf(expected);
            assertThat(c.quarantined()).isEqualTo(1);
            assertThat(bad).containsExactlyElementsOf(JobRuns.scan(o).quarantine());
            RpcSystem now = LocalCluster.rpc(new Configuration()).deref();
            if (first == null) {
                first = now;
            }
            assertThat(now).as("the RPC system of every run").isSameAs(first);
        }
        // Still open after three MiniClusters stopped: it can start an RPC service.
        var service = first.localServiceBuilder(new Configuration()).createAndStart();
        service.closeAsync().get();
    }
}
