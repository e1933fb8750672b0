package io.trailhound.bench.s3;

import io.trailhound.aws.s3.S3Clients;
import io.trailhound.aws.s3.S3RequestPath;
import io.trailhound.aws.s3.TrailKeyFilter;
import io.trailhound.aws.s3.TrailSources;
import io.trailhound.cli.bench.BenchConfig;
import io.trailhound.cli.bench.BenchDataset;
import io.trailhound.cli.bench.BenchHarness;
import io.trailhound.cli.bench.BenchHarness.Tally;
import io.trailhound.cli.bench.BenchRounds;
import io.trailhound.cli.bench.BenchRounds.Measured;
import io.trailhound.core.ingest.InputFeed;
import io.trailhound.core.rules.RuleFormats;
import io.trailhound.core.rules.engine.RuleSet;
import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.Stream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * The bench rows of {@code scan s3://}: the bench dataset uploaded to S3Proxy (started as the aws
 * tests start it, in a child JVM: its own process, its CPU time counted apart; objects in its heap,
 * listed from a sorted index so that a page costs it what the page holds, as on S3 (the default,
 * {@code --endpoint-store indexed}); with {@code memory} listed as jclouds' in-memory store does,
 * loading every object under the prefix at each page (the bench's endpoint before); with
 * {@code folder} files in a temporary folder, read through the page cache as the local scan's are,
 * at a far higher CPU cost to S3Proxy: its filesystem store reads every object's metadata under a
 * prefix from the file's extended attributes at each listing call),
 * then the default scan (attribution + the built-in pack, no store) over the local files and over
 * {@code s3://bench-trail/} with each number of readers asked for, alternated in rounds by the bench
 * harness' timing. With {@code --unchecked-threads}, {@code s3na} rows send the same signed requests
 * to a second port of the same S3Proxy that does not check signatures (what S3's own machines do
 * for the scan). Before the rounds, S3Proxy is warmed up with {@code --endpoint-warmup} GETs of every
 * object on each port from a JVM of its own ({@link S3GetCost}), so that the rows count what serving
 * costs it, not its JIT compiling, and the scan's JVM is not touched ({@code 0}: a cold S3Proxy, as
 * before). Every row must see the same records and alerts. Outside the shipped jar (S3Proxy
 * is no dependency of the CLI):
 *
 * <pre>
 * java -XX:+UseParallelGC -cp bench/target/classes:$(cat bench/target/classpath.txt) \
 *     io.trailhound.bench.s3.S3ScanBench [--events 200000] [--repeats 3] [--seed 42] [--cache DIR] \
 *     [--s3-threads 1,2,4] [--sdk-threads 4|none] [--list-first-threads 4|none] [--unchecked-threads 4|none] [--url-threads 4|none] \
 *     [--endpoint-jvm "-XX:+UseSerialGC -Xmx1g"] [--endpoint-store indexed|memory|folder] [--endpoint-warmup 6|0]
 * </pre>
 */
public final class S3ScanBench {
    static final String BUCKET = "bench-trail";
    static final String ENDPOINT_JVM = "-XX:+UseSerialGC -Xmx1g";
    /**
     * GETs of every object, on each port, sent to S3Proxy before the rounds. A fresh S3Proxy JIT-compiles
     * its request path over its first tens of thousands of requests (its CPU a GET fell from about 180 to 35
     * µs over six passes of the bench's objects, S3GetCost), which S3, a warm service on other machines,
     * never costs the scan.
     */
    static final int DEFAULT_ENDPOINT_WARMUP = 6;

    private S3ScanBench() {
    }

    public static void main(String[] args) throws Exception {
        long events = 200_000;
        long seed = 42;
        int repeats = 3;
        Path cache = BenchConfig.defaultCacheDir();
        int cores = Runtime.getRuntime().availableProcessors();
        List<Integer> s3Threads = List.of(1, 2, 4, TrailSources.readThreads(cores));
        List<Integer> sdkThreads = List.of(4);
        List<Integer> listFirstThreads = List.of();
        List<Integer> uncheckedThreads = List.of();
        List<Integer> urlThreads = List.of();
        String endpointJvm = ENDPOINT_JVM;
        String endpointStore = "indexed";
        int endpointWarmup = DEFAULT_ENDPOINT_WARMUP;
        for (int i = 0; i < args.length; i++) {
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--events" -> events = Long.parseLong(v);
                case "--seed" -> seed = Long.parseLong(v);
                case "--repeats" -> repeats = Integer.parseInt(v);
                case "--cache" -> cache = Path.of(v);
                case "--s3-threads" -> s3Threads = threadCounts(v);
                case "--sdk-threads" -> sdkThreads = v.isBlank() || v.equals("none") ? List.of() : threadCounts(v);
                case "--list-first-threads" -> listFirstThreads = v.isBlank() || v.equals("none") ? List.of() : threadCounts(v);
                case "--unchecked-threads" -> uncheckedThreads = v.isBlank() || v.equals("none") ? List.of() : threadCounts(v);
                case "--url-threads" -> urlThreads = v.isBlank() || v.equals("none") ? List.of() : threadCounts(v);
                case "--endpoint-jvm" -> endpointJvm = v;
                case "--endpoint-store" -> endpointStore = v;
                case "--endpoint-warmup" -> endpointWarmup = Integer.parseInt(v);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (--events N, --seed N,"
                        + " --repeats N, --cache DIR, --s3-threads N[,N...], --sdk-threads N[,N...]|none, --list-first-threads N[,N...]|none, --unchecked-threads N[,N...]|none, --url-threads N[,N...]|none, --endpoint-jvm \"OPTIONS\", --endpoint-store indexed|memory|folder, --endpoint-warmup N)");
            }
            i++;
        }
        if (!List.of("indexed", "memory", "folder").contains(endpointStore)) {
            throw new IllegalArgumentException("--endpoint-store: indexed, memory or folder, not " + endpointStore);
        }
        BenchDataset data = BenchDataset.obtain(cache, events, seed, System.err::println);
        Path store = Files.createTempDirectory("trailhound-s3bench-");
        List<String> jvm = endpointJvm.isBlank() ? List.of() : List.of(endpointJvm.trim().split("\\s+"));
        List<String> storeArgs = endpointStore.equals("folder") ? List.of("folder", store.toString()) : List.of(endpointStore);
        try (EndpointProcess s3 = new EndpointProcess(storeArgs, jvm, !uncheckedThreads.isEmpty())) {
            System.err.println("S3Proxy in process " + s3.pid() + " (" + String.join(" ", jvm) + "), " + endpointStore + " store");
            run(data, s3, endpointStore, endpointWarmup, repeats, cores, s3Threads.stream().distinct().toList(),
                    sdkThreads.stream().distinct().toList(), listFirstThreads.stream().distinct().toList(),
                    uncheckedThreads.stream().distinct().toList(), urlThreads.stream().distinct().toList());
        } finally {
            deleteTree(store);
        }
    }

    private static List<Integer> threadCounts(String v) {
        return Arrays.stream(v.split(",")).map(String::trim).map(Integer::valueOf).toList();
    }

    private static void run(BenchDataset data, EndpointProcess endpoint, String endpointStore, int endpointWarmup, int repeats, int localThreads,
                            List<Integer> s3Threads, List<Integer> sdkThreads, List<Integer> listFirstThreads,
                            List<Integer> uncheckedThreads, List<Integer> urlThreads) throws Exception {
        long t0 = System.nanoTime();
        try (S3Client client = S3Clients.create(endpoint.settings())) {
            upload(client, data);
        }
        double uploadSeconds = (System.nanoTime() - t0) / 1e9;
        if (endpointWarmup > 0) {
            S3GetCost.warm(endpoint, endpointWarmup);
        }
        RuleSet builtin = new RuleSet(RuleFormats.builtin().rules());
        String local = data.logsRoot().toString();
        String s3 = "s3://" + BUCKET + "/";
        try (TrailSources sources = new TrailSources(endpoint.settings(), 16);
             TrailSources viaSdk = new TrailSources(endpoint.settings(), 16, true);
             TrailSources viaUrl = new TrailSources(endpoint.settings(), 16, S3RequestPath.SDK_HTTP_CLIENT);
             TrailSources unchecked = uncheckedThreads.isEmpty() ? null : new TrailSources(endpoint.uncheckedSettings(), 16)) {
            List<Row> rows = new ArrayList<>();
            rows.add(Row.of("local", "scan " + local, localThreads, endpoint, builtin,
                    () -> InputFeed.of(sources.find(List.of(local), TrailKeyFilter.ALL))));
            for (int readers : s3Threads) {
                rows.add(Row.of("s3 x" + readers, "scan " + s3 + " --threads " + readers, readers, endpoint, builtin,
                        () -> sources.feed(List.of(s3), TrailKeyFilter.ALL)));
            }
            for (int readers : uncheckedThreads) { // the same requests, signed, to a port of S3Proxy that does not check them
                rows.add(Row.of("s3na x" + readers, "scan " + s3 + " --threads " + readers + " (signatures not checked by S3Proxy)",
                        readers, endpoint, builtin, () -> unchecked.feed(List.of(s3), TrailKeyFilter.ALL)));
            }
            for (int readers : listFirstThreads) { // what reading beside the listing saves: the whole listing first
                rows.add(Row.of("lf x" + readers, "scan " + s3 + " --threads " + readers + " (listed before reading)", readers,
                        endpoint, builtin, () -> InputFeed.of(sources.find(List.of(s3), TrailKeyFilter.ALL))));
            }
            for (int readers : urlThreads) { // the same requests sent with the SDK's HTTP client, as before Http11Client
                rows.add(Row.of("url x" + readers, "scan " + s3 + " --threads " + readers + " (the SDK's HTTP client)", readers,
                        endpoint, builtin, () -> viaUrl.feed(List.of(s3), TrailKeyFilter.ALL)));
            }
            for (int readers : sdkThreads) { // the yardstick: every list and GET call through the SDK's own pipeline
                rows.add(Row.of("sdk x" + readers, "scan " + s3 + " --threads " + readers + " (SDK calls)", readers, endpoint,
                        builtin, () -> viaSdk.feed(List.of(s3), TrailKeyFilter.ALL)));
            }
            List<Measured> measured = rows.stream().map(Row::measured).toList();
            BenchRounds.time(measured, repeats, System.err::println);
            Tally a = measured.get(0).first();
            for (Measured m : measured) {
                Tally b = m.first();
                if (a.records() != b.records() || a.duplicates() != b.duplicates() || a.alerts() != b.alerts()) {
                    throw new IllegalStateException("row " + m.id() + " saw other data than the local scan: " + b + " against " + a);
                }
            }
            report(data, endpointStore, endpointWarmup, repeats, uploadSeconds, rows);
        }
        listingCalls(endpoint, s3);
    }

    /** What one listing of the bucket asks for, with a lister of its own so that the counts are one listing's. */
    private static void listingCalls(EndpointProcess endpoint, String s3) {
        try (TrailSources once = new TrailSources(endpoint.settings(), 16)) {
            int n = once.find(List.of(s3), TrailKeyFilter.ALL).inputs().size();
            System.out.println("listing " + s3 + ": " + n + " objects; " + once.listingNote());
        }
    }

    /** A row measured with the CPU time of both processes and the time its listing took, over its runs. */
    private record Row(Measured measured, int threads, RunCosts costs) {
        static Row of(String id, String description, int threads, EndpointProcess endpoint, RuleSet rules,
                      Supplier<InputFeed> find) {
            RunCosts costs = new RunCosts(endpoint);
            return new Row(new Measured(id, description,
                    () -> costs.of(() -> BenchHarness.scanFeed(costs.timed(find), threads, true, rules))), threads, costs);
        }
    }

    private static void report(BenchDataset data, String endpointStore, int endpointWarmup, int repeats, double uploadSeconds,
                               List<Row> rows) {
        long n = data.events();
        int objects = data.files().size();
        System.out.printf(Locale.ROOT, "S3 scan bench: %d events in %d gzip objects (%.1f MB), %d cores, Java %s;"
                        + " uploaded to S3Proxy (%s store, child JVM) in %.1f s; %s; %d rounds after a warm-up round%n",
                n, objects, data.compressedBytes() / 1e6, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), endpointStore, uploadSeconds, endpointWarmup > 0
                        ? "S3Proxy warmed up with " + endpointWarmup + " GETs of every object on each port, from a JVM of its own,"
                        + " before the rounds (S3 is a warm service; --endpoint-warmup 0: a cold S3Proxy, as before)"
                        : "S3Proxy not warmed up (--endpoint-warmup 0: it compiles its GET path during the rounds)", repeats);
        System.out.printf(Locale.ROOT, "%-7s %8s %9s %12s %8s %9s %11s %9s %12s %13s %12s%n", "row", "median s", "listing",
                "events/s", "threads", "vs local", "scan CPU s", "CPU vs", "S3Proxy CPU", "scan CPU/obj", "both CPU vs");
        double localSeconds = rows.get(0).measured().median();
        double localCpu = rows.get(0).costs().scanMedian();
        for (Row r : rows) {
            double s = r.measured().median();
            RunCosts c = r.costs();
            System.out.printf(Locale.ROOT, "%-7s %8.3f %9.3f %,12.0f %8d %8.2fx %11.2f %8.2fx %12.2f %10.0f µs %11.2fx%n",
                    r.measured().id(), s, c.listingMedian(), n / s, r.threads(), localSeconds / s, c.scanMedian(),
                    localCpu / c.scanMedian(), c.endpointMedian(), c.scanMedian() / objects * 1e6,
                    localCpu / (c.scanMedian() + c.endpointMedian()));
        }
        System.out.printf(Locale.ROOT, "vs local: the row's events/s over the local scan's, same run (target for s3 >= 0.70x);"
                + " listing: from the row's start until its last input was found (s3: ListObjectsV2 by layout level, no GET, beside"
                + " the reading, which starts with the first object);"
                + " scan CPU: this JVM's, the scan alone (S3Proxy runs in its own process), and the local scan's over it"
                + " (CPU vs): the client's cost apart from waiting on a shared machine; both CPU vs: the local scan's CPU over"
                + " the scan's and S3Proxy's together (what the ratio tends to when both share the same busy cores);"
                + (endpointWarmup > 0 ? " S3Proxy CPU: after its warm-up before the rounds (first line), so its serving, not its JIT;"
                        : " S3Proxy CPU: not warmed up (--endpoint-warmup 0), its JIT compiling included;")
                + " s3na rows: as s3, every request signed, sent to a second S3Proxy port over the same objects that does not check"
                + " signatures (S3 checks them on its own machines, not on the scan's);"
                + " lf rows: the whole listing before the first GET, as before reading went beside it;"
                + " url rows: as s3, the requests sent with the SDK's HTTP client (the JDK's URL connection) instead of Http11Client;"
                + " sdk rows: every list and GET call through the SDK's own pipeline (the yardstick); medians of the timed runs;"
                + " every row: %d records, %d alerts%n", rows.get(0).measured().first().records(),
                rows.get(0).measured().first().alerts());
        System.out.println(BenchRounds.spread(rows.stream().map(Row::measured).toList()));
    }

    /**
     * Over each run of a row: CPU time of this JVM (the scan) and of the S3Proxy process apart (on a
     * shared 2-core machine, whether a row waits or works, and whose work it is), and the listing's wall time.
     */
    private static final class RunCosts {
        private final EndpointProcess endpoint;
        private final List<Double> scan = new ArrayList<>();
        private final List<Double> server = new ArrayList<>();
        private final List<Double> listing = new ArrayList<>();

        RunCosts(EndpointProcess endpoint) {
            this.endpoint = endpoint;
        }

        Tally of(BenchRounds.Task task) throws IOException, SQLException {
            OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long t0 = os.getProcessCpuTime();
            double e0 = endpoint.cpuSeconds();
            Tally t = task.run();
            scan.add((os.getProcessCpuTime() - t0) / 1e9);
            server.add(endpoint.cpuSeconds() - e0);
            // each run's CPU on stderr: whether both processes still compile (CPU falling run by run) shows here
            System.err.printf(Locale.ROOT, "  scan CPU %.2f s, S3Proxy CPU %.2f s%n", scan.get(scan.size() - 1),
                    server.get(server.size() - 1));
            return t;
        }

        /**
         * The inputs, timed from the start until the last one is found: for s3 rows the listing runs
         * beside the reading, so this is when it ended, not time the reading waited.
         */
        Supplier<InputFeed> timed(Supplier<InputFeed> find) {
            return () -> {
                long t0 = System.nanoTime();
                InputFeed feed = find.get();
                return new ListingClock(feed, () -> listing.add((System.nanoTime() - t0) / 1e9));
            };
        }

        /** Medians over the timed runs (the warm-up left out). */
        double scanMedian() {
            return median(scan);
        }

        double endpointMedian() {
            return median(server);
        }

        double listingMedian() {
            return median(listing);
        }

        private static double median(List<Double> seconds) {
            return BenchRounds.median(seconds.subList(1, seconds.size()).stream().mapToDouble(Double::doubleValue).toArray());
        }
    }

    /** Every log file, keyed by its path under the logs root (AWSLogs/…), a few PUTs at a time. */
    static void upload(S3Client client, BenchDataset data) throws Exception {
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
