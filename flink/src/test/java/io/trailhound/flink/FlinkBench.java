package io.trailhound.flink;

import io.trailhound.core.alert.AlertJson;
import io.trailhound.core.identity.CredentialLedger;
import io.trailhound.core.identity.TrustPolicies;
import io.trailhound.core.ingest.ReadLimits;
import io.trailhound.core.rules.RuleSelection;
import io.trailhound.core.rules.engine.DetectionStage;
import io.trailhound.core.rules.engine.Detector;
import io.trailhound.core.rules.engine.RuleSet;
import io.trailhound.core.scan.Scan;
import io.trailhound.core.scan.ScanOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * Bench rows for the job against the scan pipeline, in one JVM, alternating: the scan (attribution
 * and the built-in pack, as {@code trailhound scan} runs by default), the job on a local
 * MiniCluster at parallelism 1 and 2, and an empty input (the MiniCluster's start and stop). Where
 * the job's time goes comes from a profile (JFR), not from cutting the graph. Not a test: {@code java -cp ... io.trailhound.flink.FlinkBench DIR EVENTS REPEATS}.
 */
public final class FlinkBench {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long events = Long.parseLong(args[1]);
        int repeats = Integer.parseInt(args[2]);
        Path empty = Files.createTempDirectory("trailhound-bench-empty");
        String[] rows = {"scan", "job p1", "job p2", "empty input p1"};
        List<List<Double>> times = new ArrayList<>();
        List<List<Double>> cpu = new ArrayList<>();
        for (String r : rows) {
            times.add(new ArrayList<>());
            cpu.add(new ArrayList<>());
        }
        for (int i = 0; i < repeats + 1; i++) { // the first round warms up the JIT and is not counted
            for (int k = 0; k < rows.length; k++) {
                long c0 = cpuNanos();
                double t = k == 0 ? scan(dir) : job(k == 3 ? empty : dir, k == 2 ? 2 : 1);
                double c = (cpuNanos() - c0) / 1e9;
                if (i > 0) {
                    times.get(k).add(t);
                    cpu.get(k).add(c);
                }
            }
        }
        double startup = median(times.get(3));
        double scan = median(times.get(0));
        // CPU seconds of the whole process: on a shared, loaded machine, steadier than the wall clock.
        System.out.printf(Locale.ROOT, "%-28s %10s %12s %14s %10s%n", "row", "seconds", "events/s", "vs scan", "cpu s");
        for (int k = 0; k < rows.length; k++) {
            double s = median(times.get(k));
            System.out.printf(Locale.ROOT, "%-28s %10.2f %,12.0f %13.2fx %10.2f%n", rows[k], s, k == 3 ? 0 : events / s,
                    k == 3 ? 0 : scan / s, median(cpu.get(k)));
        }
        for (int k = 1; k < 3; k++) {
            double s = median(times.get(k)) - startup;
            System.out.printf(Locale.ROOT, "%-28s %10.2f %,12.0f %13.2fx%n", rows[k] + " less startup", s, events / s, scan / s);
        }
        System.exit(0); // the local clusters' fetcher threads are not daemons
    }

    static double scan(Path dir) {
        long t0 = System.nanoTime();
        JobOptions o = new JobOptions();
        var loaded = JobRules.loadResult(o);
        Detector d = new Detector(new RuleSet(RuleSelection.all().apply(loaded.rules())));
        long[] alerts = {0};
        Scan.builder(new ScanOptions(ReadLimits.defaults(), Runtime.getRuntime().availableProcessors(), null))
                .attribution(new CredentialLedger(), TrustPolicies.none())
                .detection(DetectionStage.inMemory(d, null, a -> alerts[0] += AlertJson.line(a).length()))
                .build().run(List.of(dir.toString()), (a, b, c, e, f) -> { });
        return (System.nanoTime() - t0) / 1e9;
    }

    static double job(Path dir, int parallelism) throws Exception {
        long t0 = System.nanoTime();
        JobOptions o = new JobOptions();
        o.paths.add(dir.toString());
        o.parallelism = parallelism;
        o.checkpointInterval = Duration.ZERO;
        StreamExecutionEnvironment env = LocalJob.environment(o); // the MiniCluster `trailhound flink --local` runs on
        DataStream<String> alerts = TrailhoundJob.build(env, o).alerts();
        alerts.sinkTo(new DiscardingSink<>());
        env.execute("bench");
        return (System.nanoTime() - t0) / 1e9;
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        return s.get(s.size() / 2);
    }
}
