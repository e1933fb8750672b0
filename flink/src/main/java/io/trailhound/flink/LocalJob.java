package io.trailhound.flink;

import java.util.function.Consumer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * The job on one machine, in an embedded MiniCluster ({@code trailhound flink --local}): the alerts
 * come back to the caller line by line as the job raises them (the CLI's alert JSON), quarantine
 * entries too; sinks the options name are written as on a cluster.
 */
public final class LocalJob {
    private LocalJob() {
    }

    /** What a local run gave. */
    public record Counts(long alerts, long quarantined) {
    }

    /** The environment a local run executes in ({@link LocalCluster}), configured for the job's options. */
    public static StreamExecutionEnvironment environment(JobOptions o) {
        // One process: its task manager cannot be lost, only starved of CPU on a busy machine, which
        // Flink's default heartbeat timeout (50 s) would take for a lost one.
        org.apache.flink.configuration.Configuration c = new org.apache.flink.configuration.Configuration();
        c.set(org.apache.flink.configuration.HeartbeatManagerOptions.HEARTBEAT_TIMEOUT, java.time.Duration.ofMinutes(10));
        c.set(org.apache.flink.configuration.RpcOptions.ASK_TIMEOUT_DURATION, java.time.Duration.ofMinutes(5));
        StreamExecutionEnvironment env = LocalCluster.environment(
                o.parallelism > 0 ? o.parallelism : Math.max(1, Runtime.getRuntime().availableProcessors()), c);
        TrailhoundJob.configure(env, o);
        return env;
    }

    public static Counts run(JobOptions o, Consumer<String> alert, Consumer<String> quarantined) throws Exception {
        StreamExecutionEnvironment env = environment(o);
        TrailhoundJob.Streams s = TrailhoundJob.build(env, o);
        TrailhoundJob.sinks(s, o);
        // One stream back to this process: alerts and quarantine entries, told apart by their first character.
        DataStream<String> back = s.alerts().map(l -> "A" + l).returns(String.class)
                .union(s.quarantine().map(l -> "Q" + l).returns(String.class));
        long alerts = 0, bad = 0;
        try (CloseableIterator<String> it = back.executeAndCollect("trailhound flink --local")) {
            while (it.hasNext()) {
                String l = it.next();
                if (l.charAt(0) == 'A') {
                    alerts++;
                    alert.accept(l.substring(1));
                } else {
                    bad++;
                    quarantined.accept(l.substring(1));
                }
            }
        }
        return new Counts(alerts, bad);
    }
}
