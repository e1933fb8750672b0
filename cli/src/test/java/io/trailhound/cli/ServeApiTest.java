package io.trailhound.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailhound.core.rules.RuleFormats;
import io.trailhound.web.WebServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The public API against the CLI: {@code GET /api/alerts} serves each alert exactly as
 * {@code scan --format ndjson} printed it, and {@code GET /api/who} what {@code who --format json}
 * prints; {@code serve}'s usage errors exit 2.
 */
class ServeApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static String db;
    static List<String> printed = new ArrayList<>();
    static java.util.Map<String, JsonNode> whoPrinted = new java.util.LinkedHashMap<>();
    static WebServer server;

    @BeforeAll
    static void scanAndServe() throws Exception {
        Path org = tmp.resolve("org");
        CliRun gen = CliRun.of("generate", "--out", org.toString(), "--events", "3000", "--accounts", "3", "--users", "6",
                "--days", "1");
        assertThat(gen.exit()).as(gen.err()).isZero();
        db = tmp.resolve("th.duckdb").toString();
        CliRun scan = CliRun.of("scan", org.resolve("logs").toString(), "--db", db, "--no-progress", "--format", "ndjson");
        assertThat(scan.exit()).as(scan.err()).isZero();
        for (String line : scan.out().split("\n")) {
            if (!line.isBlank()) {
                printed.add(line);
            }
        }
        assertThat(printed).hasSizeGreaterThan(3);
        // The CLI's answers first: in one JVM, DuckDB shares an open file's instance, whose settings the server locked.
        JsonNode alert = JSON.readTree(printed.get(0));
        for (String q : List.of(alert.get("eventID").asText(), alert.path("event").path("principalArn").asText())) {
            CliRun who = CliRun.of("who", q, "--db", db, "--format", "json");
            assertThat(who.exit()).as(who.err()).isZero();
            whoPrinted.put(q, JSON.readTree(who.out()));
        }
        server = WebServer.start(new WebServer.Options(db, "127.0.0.1", 0, null, null, RuleFormats.builtin().rules(), 0),
                m -> { });
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String get(String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url(null) + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }

    @Test
    void alertsAreServedExactlyAsScanPrintedThem() throws Exception {
        JsonNode page = JSON.readTree(get("api/alerts?limit=1000"));
        assertThat(page.get("total").asInt()).isEqualTo(printed.size());
        List<JsonNode> served = new ArrayList<>();
        page.get("alerts").forEach(served::add);
        List<JsonNode> lines = new ArrayList<>();
        for (String l : printed) {
            lines.add(JSON.readTree(l));
        }
        assertThat(served).containsExactlyInAnyOrderElementsOf(lines);
        // newest first
        for (int i = 1; i < served.size(); i++) {
            assertThat(served.get(i - 1).get("time").asText()).isGreaterThanOrEqualTo(served.get(i).get("time").asText());
        }
        // one page, then the next, is the whole list
        JsonNode first = JSON.readTree(get("api/alerts?limit=2"));
        JsonNode second = JSON.readTree(get("api/alerts?limit=2&offset=2"));
        assertThat(List.of(first.get("alerts").get(0), first.get("alerts").get(1), second.get("alerts").get(0)))
                .containsExactly(served.get(0), served.get(1), served.get(2));
        // and the next page by cursor is the page at the next offset
        JsonNode byCursor = JSON.readTree(get("api/alerts?limit=2&before=" + URLEncoder.encode(first.get("older").asText(),
                StandardCharsets.UTF_8)));
        assertThat(byCursor.get("alerts")).isEqualTo(second.get("alerts"));
        assertThat(byCursor.get("offset").asInt()).isEqualTo(2);
    }

    @Test
    void whoIsServedAsTheWhoCommandPrintsIt() throws Exception {
        assertThat(whoPrinted).hasSize(2);
        for (var e : whoPrinted.entrySet()) {
            assertThat(JSON.readTree(get("api/who?q=" + URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8))))
                    .as(e.getKey()).isEqualTo(e.getValue());
        }
    }

    @Test
    void serveUsageErrorsExitTwoWithoutATrace() throws Exception {
        CliRun none = CliRun.of("serve", "--db", tmp.resolve("missing.duckdb").toString());
        assertThat(none.exit()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(none.err()).contains("no store at").doesNotContain("Exception");
        CliRun port = CliRun.of("serve", "--db", db, "--port", "70000");
        assertThat(port.exit()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(port.err()).contains("--port");
        // another store: in one JVM, the server's open store would be shared, with its settings locked
        String other = tmp.resolve("other.duckdb").toString();
        assertThat(CliRun.of("scan", io.trailhound.core.testkit.CloudTrailFiles.jsonLines(tmp.resolve("one.jsonl"),
                io.trailhound.core.testkit.CloudTrailRecord.event("ListBuckets")).toString(), "--db", other).exit()).isZero();
        CliRun posture = CliRun.of("serve", "--db", other, "--port", "0", "--posture", tmp.resolve("nothing-here").toString());
        assertThat(posture.exit()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(posture.err()).contains("--posture").doesNotContain("\tat ");
    }
}
