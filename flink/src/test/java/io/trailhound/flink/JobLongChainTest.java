package io.trailhound.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.identity.AttributionResolver;
import io.trailhound.core.testkit.CloudTrailFiles;
import io.trailhound.core.testkit.CloudTrailRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Role chains longer than the job used to follow (8 hops): one of 12 hops ends at the IAM user,
 * exactly; one past the core's limit (70 hops) ends as the scan's does ("chain longer than 64
 * hops"), not as a chain whose next issuance was not read. The issuances are read in reverse.
 */
class JobLongChainTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = TestClusters.withSlots(2);

    static final Instant T0 = Instant.parse("2026-11-01T08:00:00Z");

    @TempDir
    Path dir;

    static String key(String chain, int hop) {
        return "ASIA" + chain + String.format("%015d", hop);
    }

    /** {@code hops} AssumeRoles from alice's access key, each with the key the one before issued; then a use of the last key. */
    static List<CloudTrailRecord> chain(String name, int hops, int ids) {
        List<CloudTrailRecord> out = new ArrayList<>();
        for (int h = 1; h <= hops; h++) {
            String at = T0.plusSeconds(10L * h).toString();
            CloudTrailRecord r = CloudTrailRecord.assumeRole(CloudTrailRecord.ACCOUNT, "Role" + h, "s" + h, key(name, h), 3600 * 6)
                    .at(at).id(CloudTrailRecord.uuid(ids + h));
            out.add(h == 1 ? r.iamUser("alice", "AKIAALICEALICEALICE1")
                    : r.assumedRole("Role" + (h - 1), "s" + (h - 1), key(name, h - 1), T0.plusSeconds(10L * (h - 1)).toString()));
        }
        java.util.Collections.reverse(out);
        out.add(CloudTrailRecord.event("StopLogging").source("cloudtrail.amazonaws.com").at(T0.plusSeconds(3600).toString())
                .id(CloudTrailRecord.uuid(ids)).request("name", "org-trail")
                .assumedRole("Role" + hops, "s" + hops, key(name, hops), T0.plusSeconds(10L * hops).toString()));
        return out;
    }

    @Test
    void chainsLongerThanEightHopsEndAsTheScansDo() throws Exception {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        List<CloudTrailRecord> records = new ArrayList<>(chain("TWELVE", 12, 1000));
        records.addAll(chain("SEVENTY", AttributionResolver.MAX_HOPS + 6, 2000));
        CloudTrailFiles.s3(logs.resolve("chains.json"), records.toArray(new CloudTrailRecord[0]));
        JobOptions o = JobRuns.options(logs, List.of());
        JobRuns.Output scan = JobRuns.scan(o);
        String twelve = scan.origins().get(CloudTrailRecord.uuid(1000));
        assertThat(twelve).contains("\"arn\":\"arn:aws:iam::" + CloudTrailRecord.ACCOUNT + ":user/alice\"")
                .contains("\"confidence\":\"exact\"");
        assertThat(scan.origins().get(CloudTrailRecord.uuid(2000))).contains("chain longer than 64 hops");
        assertThat(scan.alerts()).hasSize(2);
        JobRuns.Output job = JobRuns.job(o, 2, dir.resolve("out"));
        assertThat(JobRuns.originDiff(scan.origins(), job.origins())).isEmpty();
        assertThat(job.alerts()).containsExactlyElementsOf(scan.alerts());
    }
}
