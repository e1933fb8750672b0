package io.trailhound.flink;

import java.util.stream.Stream;
import org.apache.flink.client.deployment.executors.LocalExecutor;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.core.execution.PipelineExecutor;
import org.apache.flink.core.execution.PipelineExecutorFactory;
import org.apache.flink.core.execution.PipelineExecutorServiceLoader;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.rpc.RpcSystem;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Reference;

/**
 * The environment a local run executes in: as Flink's own local environment (a MiniCluster started
 * for the job and stopped after it), except that every MiniCluster of the process borrows one RPC
 * system. Flink's loader makes a new one for each MiniCluster: it copies the Pekko jar it embeds
 * (24 MB) to a temporary file and loads Pekko and Scala in a new class loader, so every start
 * loaded, verified and interpreted those classes again and parsed Pekko's configuration again (about
 * a CPU second a start in a warm process). Borrowed ({@link Reference#borrowed}), it outlives the
 * MiniClusters and is closed (its class loader and temporary file let go) when the process ends.
 */
final class LocalCluster {
    private static RpcSystem shared;

    private LocalCluster() {
    }

    /** A local environment of {@code parallelism} with {@code config}, as {@code createLocalEnvironment} makes it. */
    static StreamExecutionEnvironment environment(int parallelism, Configuration config) {
        Configuration c = new Configuration(config);
        c.set(DeploymentOptions.TARGET, LocalExecutor.NAME);
        c.set(DeploymentOptions.ATTACHED, true);
        c.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
        return new StreamExecutionEnvironment(new Executors(), c, Thread.currentThread().getContextClassLoader());
    }

    /** The process's RPC system, loaded by the first MiniCluster with its configuration (Flink's loader, its temporary directory). */
    static synchronized Reference<RpcSystem> rpc(Configuration config) {
        if (shared == null) {
            RpcSystem loaded = RpcSystem.load(config);
            Runtime.getRuntime().addShutdownHook(new Thread(loaded::close, "trailhound-rpc-cleanup"));
            shared = loaded;
        }
        return Reference.borrowed(shared);
    }

    /** Runs every pipeline of the environment on a MiniCluster of its own with the shared RPC system. */
    private static final class Executors implements PipelineExecutorServiceLoader, PipelineExecutorFactory {
        @Override
        public PipelineExecutorFactory getExecutorFactory(Configuration config) {
            return this;
        }

        @Override
        public Stream<String> getExecutorNames() {
            return Stream.of(LocalExecutor.NAME);
        }

        @Override
        public String getName() {
            return LocalExecutor.NAME;
        }

        @Override
        public boolean isCompatibleWith(Configuration config) {
            return LocalExecutor.NAME.equals(config.get(DeploymentOptions.TARGET));
        }

        @Override
        public PipelineExecutor getExecutor(Configuration config) {
            return LocalExecutor.createWithFactory(config, mc -> new MiniCluster(mc, () -> rpc(mc.getConfiguration())));
        }
    }
}
