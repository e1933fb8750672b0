package io.trailhound.flink;

import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.HeartbeatManagerOptions;
import org.apache.flink.configuration.RpcOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

/**
 * The tests' MiniCluster: one task manager with {@code slots} slots. Heartbeats and RPC asks get
 * minutes, not Flink's seconds: on a busy shared machine a CPU-starved test JVM otherwise loses
 * its task manager mid-job and waits for slots that never come back.
 */
final class TestClusters {
    private TestClusters() {
    }

    static MiniClusterExtension withSlots(int slots) {
        Configuration c = new Configuration();
        c.set(HeartbeatManagerOptions.HEARTBEAT_INTERVAL, Duration.ofSeconds(10));
        c.set(HeartbeatManagerOptions.HEARTBEAT_TIMEOUT, Duration.ofMinutes(10));
        c.set(RpcOptions.ASK_TIMEOUT_DURATION, Duration.ofMinutes(5));
        return new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                .setConfiguration(c).setNumberTaskManagers(1).setNumberSlotsPerTaskManager(slots).build());
    }
}
