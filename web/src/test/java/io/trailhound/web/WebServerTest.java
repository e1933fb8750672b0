package io.trailhound.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailhound.core.rules.RuleFormats;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server over HTTP: who may ask, the headers every answer carries, errors as JSON, a store locked by a writer. */
class WebServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path tmp;
    static Path db;
    static WebServer open;

    @BeforeAll
    static void start() throws Exception {
        db = TestStore.withAlerts(tmp, 12);
        open = WebServer.start(options(null), m -> { });
    }

    @AfterAll
    static void stop() {
        if (open != null) {
            open.close();
        }
    }

    private static WebServer.Options options(String token) {
        return options(db, token);
    }

    private static WebServer.Options options(Path store, String token) {
        return new WebServer.Options(store.toString(), "127.0.0.1", 0, token, null, RuleFormats.builtin().rules(), 0);
    }

    private static HttpResponse<String> get(String url, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theAlertsApiAnswersTotalAndTheStoredLinesWithTheirIds() throws Exception {
        HttpResponse<String> r = get(open.url(null) + "api/alerts?limit=5&offset=2&severity=low,critical");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        JsonNode b = JSON.readTree(r.body());
        assertThat(b.get("total").asLong()).isEqualTo(6);
        assertThat(b.get("alerts").toString()).isEqualTo("[{\"n\":7},{\"n\":4},{\"n\":3},{\"n\":0}]"); // 11, 8, then these
        assertThat(b.get("ids")).hasSize(4);
    }

    @Test
    void theAlertsApiPagesByCursorAsByOffset() throws Exception {
        String api = open.url(null) + "api/alerts?limit=5&severity=low,critical";
        JsonNode first = JSON.readTree(get(api).body());
        assertThat(first.get("newer").isNull()).isTrue();
        String older = first.get("older").asText();
        JsonNode byCursor = JSON.readTree(get(api + "&before=" + URLEncoder.encode(older, StandardCharsets.UTF_8)).body());
        JsonNode byOffset = JSON.readTree(get(api + "&offset=5").body());
        assertThat(byCursor.get("alerts")).isEqualTo(byOffset.get("alerts")).hasSize(1);
        assertThat(byCursor.get("offset").asLong()).isEqualTo(5);
        assertThat(byCursor.get("total").asLong()).isEqualTo(6);
        assertThat(byCursor.get("older").isNull()).isTrue();
        JsonNode back = JSON.readTree(get(api + "&after=" + URLEncoder.encode(byCursor.get("newer").asText(), StandardCharsets.UTF_8)).body());
        assertThat(back.get("alerts")).isEqualTo(first.get("alerts"));
        assertThat(back.get("offset").asLong()).isZero();
        assertThat(get(api + "&before=" + URLEncoder.encode(older, StandardCharsets.UTF_8) + "&offset=5").statusCode()).isEqualTo(400);
        assertThat(get(api + "&after=yesterday").statusCode()).isEqualTo(400);
    }

    @Test
    void everyAnswerCarriesAStrictContentSecurityPolicy() throws Exception {
        for (String path : List.of("", "static/app.js", "static/graph.js", "static/app.css", "api/alerts", "api/nothing")) {
            HttpResponse<String> r = get(open.url(null) + path);
            assertThat(r.headers().firstValue("Content-Security-Policy")).as(path).hasValue(WebServer.CSP);
            assertThat(r.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
            assertThat(r.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
        }
        assertThat(WebServer.CSP).contains("script-src 'self'", "default-src 'none'").doesNotContain("unsafe", "http", "*");
        assertThat(get(open.url(null) + "static/../WebServer.class").statusCode()).isEqualTo(404);
        assertThat(get(open.url(null) + "static/index.html").statusCode()).isEqualTo(404);
    }

    @Test
    void thePagesHaveNoInlineCodeAndNeverParseDataAsMarkup() throws Exception {
        String html = get(open.url(null)).body();
        assertThat(Pattern.compile("<script(?![^>]*\\ssrc=)").matcher(html).find()).as("inline script").isFalse();
        assertThat(Pattern.compile("\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE).matcher(html).find()).as("inline handler").isFalse();
        assertThat(html).doesNotContain("style=");
        for (String js : List.of("app.js", "graph.js")) {
            String code = get(open.url(null) + "static/" + js).body();
            assertThat(code).as(js).doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                    "new Function", "setAttribute(\"on", "javascript:");
        }
    }

    @Test
    void onLoopbackOnlyLoopbackHostNamesAreAnswered() throws Exception {
        assertThat(rawStatus(open.port(), "127.0.0.1:" + open.port())).isEqualTo(200);
        assertThat(rawStatus(open.port(), "localhost:" + open.port())).isEqualTo(200);
        // a page on another site whose name now resolves to 127.0.0.1 (DNS rebinding)
        assertThat(rawStatus(open.port(), "attacker.example:" + open.port())).isEqualTo(421);
    }

    @Test
    void aTokenIsRequiredOnceGivenAndAnyOtherAddressNeedsOne() throws Exception {
        assertThatThrownBy(() -> WebServer.start(new WebServer.Options(db.toString(), "0.0.0.0", 0, null, null, List.of(), 0),
                m -> { })).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("token");
        String token = WebServer.newToken();
        assertThat(token).hasSizeGreaterThanOrEqualTo(43).isNotEqualTo(WebServer.newToken());
        // a store of its own: one JVM opening the file 'open' serves while that holds it fails on DuckDB's shared instance
        try (WebServer s = WebServer.start(options(TestStore.withAlerts(tmp.resolve("token"), 1), token), m -> { })) {
            String base = "http://127.0.0.1:" + s.port() + "/";
            assertThat(s.url(token)).isEqualTo(base + "?token=" + token);
            HttpResponse<String> none = get(base + "api/alerts");
            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(JSON.readTree(none.body()).get("error").asText()).contains("token");
            assertThat(get(base + "?token=wrong").statusCode()).isEqualTo(401);
            assertThat(get(base + "static/app.js").statusCode()).isEqualTo(401);
            HttpResponse<String> first = get(base + "?token=" + token);
            assertThat(first.statusCode()).isEqualTo(200);
            String cookie = first.headers().firstValue("Set-Cookie").orElseThrow();
            assertThat(cookie).contains("HttpOnly", "SameSite=Strict");
            assertThat(get(base + "api/alerts", "Cookie", cookie.substring(0, cookie.indexOf(';'))).statusCode()).isEqualTo(200);
            assertThat(get(base + "api/alerts", "Authorization", "Bearer " + token).statusCode()).isEqualTo(200);
            assertThat(get(base + "api/alerts", "Authorization", "Bearer " + token + "x").statusCode()).isEqualTo(401);
        }
    }

    @Test
    void badParametersAndMissingThingsAreJsonErrors() throws Exception {
        HttpResponse<String> r = get(open.url(null) + "api/alerts?limit=-1");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).get("error").asText()).contains("limit");
        assertThat(get(open.url(null) + "api/alerts?from=yesterday").statusCode()).isEqualTo(400);
        assertThat(get(open.url(null) + "api/alert?id=nope").statusCode()).isEqualTo(404);
        assertThat(get(open.url(null) + "api/who").statusCode()).isEqualTo(400);
        assertThat(get(open.url(null) + "api/who?q=AKIANOTHING00000000").statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(get(open.url(null) + "api/posture").body()).get("available").asBoolean()).isFalse();
    }

    /** Starts {@link HoldStore} on {@code store} in a child JVM and waits until it holds the file. */
    private static Process hold(Path store, String... mode) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HoldStore.class.getName(), store.toString()));
        command.addAll(List.of(mode));
        Process writer = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8));
        assertThat(out.readLine()).startsWith("holding");
        return writer;
    }

    @Test
    void whileAWriterThatDoesNotAnswerReadersHoldsTheStoreTheApiSaysSoAndAnswersOnceItIsDone() throws Exception {
        Path busy = TestStore.withAlerts(tmp.resolve("busy"), 3);
        try (WebServer s = WebServer.start(new WebServer.Options(busy.toString(), "127.0.0.1", 0, null, null, List.of(), 0),
                m -> { })) {
            String url = s.url(null) + "api/alerts";
            assertThat(get(url).statusCode()).isEqualTo(200);
            Thread.sleep(WebServer.STORE_IDLE_MILLIS * 2 + 200); // the server lets go of the file when idle
            Process writer = hold(busy, "--no-readers");
            try {
                HttpResponse<String> r = get(url);
                assertThat(r.statusCode()).isEqualTo(503);
                assertThat(r.headers().firstValue("Retry-After")).hasValue("2");
                JsonNode b = JSON.readTree(r.body());
                assertThat(b.get("busy").asBoolean()).isTrue();
                assertThat(b.get("error").asText()).contains("being written by another trailhound run").doesNotContain("Exception");
            } finally {
                writer.getOutputStream().close();
                assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            HttpResponse<String> after = get(url);
            assertThat(after.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(after.body()).get("total").asLong()).isEqualTo(3);
        }
    }

    @Test
    void whileAWriterHoldsTheStoreTheApiAnswersThroughItAndReadsTheFileAgainOnceItIsDone() throws Exception {
        Path held = TestStore.withAlerts(tmp.resolve("held"), 4);
        try (WebServer s = WebServer.start(new WebServer.Options(held.toString(), "127.0.0.1", 0, null, null, List.of(), 0),
                m -> { })) {
            String url = s.url(null) + "api/alerts";
            assertThat(get(url).statusCode()).isEqualTo(200);
            Thread.sleep(WebServer.STORE_IDLE_MILLIS * 2 + 200); // the server lets go of the file when idle
            Process writer = hold(held);
            try {
                HttpResponse<String> r = get(url);
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                assertThat(JSON.readTree(r.body()).get("total").asLong()).isEqualTo(4);
                HttpResponse<String> ingest = get(s.url(null) + "api/ingest");
                assertThat(ingest.statusCode()).as(ingest.body()).isEqualTo(200);
                assertThat(JSON.readTree(ingest.body()).path("counts").path("alerts").asLong()).isEqualTo(4);
            } finally {
                writer.getOutputStream().close();
                assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            // The writer went away between two requests (within the idle time): the server reads the file itself.
            HttpResponse<String> after = get(url);
            assertThat(after.statusCode()).as(after.body()).isEqualTo(200);
            assertThat(JSON.readTree(after.body()).get("total").asLong()).isEqualTo(4);
        }
    }

    /** The status of GET / sent with this Host header (HttpClient will not set Host). */
    private static int rawStatus(int port, String host) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            OutputStream out = s.getOutputStream();
            out.write(("GET /api/alerts HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String status = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII)).readLine();
            return Integer.parseInt(status.split(" ")[1]);
        }
    }
}
