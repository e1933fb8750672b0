package io.trailhound.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.synth.GeneratorConfig;
import io.trailhound.synth.OrgGenerator;
import io.trailhound.synth.OutputLayout;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failure injected while the files are being read, after a checkpoint completed: the job
 * restarts from that checkpoint and its sinks hold exactly what an uninterrupted run writes, no
 * alert or event lost, none twice.
 */
class JobFailoverTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = TestClusters.withSlots(2);

    static final AtomicBoolean FAILED = new AtomicBoolean();
    static final AtomicInteger CHECKPOINTS = new AtomicInteger();

    @TempDir
    Path dir;

    /** Fails once, on an event read after a checkpoint completed; slows reading until then so one completes mid-stream. */
    static final class FailOnce implements MapFunction<Flow, Flow>, CheckpointListener {
        private transient int seen;

        @Override
        public Flow map(Flow f) throws Exception {
            if (!FAILED.get()) {
                if (CHECKPOINTS.get() == 0) {
                    Thread.sleep(2);
                } else if (++seen > 100 && FAILED.compareAndSet(false, true)) {
                    throw new IllegalStateException("injected failure");
                }
            }
            return f;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            CHECKPOINTS.incrementAndGet();
        }
    }

    @Test
    void restartFromACheckpointWritesWhatAnUninterruptedRunWrites() throws Exception {
        Path logs = new OrgGenerator(new GeneratorConfig(11L, 3, 8, 1, 2_000L, GeneratorConfig.DEFAULT_START,
                OutputLayout.S3, dir.resolve("org"))).generate(n -> { }).logsRoot();
        JobOptions o = JobRuns.options(logs, List.of());
        o.checkpointInterval = java.time.Duration.ofMillis(100);
        JobRuns.Output plain = JobRuns.job(o, 2, dir.resolve("plain"));

        o.parallelism = 2;
        o.alertsOut = dir.resolve("failed/alerts").toString();
        o.eventsOut = dir.resolve("failed/events").toString();
        o.quarantineOut = dir.resolve("failed/quarantine").toString();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        Configuration restart = new Configuration();
        restart.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        restart.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 2);
        restart.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, java.time.Duration.ofMillis(100));
        env.configure(restart);
        TrailhoundJob.configure(env, o);
        TrailhoundJob.sinks(TrailhoundJob.build(env, o, events -> events.map(new FailOnce()).returns(Flow.class)), o);
        env.execute("failover");
        JobRuns.Output recovered = JobRuns.read(dir.resolve("failed"));

        assertThat(FAILED).as("the failure was injected").isTrue();
        assertThat(plain.alerts()).isNotEmpty();
        assertThat(recovered.alerts()).containsExactlyElementsOf(plain.alerts());
        assertThat(recovered.origins()).isEqualTo(plain.origins());
        assertThat(recovered.quarantine()).containsExactlyElementsOf(plain.quarantine());
    }
}
