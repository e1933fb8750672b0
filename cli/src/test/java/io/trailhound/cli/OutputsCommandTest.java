package io.trailhound.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhound.core.testkit.CloudTrailFiles;
import io.trailhound.core.testkit.CloudTrailRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scan's document formats and export over the store: the same ECS document for an event either way
 * (one code path), origins on every event including one whose issuance comes later, OCSF and ASFF
 * alerts, Parquet partitions.
 */
class OutputsCommandTest {
    static final String KEY = "ASIAOUTPUTTESTKEY001";
    static final String ALICE = "arn:aws:iam::111122223333:user/alice";

    @TempDir
    Path tmp;
    Path logs;

    @BeforeEach
    void logs() throws Exception {
        // The session's StopLogging comes before the AssumeRole that issued its key: its origin waits for the end.
        logs = CloudTrailFiles.jsonLines(tmp.resolve("trail.jsonl"),
                CloudTrailRecord.event("StopLogging").source("cloudtrail.amazonaws.com").id(CloudTrailRecord.uuid(2))
                        .at("2026-11-01T09:10:00Z").assumedRole("Admin", "alice", KEY, "2026-11-01T09:00:00Z")
                        .request("name", "org-trail"),
                CloudTrailRecord.assumeRole(CloudTrailRecord.ACCOUNT, "Admin", "alice", KEY, 3600).id(CloudTrailRecord.uuid(1))
                        .iamUser("alice", "AKIAOUTPUTTESTKEY002"),
                CloudTrailRecord.event("ListBuckets").source("s3.amazonaws.com").id(CloudTrailRecord.uuid(3))
                        .at("2026-11-01T09:20:00Z").iamUser("bob", "AKIAOUTPUTTESTKEY003"));
    }

    private static Map<String, JsonNode> byEventId(List<JsonNode> docs, String pointer) {
        Map<String, JsonNode> out = new HashMap<>();
        docs.forEach(d -> out.put(d.at(pointer).asText(), d));
        return out;
    }

    @Test
    void scanEcsAndExportEcsWriteTheSameDocuments() throws Exception {
        CliRun scan = CliRun.of("scan", logs.toString(), "--format", "ecs", "--no-progress", "--quarantine", tmp.toString());
        assertThat(scan.exit()).as(scan.err()).isZero();
        Map<String, JsonNode> scanned = byEventId(scan.jsonLines(), "/event/id");
        assertThat(scanned).hasSize(3);
        JsonNode stop = scanned.get(CloudTrailRecord.uuid(2));
        assertThat(stop.at("/event/action").asText()).isEqualTo("StopLogging");
        assertThat(stop.at("/trailhound/origin/arn").asText()).isEqualTo(ALICE);
        assertThat(stop.at("/trailhound/origin/via/0").asText()).contains("assumed-role/Admin/alice");
        assertThat(stop.at("/aws/cloudtrail/flattened/request_parameters/name").asText()).isEqualTo("org-trail");
        assertThat(scan.err()).contains("\"type\":\"summary\"");

        String db = tmp.resolve("th.duckdb").toString();
        assertThat(CliRun.of("scan", logs.toString(), "--db", db, "--no-progress", "--format", "json").exit()).isZero();
        CliRun export = CliRun.of("export", "--db", db, "--format", "ecs");
        assertThat(export.exit()).as(export.err()).isZero();
        Map<String, JsonNode> exported = byEventId(export.jsonLines(), "/event/id");
        assertThat(exported).isEqualTo(scanned);
        assertThat(export.err()).contains("export: 3 events as ecs");
    }

    @Test
    void bulkActionLinesPrecedeEachDocument() throws Exception {
        CliRun scan = CliRun.of("scan", logs.toString(), "--format", "ecs", "--bulk-index", "logs-aws.cloudtrail-default",
                "--no-progress", "--quarantine", tmp.toString());
        List<JsonNode> lines = scan.jsonLines();
        assertThat(lines).hasSize(6);
        for (int i = 0; i < 6; i += 2) {
            assertThat(lines.get(i).at("/create/_index").asText()).isEqualTo("logs-aws.cloudtrail-default");
            assertThat(lines.get(i).at("/create/_id").asText()).isEqualTo(lines.get(i + 1).at("/event/id").asText());
        }
        assertThat(CliRun.of("scan", logs.toString(), "--bulk-index", "x").exit()).isEqualTo(2);
    }

    @Test
    void ocsfCarriesEventsAndTheirAlerts() throws Exception {
        CliRun scan = CliRun.of("scan", logs.toString(), "--format", "ocsf", "--no-progress", "--quarantine", tmp.toString());
        assertThat(scan.exit()).as(scan.err()).isZero();
        List<JsonNode> docs = scan.jsonLines();
        assertThat(docs).filteredOn(d -> d.get("class_uid").asInt() == 6003).hasSize(3);
        List<JsonNode> findings = docs.stream().filter(d -> d.get("class_uid").asInt() == 2004).toList();
        assertThat(findings).isNotEmpty();
        assertThat(findings.get(0).at("/finding_info/related_events/0/uid").asText()).isEqualTo(CloudTrailRecord.uuid(2));
        assertThat(findings.get(0).at("/enrichments/0/value").asText()).isEqualTo(ALICE);

        String db = tmp.resolve("th.duckdb").toString();
        CliRun.of("scan", logs.toString(), "--db", db, "--no-progress", "--format", "json");
        CliRun events = CliRun.of("export", "--db", db, "--format", "ocsf", "--event-name", "StopLogging");
        assertThat(events.jsonLines()).hasSize(1).allMatch(d -> d.at("/metadata/uid").asText().equals(CloudTrailRecord.uuid(2))
                && d.at("/enrichments/0/value").asText().equals(ALICE));
        CliRun alerts = CliRun.of("export", "--db", db, "--format", "ocsf", "--alerts");
        assertThat(alerts.jsonLines()).extracting(d -> d.at("/finding_info/uid").asText())
                .isEqualTo(findings.stream().map(d -> d.at("/finding_info/uid").asText()).toList());
    }

    @Test
    void asffComesInImportBatchesWithStableIds() throws Exception {
        CliRun scan = CliRun.of("scan", logs.toString(), "--format", "asff", "--asff-region", "eu-west-1", "--no-progress",
                "--quarantine", tmp.toString());
        assertThat(scan.exit()).as(scan.err()).isZero();
        List<JsonNode> batches = scan.jsonLines();
        assertThat(batches).hasSize(1);
        JsonNode first = batches.get(0).get(0);
        assertThat(first.get("ProductArn").asText()).startsWith("arn:aws:securityhub:eu-west-1:111122223333:product/");
        assertThat(first.at("/UserDefinedFields/trailhound.origin").asText()).isEqualTo(ALICE);

        String db = tmp.resolve("th.duckdb").toString();
        CliRun.of("scan", logs.toString(), "--db", db, "--no-progress", "--format", "json");
        CliRun export = CliRun.of("export", "--db", db, "--format", "asff", "--asff-region", "eu-west-1");
        assertThat(export.jsonLines().get(0).get(0).get("Id")).isEqualTo(first.get("Id"));
    }

    @Test
    void parquetNeedsADirectoryAndPartitions() throws Exception {
        String db = tmp.resolve("th.duckdb").toString();
        CliRun.of("scan", logs.toString(), "--db", db, "--no-progress", "--format", "json");
        assertThat(CliRun.of("export", "--db", db, "--format", "parquet").exit()).isEqualTo(2);
        Path lake = tmp.resolve("lake");
        CliRun r = CliRun.of("export", "--db", db, "--format", "parquet", "--output", lake.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        try (Stream<Path> w = Files.walk(lake)) {
            assertThat(w.filter(p -> p.toString().endsWith(".parquet")).map(p -> lake.relativize(p.getParent()).toString()))
                    .containsExactly("account=111122223333/region=us-east-1/date=2026-11-01");
        }
        try (io.trailhound.store.DuckDb d = io.trailhound.store.DuckDb.inMemory(1); Statement s = d.connection().createStatement();
             ResultSet rs = s.executeQuery("SELECT originArn FROM read_parquet('" + lake + "/**/*.parquet') WHERE eventName = 'StopLogging'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(ALICE);
        }
    }

    @Test
    void theWebhookGetsEachAlertAndWhatItRefusesIsKeptInTheStore() throws Exception {
        java.util.List<String> bodies = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean up = new java.util.concurrent.atomic.AtomicBoolean(true);
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            bodies.add(new String(ex.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            ex.sendResponseHeaders(up.get() ? 200 : 400, -1);
            ex.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
            CliRun ok = CliRun.of("scan", logs.toString(), "--alerts-webhook", url, "--format", "ndjson", "--no-progress",
                    "--quarantine", tmp.toString());
            assertThat(ok.exit()).as(ok.err()).isZero();
            List<JsonNode> printed = ok.jsonLines();
            assertThat(bodies).hasSize(printed.size()).isNotEmpty();
            // the posted JSON is the alert exactly as --format ndjson prints it (Falco's keys)
            assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(bodies.get(0))).isEqualTo(printed.get(0));
            JsonNode summary = new com.fasterxml.jackson.databind.ObjectMapper().readTree(ok.err().lines()
                    .filter(l -> l.contains("\"type\":\"summary\"")).findFirst().orElseThrow());
            assertThat(summary.at("/webhook/delivered").asLong()).isEqualTo(printed.size());

            up.set(false);
            String db = tmp.resolve("th.duckdb").toString();
            CliRun refused = CliRun.of("scan", logs.toString(), "--db", db, "--alerts-webhook", url, "--format", "json",
                    "--no-progress");
            assertThat(refused.exit()).as(refused.err()).isZero();
            assertThat(refused.err()).contains("were not delivered").contains("webhook_undelivered");
            assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(refused.out()).at("/webhook/undelivered").asLong())
                    .isEqualTo(printed.size());
            try (io.trailhound.store.EventStore s = io.trailhound.store.EventStore.open(db, true)) {
                assertThat(s.db().queryLong("SELECT count(*) FROM webhook_undelivered WHERE lastError = 'HTTP 400'"))
                        .isEqualTo(printed.size());
                assertThat(s.db().queryString("SELECT destination FROM webhook_undelivered LIMIT 1")).isEqualTo(url);
            }
        } finally {
            server.stop(0);
        }
    }
}
