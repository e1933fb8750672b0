package io.trailhound.bench.s3;

import io.trailhound.aws.AwsSettings;
import io.trailhound.s3local.S3ProxyServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * S3Proxy ({@link S3ProxyServer}, as the aws tests start it) in a child JVM started from this
 * JVM's own classpath, so the bench's process holds only the scan it measures and the server's
 * CPU time is counted apart ({@link #cpuSeconds}). The child stops when its stdin ends: on
 * {@link #close}, or when this JVM exits in any way.
 */
final class EndpointProcess implements AutoCloseable {
    private final Process process;
    private final String endpoint;
    private String uncheckedEndpoint;

    /**
     * @param store {@code indexed}, {@code memory}, or {@code folder DIR} (see {@link S3ProxyServer#main})
     * @param unchecked also serve the same objects on a second port that does not check signatures
     */
    EndpointProcess(List<String> store, List<String> jvmOptions, boolean unchecked) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), S3ProxyServer.class.getName()));
        cmd.addAll(store);
        if (unchecked) {
            cmd.add("unchecked");
        }
        process = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null && !line.startsWith(S3ProxyServer.READY)) {
            if (line.startsWith(S3ProxyServer.UNCHECKED)) {
                uncheckedEndpoint = line.substring(S3ProxyServer.UNCHECKED.length()).trim();
            } else {
                System.err.println("s3proxy: " + line);
            }
        }
        if (line == null) {
            close();
            throw new IOException("the S3Proxy child JVM ended before it served (exit " + process.exitValue() + "): " + cmd);
        }
        endpoint = line.substring(S3ProxyServer.READY.length()).trim();
        Thread drain = new Thread(() -> out.lines().forEach(l -> System.err.println("s3proxy: " + l)), "s3proxy-stdout");
        drain.setDaemon(true);
        drain.start();
    }

    /** As {@code --endpoint-url URL --region us-east-1} with the server's keys, and the CLI's retries. */
    AwsSettings settings() {
        return settings(endpoint);
    }

    /**
     * As {@link #settings}, for the endpoint over the same objects that does not check signatures:
     * the client signs every request as it would for AWS all the same.
     */
    AwsSettings uncheckedSettings() {
        if (uncheckedEndpoint == null) {
            throw new IllegalStateException("the endpoint was started without an unchecked port");
        }
        return settings(uncheckedEndpoint);
    }

    /** As {@link #settings} for the endpoint at {@code url} (a process that did not start it: the warm-up). */
    static AwsSettings settings(String url) {
        return AwsSettings.of(null, "us-east-1", url).withCredentials(
                StaticCredentialsProvider.create(AwsBasicCredentials.create(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)));
    }

    long pid() {
        return process.pid();
    }

    String endpoint() {
        return endpoint;
    }

    /** The port that does not check signatures, or null when not asked for. */
    String uncheckedEndpoint() {
        return uncheckedEndpoint;
    }

    /** CPU time the server's process has used so far (user + system), in seconds. */
    double cpuSeconds() {
        return cpuSeconds(process.toHandle());
    }

    /** CPU time a process has used so far (user + system), in seconds; 0 when it is gone. */
    static double cpuSeconds(ProcessHandle p) {
        return p.info().totalCpuDuration().orElse(Duration.ZERO).toNanos() / 1e9;
    }

    @Override
    public void close() throws IOException {
        process.getOutputStream().close();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
