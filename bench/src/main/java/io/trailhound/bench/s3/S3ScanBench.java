package io.trailhound.bench.s3;

import io.trailhound.aws.s3.S3Clients;
import io.trailhound.aws.s3.TrailKeyFilter;
import io.trailhound.aws.s3.TrailSources;
import io.trailhound.cli.bench.BenchConfig;
import io.trailhound.cli.bench.BenchDataset;
import io.trailhound.cli.bench.BenchHarness;
import io.trailhound.cli.bench.BenchHarness.Tally;
import io.trailhound.cli.bench.BenchRounds;
import io.trailhound.cli.bench.BenchRounds.Measured;
import io.trailhound.core.rules.RuleFormats;
import io.trailhound.core.rules.engine.RuleSet;
import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * The bench row of {@code scan s3://…}: the bench dataset uploaded to S3Proxy (in this JVM, objects
 * on disk), then the default scan (attribution + the built-in pack, no store) over the local files
 * and over {@code s3://bench-trail/}, alternated in rounds by the bench harness' timing, each with
 * the thread count the CLI picks when {@code --threads} is not given. Both rows must see the same
 * records and alerts. Outside the shipped jar (S3Proxy is no dependency of the CLI):
 *
 * <pre>
 * java -XX:+UseParallelGC -cp bench/target/classes:$(cat bench/target/classpath.txt) \
 *     io.trailhound.bench.s3.S3ScanBench [--events 200000] [--repeats 3] [--seed 42] [--cache DIR] [--s3-threads N]
 * </pre>
 */
public final class S3ScanBench {
    static final String BUCKET = "bench-trail";

    private S3ScanBench() {
    }

    public static void main(String[] args) throws Exception {
        long events = 200_000;
        long seed = 42;
        int repeats = 3;
        Path cache = BenchConfig.defaultCacheDir();
        int cores = Runtime.getRuntime().availableProcessors();
        int s3Threads = TrailSources.readThreads(cores);
        for (int i = 0; i < args.length; i++) {
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--events" -> events = Long.parseLong(v);
                case "--seed" -> seed = Long.parseLong(v);
                case "--repeats" -> repeats = Integer.parseInt(v);
                case "--cache" -> cache = Path.of(v);
                case "--s3-threads" -> s3Threads = Integer.parseInt(v);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (--events N, --seed N, --repeats N, --cache DIR, --s3-threads N)");
            }
            i++;
        }
        BenchDataset data = BenchDataset.obtain(cache, events, seed, System.err::println);
        Path store = Files.createTempDirectory("trailhound-s3bench-");
        try (LocalS3Endpoint s3 = new LocalS3Endpoint(store)) {
            run(data, s3, repeats, cores, s3Threads);
        } finally {
            deleteTree(store);
        }
    }

    private static void run(BenchDataset data, LocalS3Endpoint endpoint, int repeats, int localThreads, int s3Threads)
            throws Exception {
        long t0 = System.nanoTime();
        try (S3Client client = S3Clients.create(endpoint.settings())) {
            upload(client, data);
        }
        double uploadSeconds = (System.nanoTime() - t0) / 1e9;
        RuleSet builtin = new RuleSet(RuleFormats.builtin().rules());
        String local = data.logsRoot().toString();
        String s3 = "s3://" + BUCKET + "/";
        try (TrailSources sources = new TrailSources(endpoint.settings(), 16)) {
            CpuTime localCpu = new CpuTime();
            CpuTime s3Cpu = new CpuTime();
            Measured localRow = new Measured("local", "scan " + local, () -> localCpu.of(() -> BenchHarness.scan(
                    () -> sources.find(List.of(local), TrailKeyFilter.ALL), localThreads, true, builtin)));
            Measured s3Row = new Measured("s3", "scan " + s3, () -> s3Cpu.of(() -> BenchHarness.scan(
                    () -> sources.find(List.of(s3), TrailKeyFilter.ALL), s3Threads, true, builtin)));
            List<Measured> rows = List.of(localRow, s3Row);
            BenchRounds.time(rows, repeats, System.err::println);
            Tally a = localRow.first();
            Tally b = s3Row.first();
            if (a.records() != b.records() || a.duplicates() != b.duplicates() || a.alerts() != b.alerts()) {
                throw new IllegalStateException("the S3 scan saw other data than the local scan: " + b + " against " + a);
            }
            report(data, repeats, localThreads, s3Threads, uploadSeconds, localRow, s3Row, rows);
            System.out.printf(Locale.ROOT, "process CPU per run (median, this JVM, S3Proxy included): local %.2f s, s3 %.2f s%n",
                    localCpu.median(), s3Cpu.median());
            listingAlone(sources, s3);
        }
    }

    private static void report(BenchDataset data, int repeats, int localThreads, int s3Threads, double uploadSeconds,
                               Measured local, Measured s3, List<Measured> rows) {
        long n = data.events();
        System.out.printf(Locale.ROOT, "S3 scan bench: %d events in %d gzip objects (%.1f MB), %d cores, Java %s;"
                        + " uploaded to S3Proxy (filesystem store) in %.1f s; %d rounds after a warm-up round%n",
                n, data.files().size(), data.compressedBytes() / 1e6, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), uploadSeconds, repeats);
        System.out.printf(Locale.ROOT, "%-6s %8s %12s %8s%n", "row", "median s", "events/s", "threads");
        System.out.printf(Locale.ROOT, "%-6s %8.3f %,12.0f %8d%n", "local", local.median(), n / local.median(), localThreads);
        System.out.printf(Locale.ROOT, "%-6s %8.3f %,12.0f %8d%n", "s3", s3.median(), n / s3.median(), s3Threads);
        System.out.printf(Locale.ROOT, "ratio s3/local (events/s): %.2fx (target >= 0.70x); both rows: %d records, %d alerts%n",
                local.median() / s3.median(), local.first().records(), local.first().alerts());
        System.out.println(BenchRounds.spread(rows));
    }

    /** The part of the S3 row that is listing (the objects' layout, no GET): wall and CPU of one listing. */
    private static void listingAlone(TrailSources sources, String s3) {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        int n = sources.find(List.of(s3), TrailKeyFilter.ALL).inputs().size();
        System.out.printf(Locale.ROOT, "listing %s alone: %d objects in %.2f s, process CPU %.2f s; %s%n", s3, n,
                (System.nanoTime() - t0) / 1e9, (os.getProcessCpuTime() - cpu0) / 1e9, sources.listingNote());
    }

    /** This JVM's CPU time over each run of a row: on a shared 2-core machine, whether a row waits or works. */
    private static final class CpuTime {
        private final List<Double> seconds = new ArrayList<>();

        Tally of(BenchRounds.Task task) throws IOException, SQLException {
            OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long t0 = os.getProcessCpuTime();
            Tally t = task.run();
            seconds.add((os.getProcessCpuTime() - t0) / 1e9);
            return t;
        }

        double median() {
            return BenchRounds.median(seconds.subList(1, seconds.size()).stream().mapToDouble(Double::doubleValue).toArray());
        }
    }

    /** Every log file, keyed by its path under the logs root (AWSLogs/…), a few PUTs at a time. */
    private static void upload(S3Client client, BenchDataset data) throws Exception {
        client.createBucket(CreateBucketRequest.builder().bucket(BUCKET).build());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> puts = new ArrayList<>();
            for (Path f : data.files()) {
                String key = data.logsRoot().relativize(f).toString().replace('\\', '/');
                puts.add(pool.submit(() -> client.putObject(PutObjectRequest.builder().bucket(BUCKET).key(key).build(),
                        RequestBody.fromFile(f))));
            }
            for (Future<?> p : puts) {
                p.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
