package io.trailhound.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailhound.core.rules.RuleFormats;
import io.trailhound.store.EventStore;
import io.trailhound.store.StoreException;
import io.trailhound.web.WebServer;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} beside a running {@code scan --db} in another process: the web UI's API answers
 * through the writer (DuckDB lets no other process open the file) and shows each batch as it
 * commits, then reads the file itself once the writer is gone.
 */
class ServeBesideWriterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** A trail turned off: the built-in pack alerts on it at once (an IAM user's key: nothing to wait for). */
    private static String stopLogging(String id) {
        return "{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":\"IAMUser\",\"principalId\":\"AIDAMALLORY\","
                + "\"arn\":\"arn:aws:iam::111122223333:user/mallory\",\"accountId\":\"111122223333\","
                + "\"accessKeyId\":\"AKIAMALLORY000000001\",\"userName\":\"mallory\"},\"eventTime\":\"2026-11-01T10:00:00Z\","
                + "\"eventSource\":\"cloudtrail.amazonaws.com\",\"eventName\":\"StopLogging\",\"awsRegion\":\"us-east-1\","
                + "\"sourceIPAddress\":\"198.51.100.7\",\"requestParameters\":{\"name\":\"org-trail\"},\"eventID\":\"" + id + "\","
                + "\"eventType\":\"AwsApiCall\",\"recipientAccountId\":\"111122223333\"}";
    }

    @TempDir
    Path tmp;

    @Test
    void serveAnswersAlertsAndWhoThroughTheWriterAndSeesEachBatch() throws Exception {
        List<String> lines = CliRun.generatedRecordLines(tmp.resolve("org"), 3000);
        int half = lines.size() / 2;
        // Each alerting record leads its half: a reading thread hands records on in groups of 512 (or at the
        // end of its input), so while stdin stays open the last few of a half may wait for the next.
        assertThat(half).isGreaterThan(1024);
        List<String> first = new ArrayList<>(List.of(stopLogging("beside-stop-1")));
        first.addAll(lines.subList(0, half));
        List<String> second = new ArrayList<>(List.of(stopLogging("beside-stop-2")));
        second.addAll(lines.subList(half, lines.size()));
        Path db = tmp.resolve("store/th.duckdb");

        ChildCli writer = ChildCli.start(tmp.resolve("child-logs"), "writer", "scan", "-", "--db", db.toString(),
                "--no-progress", "--format", "json", "--batch-time", "1s");
        OutputStream stdin = writer.process().getOutputStream();
        try (WebServer server = WebServer.start(new WebServer.Options(db.toString(), "127.0.0.1", 0, null, null,
                RuleFormats.builtin().rules(), 0), m -> { })) {
            String base = server.url(null);
            stdin.write((String.join("\n", first) + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            JsonNode page = await(base + "api/alerts?limit=1000", writer, b -> eventIds(b).contains("beside-stop-1"));
            assertThat(eventIds(page)).doesNotContain("beside-stop-2");
            assertThat(writer.process().isAlive()).as("the writer is still running").isTrue();
            assertThatThrownBy(() -> EventStore.open(db.toString(), true)).as("the writer holds the file")
                    .isInstanceOf(StoreException.class).hasMessageContaining("lock");
            JsonNode who = await(base + "api/who?q=beside-stop-1", writer, b -> true);
            assertThat(who.path("matchedBy").asText()).isEqualTo("eventID");
            assertThat(who.path("origin").path("arn").asText()).isEqualTo("arn:aws:iam::111122223333:user/mallory");
            assertThat(status(base + "api/who?q=beside-stop-2")).as("not read yet").isEqualTo(404);

            stdin.write((String.join("\n", second) + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            JsonNode next = await(base + "api/alerts?limit=1000", writer, b -> eventIds(b).contains("beside-stop-2"));
            assertThat(next.path("total").asLong()).isGreaterThan(page.path("total").asLong());
            assertThat(await(base + "api/who?q=beside-stop-2", writer, b -> true).path("matchedBy").asText()).isEqualTo("eventID");
            assertThat(writer.process().isAlive()).as("the batch was seen while the writer ran").isTrue();

            stdin.close();
            assertThat(writer.waitFor(120)).as(writer.stderr()).isZero();
            // The writer is gone: the server opens the file read-only and answers the same.
            JsonNode after = JSON.readTree(body(base + "api/alerts?limit=1000", 200));
            assertThat(eventIds(after)).contains("beside-stop-1", "beside-stop-2");
            assertThat(JSON.readTree(body(base + "api/ingest", 200)).path("counts").path("events").asLong())
                    .isEqualTo(lines.size() + 2);
        } finally {
            stdin.close();
        }
    }

    private static List<String> eventIds(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.path("alerts").forEach(a -> out.add(a.path("eventID").asText()));
        return out;
    }

    /** GETs {@code url} until it answers 200 with a body {@code done} accepts; a bounded wait. */
    private static JsonNode await(String url, ChildCli writer, Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        String last = "";
        while (System.nanoTime() < deadline && writer.process().isAlive()) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
            last = r.statusCode() + " " + r.body();
            if (r.statusCode() == 200) {
                JsonNode b = JSON.readTree(r.body());
                if (done.test(b)) {
                    return b;
                }
            } else {
                // before the writer made the store and began to listen: nothing to read yet, or busy for a moment
                assertThat(r.statusCode()).as(last).isIn(404, 500, 503);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no answer as awaited from " + url + " (last: " + last + "); writer stderr: " + writer.stderr());
    }

    private static int status(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String body(String url, int status) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return r.body();
    }
}
