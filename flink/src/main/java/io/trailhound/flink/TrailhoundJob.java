package io.trailhound.flink;

import io.trailhound.core.ingest.Quarantine;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.SimpleStringEncoder;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.core.fs.Path;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.filesystem.BucketAssigner;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.BasePathBucketAssigner;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.SimpleVersionedStringSerializer;
import org.apache.flink.streaming.api.functions.sink.filesystem.rollingpolicies.OnCheckpointRollingPolicy;

/**
 * The Trailhound job: CloudTrail files → per-event work on the reading tasks ({@link Prepare}) →
 * attribution keyed by credential ({@link LedgerRound}s doubling the reach of each ledger ID, a
 * {@link LedgerHop} to the credentials, {@link Attribute}) → stateful rules keyed by rule and group
 * ({@link StatefulGroup}) and Elastic's max_signals by rule ({@link SignalLimit}) → alerts (the CLI's alert JSON), attributed
 * events and quarantine entries, each through Flink's {@link FileSink}, committed exactly once on
 * checkpoints. {@code flink run trailhound-flink-job.jar [options] PATH...}; see {@link JobOptions}.
 */
public final class TrailhoundJob {
    /** What the job's graph gives its host: the alert lines (before any sink), and the other outputs. */
    public static final class Streams {
        private final DataStream<String> alerts;
        private final DataStream<EventLine> events;
        private final SingleOutputStreamOperator<Flow> prepared;
        private DataStream<String> quarantine;

        Streams(DataStream<String> alerts, DataStream<EventLine> events, SingleOutputStreamOperator<Flow> prepared) {
            this.alerts = alerts;
            this.events = events;
            this.prepared = prepared;
        }

        public DataStream<String> alerts() {
            return alerts;
        }

        public DataStream<EventLine> events() {
            return events;
        }

        /**
         * The quarantine entries, as the CLI writes them: rendered on the reading tasks, and only
         * in a job whose host asks for them (a bench or a job without a quarantine sink skips it).
         */
        public DataStream<String> quarantine() {
            if (quarantine == null) {
                quarantine = prepared.getSideOutput(Prepare.QUARANTINE).map(Quarantine::line).returns(String.class)
                        .name("quarantine entries").uid("quarantine-lines");
            }
            return quarantine;
        }
    }

    private TrailhoundJob() {
    }

    public static void main(String[] args) throws Exception {
        JobOptions o;
        try {
            o = JobOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("trailhound-flink: " + e.getMessage());
            System.exit(2);
            return;
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        configure(env, o);
        sinks(build(env, o), o);
        env.execute("trailhound " + String.join(" ", o.paths));
    }

    /** Parallelism, checkpoints, and object reuse (the reading task hands decoded events on by reference). */
    public static void configure(StreamExecutionEnvironment env, JobOptions o) {
        if (o.parallelism > 0) {
            env.setParallelism(o.parallelism);
        }
        env.getConfig().enableObjectReuse();
        if (o.checkpointInterval != null && !o.checkpointInterval.isZero()) {
            env.enableCheckpointing(o.checkpointInterval.toMillis());
        }
        if (o.checkpointDir != null) {
            org.apache.flink.configuration.Configuration c = new org.apache.flink.configuration.Configuration();
            c.set(org.apache.flink.configuration.CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
            c.set(org.apache.flink.configuration.CheckpointingOptions.CHECKPOINTS_DIRECTORY, o.checkpointDir);
            env.configure(c);
        }
    }

    /** The job's graph, up to (not including) its sinks. */
    public static Streams build(StreamExecutionEnvironment env, JobOptions o) {
        return build(env, o, events -> events);
    }

    /**
     * As {@link #build(StreamExecutionEnvironment, JobOptions)}, with {@code tap} placed on the
     * events as they leave the reading tasks (tests inject a failure there).
     */
    static Streams build(StreamExecutionEnvironment env, JobOptions o,
                         java.util.function.UnaryOperator<DataStream<Flow>> tap) {
        JobRules.of(o); // rule files with errors fail here, on the client, before the job is submitted
        java.util.Map<String, String> given = new java.util.HashMap<>();
        Path[] paths = new Path[o.paths.size()];
        for (int i = 0; i < paths.length; i++) {
            String p = o.paths.get(i);
            // Local paths as the scan resolves them (against the working directory), named as given.
            paths[i] = p.contains("://") ? new Path(p) : new Path(java.nio.file.Path.of(p).toAbsolutePath().normalize().toUri());
            given.put(CloudTrailFormat.absolute(paths[i]).replaceFirst("(.)/$", "$1"), p);
        }
        TrailFileSource source = new TrailFileSource(paths, new CloudTrailFormat(given), o.monitorInterval);
        WatermarkStrategy<Item> time = o.watermarks()
                ? WatermarkStrategy.<Item>forGenerator(c -> new DeliveryDelay(o.outOfOrderness.toMillis()))
                        .withTimestampAssigner((item, t) -> item.timeMillis())
                : WatermarkStrategy.noWatermarks();
        SingleOutputStreamOperator<Flow> prepared = env.fromSource(source, time, "CloudTrail files")
                .process(new Prepare(o)).name("decode, issuances, stateless rules");

        // The chain: pointer-doubling rounds by ledger ID, then the hop to the credentials that need each ID.
        DataStream<Flow> reach = prepared.getSideOutput(Prepare.ENTRIES);
        int rounds = LedgerRound.rounds(o.chainHops);
        for (int r = 1; r <= rounds; r++) {
            reach = reach.keyBy(Flow::getKey).process(new LedgerRound(r == rounds, o))
                    .name("ledger round " + r + " (" + (1L << r) + " hops)").uid("ledger-round-" + r);
        }
        DataStream<Flow> found = reach.union(prepared.getSideOutput(Prepare.NEEDS)).keyBy(Flow::getKey)
                .process(new LedgerHop(o)).name("ledger to credentials").uid("ledger-hop");
        DataStream<Flow> events = tap.apply(prepared);
        SingleOutputStreamOperator<Flow> attributed = events.union(found).keyBy(Flow::getKey)
                .process(new Attribute(o)).name("attribution by credential").uid("attribute");
        SingleOutputStreamOperator<String> stateful = attributed.keyBy(Flow::getKey)
                .process(new StatefulGroup(o)).name("stateful rules by rule and group").uid("stateful");
        DataStream<String> limited = attributed.getSideOutput(SignalLimit.LIMITED).union(stateful.getSideOutput(SignalLimit.LIMITED))
                .keyBy(Flow::getKey).process(new SignalLimit(o)).name("max_signals by rule").uid("max-signals");
        DataStream<String> alerts = attributed.getSideOutput(Attribute.ALERTS).union(stateful, limited);
        return new Streams(alerts, attributed.getSideOutput(Attribute.EVENTS), prepared);
    }

    /** As a scan walks directories: hidden entries and CloudTrail-Digest/ (signatures, not events) are left out. */
    static boolean readable(Path p) {
        String name = p.getName();
        return !name.startsWith(".") && !name.equals("CloudTrail-Digest");
    }

    /** The file sinks the options ask for, each committed on checkpoints. */
    public static void sinks(Streams s, JobOptions o) {
        if (o.alertsOut != null) {
            s.alerts().sinkTo(lines(o.alertsOut, new BasePathBucketAssigner<>(), "alerts")).name("alerts NDJSON").uid("alerts-sink");
        }
        if (o.eventsOut != null) {
            s.events().filter(e -> !e.update).name("events").uid("events-rows")
                    .sinkTo(parquet(o.eventsOut, false)).name("attributed events Parquet").uid("events-sink");
            s.events().filter(e -> e.update).name("credential updates").uid("events-updates")
                    .sinkTo(parquet(o.eventsOut + "/" + UPDATES_DIR, true)).name("credential updates Parquet")
                    .uid("events-updates-sink");
        }
        if (o.quarantineOut != null) {
            s.quarantine().sinkTo(lines(o.quarantineOut, new BasePathBucketAssigner<>(), "quarantine")).name("quarantine NDJSON")
                    .uid("quarantine-sink");
        }
    }

    /** Where under the events directory the credential-updates table goes: '_' hides it from hive-style readers of the events. */
    public static final String UPDATES_DIR = "_credential_updates";

    /** The events layout (or the credential-updates table) under {@code dir}, part files committed on checkpoints. */
    private static FileSink<EventLine> parquet(String dir, boolean updates) {
        return FileSink.forBulkFormat(new Path(dir), new ParquetBulkWriter.Factory(updates))
                .withBucketAssigner(new ByAccountAndDate())
                .withRollingPolicy(OnCheckpointRollingPolicy.build())
                .withOutputFileConfig(org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig.builder()
                        .withPartPrefix("part").withPartSuffix(".parquet").build())
                .build();
    }

    private static FileSink<String> lines(String dir, BucketAssigner<String, String> buckets, String prefix) {
        return FileSink.forRowFormat(new Path(dir), new SimpleStringEncoder<String>("UTF-8"))
                .withBucketAssigner(buckets)
                .withRollingPolicy(OnCheckpointRollingPolicy.build())
                .withOutputFileConfig(org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig.builder()
                        .withPartPrefix(prefix).withPartSuffix(".ndjson").build())
                .build();
    }

    /** Attributed events go to {@code account=<id>/date=<yyyy-mm-dd>/}: a reader prunes by account and day (hive partitions). */
    static final class ByAccountAndDate implements BucketAssigner<EventLine, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getBucketId(EventLine e, Context context) {
            return "account=" + e.account + "/date=" + e.date; // account made path-safe by EventRow.partitionAccount
        }

        @Override
        public SimpleVersionedSerializer<String> getSerializer() {
            return SimpleVersionedStringSerializer.INSTANCE;
        }
    }
}
