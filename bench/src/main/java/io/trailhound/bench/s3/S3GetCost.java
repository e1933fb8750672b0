package io.trailhound.bench.s3;

import io.trailhound.aws.AwsSettings;
import io.trailhound.aws.s3.S3Clients;
import io.trailhound.aws.s3.S3RequestPath;
import io.trailhound.aws.s3.TrailKeyFilter;
import io.trailhound.aws.s3.TrailSources;
import io.trailhound.cli.bench.BenchConfig;
import io.trailhound.cli.bench.BenchDataset;
import io.trailhound.core.ingest.InputSource;
import com.sun.management.OperatingSystemMXBean;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What one GET of a trail object costs each side, apart from decoding: the bench dataset uploaded
 * to S3Proxy in a child JVM (as {@link S3ScanBench} does), then every object read to its end over
 * {@code scan s3://}'s own path ({@link io.trailhound.aws.s3.S3Inputs}: signed GET, streamed body)
 * by N threads and thrown away, in rounds, against the checking port and (with {@code --unchecked})
 * the port that does not check signatures. Prints the CPU time per GET of this JVM (the client) and
 * of S3Proxy's process, so a change to either side is measured without the scan around it. With
 * {@code --endpoint URL}, the GETs go to an endpoint already started and filled (how {@link
 * S3ScanBench} warms its endpoint up from a JVM of its own).
 *
 * <pre>
 * java -cp bench/target/classes:$(cat bench/target/classpath.txt) io.trailhound.bench.s3.S3GetCost \
 *     [--events 200000] [--cache DIR] [--rounds 5] [--threads 4] [--unchecked] [--url] [--endpoint-jvm "OPTIONS"] [--endpoint-store indexed|memory]
 * </pre>
 */
public final class S3GetCost {
    private S3GetCost() {
    }

    public static void main(String[] args) throws Exception {
        long events = 200_000;
        Path cache = BenchConfig.defaultCacheDir();
        int rounds = 5;
        int threads = 4;
        boolean unchecked = false;
        boolean viaUrlConnection = false;
        String endpointJvm = S3ScanBench.ENDPOINT_JVM;
        String endpointStore = "indexed";
        String endpoint = null;
        String uncheckedEndpoint = null;
        long endpointPid = -1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--events" -> events = Long.parseLong(args[++i]);
                case "--cache" -> cache = Path.of(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--unchecked" -> unchecked = true;
                case "--url" -> viaUrlConnection = true;
                case "--endpoint-jvm" -> endpointJvm = args[++i];
                case "--endpoint-store" -> endpointStore = args[++i];
                case "--endpoint" -> endpoint = args[++i];
                case "--unchecked-endpoint" -> uncheckedEndpoint = args[++i];
                case "--endpoint-pid" -> endpointPid = Long.parseLong(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (--events N, --cache DIR, --rounds N, --threads N,"
                        + " --unchecked, --url, --endpoint-jvm \"OPTIONS\", --endpoint-store indexed|memory; or, against a running"
                        + " endpoint holding the bench's objects: --endpoint URL [--unchecked-endpoint URL] [--endpoint-pid PID])");
            }
        }
        if (endpoint != null) { // an endpoint the bench started and filled: GETs only (S3ScanBench's warm-up)
            ProcessHandle server = endpointPid < 0 ? null : ProcessHandle.of(endpointPid).orElse(null);
            System.out.printf(Locale.ROOT, "GET cost at %s, %d threads%n", endpoint, threads);
            measure(EndpointProcess.settings(endpoint), uncheckedEndpoint == null ? null : EndpointProcess.settings(uncheckedEndpoint),
                    viaUrlConnection, rounds, threads, () -> server == null ? 0 : EndpointProcess.cpuSeconds(server));
            return;
        }
        BenchDataset data = BenchDataset.obtain(cache, events, 42, System.err::println);
        List<String> jvm = endpointJvm.isBlank() ? List.of() : List.of(endpointJvm.trim().split("\\s+"));
        try (EndpointProcess s3 = new EndpointProcess(List.of(endpointStore), jvm, unchecked)) {
            try (S3Client client = S3Clients.create(s3.settings())) {
                S3ScanBench.upload(client, data);
            }
            System.out.printf(Locale.ROOT, "GET cost: %d objects, %d threads, endpoint JVM \"%s\", %s store%n",
                    data.files().size(), threads, endpointJvm, endpointStore);
            measure(s3.settings(), unchecked ? s3.uncheckedSettings() : null, viaUrlConnection, rounds, threads, s3::cpuSeconds);
        }
    }

    /**
     * Every object of the bench's bucket GET by {@code threads} threads, a warm-up round and {@code rounds}
     * more, through the checking port and (when given) the one that does not check signatures; with
     * {@code viaUrlConnection}, also the same requests sent with the SDK's HTTP client (the JDK's URL
     * connection, the path before {@code Http11Client}) to the checking port, as {@code url} rows.
     */
    private static void measure(AwsSettings checkedPort, AwsSettings uncheckedPort, boolean viaUrlConnection, int rounds,
                                int threads, DoubleSupplier serverCpu) throws InterruptedException {
        String bucket = "s3://" + S3ScanBench.BUCKET + "/";
        try (TrailSources checked = new TrailSources(checkedPort, 16);
             TrailSources open = uncheckedPort == null ? null : new TrailSources(uncheckedPort, 16);
             TrailSources url = viaUrlConnection ? new TrailSources(checkedPort, 16, S3RequestPath.SDK_HTTP_CLIENT) : null) {
            List<InputSource> viaChecked = checked.find(List.of(bucket), TrailKeyFilter.ALL).inputs();
            List<InputSource> viaOpen = open == null ? null : open.find(List.of(bucket), TrailKeyFilter.ALL).inputs();
            List<InputSource> viaUrl = url == null ? null : url.find(List.of(bucket), TrailKeyFilter.ALL).inputs();
            for (int r = 0; r <= rounds; r++) {
                String round = r == 0 ? "warm-up" : "round " + r;
                print(round, "s3", drain(viaChecked, threads, serverCpu));
                if (viaOpen != null) {
                    print(round, "s3na", drain(viaOpen, threads, serverCpu));
                }
                if (viaUrl != null) {
                    print(round, "url", drain(viaUrl, threads, serverCpu));
                }
            }
        }
    }

    /**
     * Warms {@code endpoint} up with {@code passes} GETs of every object on each of its ports, from a JVM
     * of its own (so that neither the scan's JVM nor its counted CPU is touched), and waits for it; its
     * report goes to stderr.
     */
    static void warm(EndpointProcess endpoint, int passes) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseParallelGC", "-cp", System.getProperty("java.class.path"), S3GetCost.class.getName(),
                "--endpoint", endpoint.endpoint(), "--endpoint-pid", Long.toString(endpoint.pid()), "--rounds",
                Integer.toString(passes - 1)));
        if (endpoint.uncheckedEndpoint() != null) {
            cmd.addAll(List.of("--unchecked-endpoint", endpoint.uncheckedEndpoint()));
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            out.lines().forEach(l -> System.err.println("endpoint warm-up: " + l));
        }
        if (p.waitFor() != 0) {
            throw new IOException("the endpoint's warm-up failed (exit " + p.exitValue() + "): " + cmd);
        }
    }

    private record Cost(int gets, long bytes, double wall, double client, double server) {
    }

    private static void print(String round, String row, Cost c) {
        System.out.printf(Locale.ROOT, "%-8s %-5s %6d GETs %6.1f MB %6.3f s  client %5.1f µs/GET  S3Proxy %5.1f µs/GET  both %5.1f%n",
                round, row, c.gets(), c.bytes() / 1e6, c.wall(), c.client() / c.gets() * 1e6, c.server() / c.gets() * 1e6,
                (c.client() + c.server()) / c.gets() * 1e6);
    }

    /** Every input read to its end and dropped by {@code threads} threads; CPU of both processes counted apart. */
    private static Cost drain(List<InputSource> inputs, int threads, DoubleSupplier serverCpu) throws InterruptedException {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        AtomicInteger next = new AtomicInteger();
        AtomicLong bytes = new AtomicLong();
        long t0 = System.nanoTime();
        long c0 = os.getProcessCpuTime();
        double s0 = serverCpu.getAsDouble();
        Thread[] pool = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            pool[t] = new Thread(() -> {
                byte[] buf = new byte[64 * 1024];
                for (int i = next.getAndIncrement(); i < inputs.size(); i = next.getAndIncrement()) {
                    try (InputStream in = inputs.get(i).open()) {
                        for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                            bytes.addAndGet(n);
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            });
            pool[t].start();
        }
        for (Thread t : pool) {
            t.join();
        }
        return new Cost(inputs.size(), bytes.get(), (System.nanoTime() - t0) / 1e9, (os.getProcessCpuTime() - c0) / 1e9,
                serverCpu.getAsDouble() - s0);
    }
}
