package io.trailhound.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.conformance.SharedData;
import io.trailhound.core.rules.ir.Stateful;
import io.trailhound.synth.GeneratorConfig;
import io.trailhound.synth.OrgGenerator;
import io.trailhound.synth.OutputLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job against the scan pipeline on a generated organisation with its attack stories: the same
 * alerts, byte for byte, and the same origin for every event, at parallelism 1, 2 and 4, with the
 * built-in pack and, where {@code ../shared/peers} is present, Falco's, Elastic's (ES|QL window rules
 * and max_signals included) and Sigma's CloudTrail rules.
 */
class JobParityTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = TestClusters.withSlots(4);

    @TempDir
    static Path dir;
    static Path logs;

    @BeforeAll
    static void generate() throws Exception {
        GeneratorConfig c = new GeneratorConfig(7L, 4, 12, 1, 4_000L, GeneratorConfig.DEFAULT_START, OutputLayout.S3,
                dir.resolve("org"));
        logs = new OrgGenerator(c).generate(n -> { }).logsRoot();
    }

    @Test
    void builtInPackAtParallelism1To4EqualsTheScan() throws Exception {
        JobOptions o = JobRuns.options(logs, List.of());
        JobRuns.Output scan = JobRuns.scan(o);
        assertThat(scan.alerts()).isNotEmpty();
        assertThat(scan.origins()).hasSizeGreaterThan(3_000);
        for (int p : new int[] {1, 2, 4}) {
            JobRuns.Output job = JobRuns.job(o, p, dir.resolve("builtin-p" + p));
            assertThat(job.alerts()).as("alerts at parallelism %d", p).containsExactlyElementsOf(scan.alerts());
            assertThat(JobRuns.originDiff(scan.origins(), job.origins())).as("origins at parallelism %d", p).isEmpty();
        }
    }

    @Test
    void communityPacksEqualTheScan() throws Exception {
        Path peers = SharedData.dir("peers");
        List<String> rules = new ArrayList<>();
        rules.add("falco:" + peers.resolve("falco/aws_cloudtrail_rules.yaml"));
        rules.add("elastic:" + peers.resolve("elastic/rules"));
        if (Files.isDirectory(peers.resolve("sigma/aws"))) {
            rules.add("sigma:" + peers.resolve("sigma/aws"));
        }
        JobOptions o = JobRuns.options(logs, rules);
        // Elastic's ES|QL rules over windows of rows are among them: the job runs every rule the scan runs.
        assertThat(JobRules.loadResult(o).rules()).anyMatch(r -> r.stateful() instanceof Stateful.Query q && q.query().windowed());
        JobRuns.Output scan = JobRuns.scan(o);
        // Not vacuous: Elastic, Sigma and built-in rules alert (Falco's file finds nothing in this small
        // organisation), stateful rules (new terms, thresholds) too.
        for (String format : List.of("elastic", "sigma", "builtin")) {
            assertThat(scan.alerts()).as(format).anyMatch(l -> l.contains("\"format\":\"" + format + "\""));
        }
        assertThat(scan.alerts()).as("stateful").anyMatch(l -> l.contains("\"context\":"));
        JobRuns.Output job = JobRuns.job(o, 2, dir.resolve("peers-p2"));
        assertThat(job.alerts()).containsExactlyElementsOf(scan.alerts());
        assertThat(JobRuns.originDiff(scan.origins(), job.origins())).isEmpty();
    }
}
