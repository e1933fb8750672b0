package io.trailhound.cli.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.trailhound.core.Severity;
import io.trailhound.core.alert.Alert;
import io.trailhound.core.alert.AlertEvent;
import io.trailhound.core.rules.ir.RuleFormat;
import io.trailhound.core.rules.ir.RuleInfo;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The webhook against a loopback HTTP server: delivery, a server that fails and recovers, one that never does, a full queue. */
class AlertWebhookTest {
    private HttpServer server;
    private final List<String> received = new CopyOnWriteArrayList<>();

    /** Answers {@code statuses} in turn (the last one from then on), keeping each body. */
    private URI serve(int... statuses) throws IOException {
        AtomicInteger n = new AtomicInteger();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/falco", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = statuses[Math.min(n.getAndIncrement(), statuses.length - 1)];
            if (status == 200) {
                received.add(body);
            }
            ex.sendResponseHeaders(status, -1);
            ex.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/falco?token=secret");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static Alert alert(int i) {
        RuleInfo r = new RuleInfo("r", "Logging stopped", RuleFormat.FALCO, "f", 1, "WARNING", Severity.MEDIUM, null, List.of(),
                List.of(), List.of(), null, true, null, List.of(), Map.of());
        return new Alert(r, "stopped", Map.of(), new AlertEvent(0, "2026-11-01T00:00:00Z", "e-" + i, "s", "StopLogging", "r",
                "1", "1.2.3.4", "IAMUser", "arn", null, -1), null, Map.of());
    }

    private static AlertWebhook webhook(URI url, int queue, int attempts, Duration drain) {
        return new AlertWebhook(new AlertWebhook.Settings(url, queue, attempts, Duration.ofMillis(20), Duration.ofMillis(100),
                Duration.ofSeconds(5), drain), a -> "{\"eventID\":\"" + a.event().eventID() + "\"}", HttpClient.newHttpClient());
    }

    @Test
    void everyAlertIsPostedAsItsJson() throws Exception {
        URI url = serve(200);
        AlertWebhook w = webhook(url, 100, 3, Duration.ofSeconds(10));
        for (int i = 0; i < 20; i++) {
            w.alert(alert(i));
        }
        w.close();
        assertThat(received).hasSize(20).contains("{\"eventID\":\"e-7\"}");
        assertThat(w.report().delivered()).isEqualTo(20);
        assertThat(w.report().undelivered()).isZero();
        // the token in the query is not printed or stored
        assertThat(w.destination()).isEqualTo("http://127.0.0.1:" + url.getPort() + "/falco");
    }

    @Test
    void aServerThatFailsThenRecoversGetsEveryAlertWithRetries() throws Exception {
        AlertWebhook w = webhook(serve(503, 503, 500, 200), 100, 5, Duration.ofSeconds(10));
        for (int i = 0; i < 5; i++) {
            w.alert(alert(i));
        }
        w.close();
        assertThat(received).hasSize(5);
        assertThat(w.report().retries()).isEqualTo(3);
        assertThat(w.undelivered()).isEmpty();
    }

    @Test
    void whatCannotBeDeliveredIsCountedAndHandedBackNeverDropped() throws Exception {
        AlertWebhook w = webhook(serve(503), 100, 3, Duration.ofSeconds(10));
        for (int i = 0; i < 3; i++) {
            w.alert(alert(i));
        }
        w.close();
        assertThat(w.report().delivered()).isZero();
        assertThat(w.undelivered()).hasSize(3).allMatch(u -> u.attempts() == 3 && u.lastError().equals("HTTP 503"));
        assertThat(w.undelivered()).extracting(AlertWebhook.Undelivered::payload).contains("{\"eventID\":\"e-2\"}");
        // a refusal (400) is not retried
        stop();
        received.clear();
        AlertWebhook refused = webhook(serve(400), 100, 5, Duration.ofSeconds(10));
        refused.alert(alert(1));
        refused.close();
        assertThat(refused.undelivered()).singleElement().matches(u -> u.attempts() == 1 && u.lastError().equals("HTTP 400"));
    }

    @Test
    void aFullQueueAndTheEndOfTheRunCountTheRest() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        server.start();
        AlertWebhook w = webhook(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"), 2, 1,
                Duration.ofMillis(300));
        for (int i = 0; i < 10; i++) {
            w.alert(alert(i));
        }
        w.close();
        release.countDown();
        AlertWebhook.Report r = w.report();
        assertThat(r.delivered() + r.undelivered()).isEqualTo(10);
        assertThat(w.undelivered()).anyMatch(u -> u.lastError().startsWith("the queue was full"));
        assertThat(w.undelivered()).anyMatch(u -> u.lastError().contains("run ended"));
    }

    @Test
    void onlyHttpUrls() {
        assertThatThrownBy(() -> AlertWebhook.Settings.defaults(URI.create("file:///etc/passwd")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an http(s) URL");
    }
}
