package io.trailhound.cli.output;

import io.trailhound.core.alert.Alert;
import io.trailhound.core.alert.AlertSink;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * {@code --alerts-webhook URL}: posts each alert, as the JSON the CLI prints for it (Falco's keys,
 * which Falcosidekick takes and routes to its outputs), to an HTTP endpoint. A bounded queue sits
 * between the scan and one sender thread, so a slow endpoint never holds up reading; a failed post
 * (connection error, timeout, 408, 429 or 5xx) is retried with exponential backoff; an alert that
 * still fails, is refused (another 4xx), finds the queue full, or is still queued when the run ends
 * and {@link Settings#drainTimeout} has passed, is counted and handed back by {@link #undelivered()}
 * for the host to keep (the store, or a file): never dropped silently.
 */
public final class AlertWebhook implements AlertSink, AutoCloseable {
    /** How hard to try. */
    public record Settings(URI url, int queueCapacity, int maxAttempts, Duration firstBackoff, Duration maxBackoff,
                           Duration requestTimeout, Duration drainTimeout) {
        public Settings {
            String scheme = url.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https")) || url.getHost() == null) {
                throw new IllegalArgumentException("--alerts-webhook: not an http(s) URL: " + url);
            }
        }

        public static Settings defaults(URI url) {
            return new Settings(url, 10_000, 5, Duration.ofMillis(250), Duration.ofSeconds(8), Duration.ofSeconds(10),
                    Duration.ofSeconds(60));
        }
    }

    /** An alert not delivered: its id, the JSON it was to carry, the tries made and why the last failed. */
    public record Undelivered(String alertId, String payload, int attempts, String lastError) {
    }

    /** What happened to the run's alerts. */
    public record Report(String destination, long delivered, long undelivered, long retries) {
    }

    private record Queued(String alertId, String payload) {
    }

    private static final Queued STOP = new Queued(null, null);

    private final Settings settings;
    private final Function<Alert, String> payload;
    private final HttpClient http;
    private final BlockingQueue<Queued> queue;
    private final List<Undelivered> undelivered = new ArrayList<>();
    private long undeliveredCount;
    private final Thread sender;
    private volatile long delivered;
    private volatile long retries;
    private volatile boolean stopping;

    /** {@code payload}: the alert's JSON text, made on the caller's thread so the queue holds no events. */
    public AlertWebhook(Settings settings, Function<Alert, String> payload, HttpClient http) {
        this.settings = settings;
        this.payload = payload;
        this.http = http;
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity() + 1); // +1: room for STOP
        this.sender = new Thread(this::send, "trailhound-webhook");
        sender.setDaemon(true);
        sender.start();
    }

    public static AlertWebhook start(URI url, Function<Alert, String> payload) {
        Settings s = Settings.defaults(url);
        return new AlertWebhook(s, payload, HttpClient.newBuilder().connectTimeout(s.requestTimeout()).build());
    }

    /** Where alerts go, without credentials or query (which may hold a token): safe to print and store. */
    public String destination() {
        URI u = settings.url();
        return u.getScheme() + "://" + u.getHost() + (u.getPort() >= 0 ? ":" + u.getPort() : "")
                + (u.getRawPath() == null ? "" : u.getRawPath());
    }

    @Override
    public void alert(Alert a) {
        Queued q = new Queued(a.id(), payload.apply(a));
        if (stopping || queue.size() >= settings.queueCapacity() || !queue.offer(q)) {
            fail(q, 0, "the queue was full (" + settings.queueCapacity() + " alerts waiting)");
        }
    }

    private void send() {
        while (true) {
            Queued q;
            try {
                q = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (q == STOP) {
                return;
            }
            deliver(q);
        }
    }

    private void deliver(Queued q) {
        HttpRequest request = HttpRequest.newBuilder(settings.url()).timeout(settings.requestTimeout())
                .header("Content-Type", "application/json").header("User-Agent", "trailhound")
                .POST(HttpRequest.BodyPublishers.ofString(q.payload())).build();
        String error = null;
        int attempt = 0;
        while (attempt < settings.maxAttempts()) {
            attempt++;
            boolean retryable;
            try {
                int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status / 100 == 2) {
                    delivered++;
                    return;
                }
                error = "HTTP " + status;
                retryable = status == 408 || status == 429 || status >= 500;
            } catch (IOException e) {
                error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                retryable = true;
            } catch (InterruptedException e) {
                fail(q, attempt, "the run ended during delivery");
                Thread.currentThread().interrupt();
                return;
            }
            if (!retryable || attempt == settings.maxAttempts()) {
                break;
            }
            retries++;
            if (!sleep(backoff(attempt))) {
                fail(q, attempt, "the run ended before a retry (" + error + ")");
                return;
            }
        }
        fail(q, attempt, error);
    }

    /** 250 ms, 500 ms, 1 s, ... up to the maximum. */
    Duration backoff(int attempt) {
        long ms = settings.firstBackoff().toMillis() << Math.min(attempt - 1, 20);
        return Duration.ofMillis(Math.min(ms, settings.maxBackoff().toMillis()));
    }

    private static boolean sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private synchronized void fail(Queued q, int attempts, String why) {
        undelivered.add(new Undelivered(q.alertId(), q.payload(), attempts, why));
        undeliveredCount++;
    }

    /**
     * Waits for the queue to drain, at most {@link Settings#drainTimeout}; what is left counts as
     * undelivered. Call once the run has raised its last alert.
     */
    @Override
    public void close() {
        if (stopping) {
            return;
        }
        stopping = true;
        queue.offer(STOP);
        try {
            sender.join(settings.drainTimeout().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (sender.isAlive()) {
            sender.interrupt();
            try {
                sender.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<Queued> left = new ArrayList<>();
        queue.drainTo(left);
        for (Queued q : left) {
            if (q != STOP) {
                fail(q, 0, "not sent before the run ended (" + settings.drainTimeout().toSeconds() + " s after it)");
            }
        }
    }

    /** The alerts not delivered, in the order they failed (since the last {@link #takeUndelivered}). */
    public synchronized List<Undelivered> undelivered() {
        return List.copyOf(undelivered);
    }

    /**
     * Hands over the alerts not delivered so far and lets go of them: a long-running host (watch)
     * keeps them as it goes rather than holding them until it stops. The report still counts them.
     */
    public synchronized List<Undelivered> takeUndelivered() {
        List<Undelivered> out = List.copyOf(undelivered);
        undelivered.clear();
        return out;
    }

    public synchronized Report report() {
        return new Report(destination(), delivered, undeliveredCount, retries);
    }
}
