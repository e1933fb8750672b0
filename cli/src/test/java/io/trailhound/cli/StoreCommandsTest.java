package io.trailhound.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailhound.core.testkit.CloudTrailRecord;
import io.trailhound.store.EventStore;
import io.trailhound.store.SearchFilter;
import io.trailhound.store.StoredEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scan --db, who, timeline, search and prune over one small generated organisation. */
class StoreCommandsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    static Path tmp;
    static Path logs;
    static Path db;
    static long generated;
    /** eventID -> the generator's true origin, for every assumed-role event. */
    static Map<String, JsonNode> truth = new LinkedHashMap<>();
    static JsonNode firstScan;

    @BeforeAll
    static void generateAndScan() throws IOException {
        CliRun gen = CliRun.of("generate", "--out", tmp.resolve("org").toString(), "--events", "4000", "--accounts", "3",
                "--users", "6", "--days", "1", "--format", "json");
        assertThat(gen.exit()).as(gen.err()).isZero();
        JsonNode g = MAPPER.readTree(gen.out());
        logs = Path.of(g.path("logs").asText());
        generated = g.path("events").asLong();
        for (String line : Files.readAllLines(tmp.resolve("org/truth/origins.ndjson"))) {
            JsonNode t = MAPPER.readTree(line);
            truth.put(t.get("eventID").asText(), t);
        }
        db = tmp.resolve("store/th.duckdb");
        CliRun scan = CliRun.of("scan", logs.toString(), "--db", db.toString(), "--format", "json", "--no-progress");
        assertThat(scan.exit()).as(scan.err()).isZero();
        firstScan = MAPPER.readTree(scan.out());
    }

    private static JsonNode json(CliRun r) throws IOException {
        assertThat(r.exit()).as(r.err()).isZero();
        return MAPPER.readTree(r.out());
    }

    private static List<JsonNode> lines(CliRun r) throws IOException {
        assertThat(r.exit()).as(r.err()).isZero();
        List<JsonNode> out = new ArrayList<>();
        for (String l : r.out().split("\n")) {
            if (!l.isBlank()) {
                out.add(MAPPER.readTree(l));
            }
        }
        return out;
    }

    private static String label(JsonNode origin) {
        return origin.has("arn") ? origin.get("arn").asText() : origin.get("name").asText();
    }

    @Test
    void scanPersistsEveryEventWithItsAttributionAndTheLedger() {
        JsonNode s = firstScan.path("store");
        assertThat(firstScan.path("events").asLong()).isEqualTo(generated);
        assertThat(s.path("path").asText()).isEqualTo(db.toAbsolutePath().toString());
        assertThat(s.path("eventsAdded").asLong()).isEqualTo(generated);
        assertThat(s.path("attributionsAdded").asLong()).isEqualTo(generated);
        assertThat(s.path("eventsInStore").asLong()).isEqualTo(generated);
        assertThat(s.path("issuancesWritten").asLong()).isPositive();
        assertThat(s.path("filesLogged").asLong()).isEqualTo(firstScan.path("files").asLong());
        assertThat(firstScan.path("attribution").isObject()).isTrue();
        // the summary keys of a plain scan are all still there
        assertThat(firstScan.has("quarantine") && firstScan.has("topEventNames") && firstScan.has("eventsPerSecond")).isTrue();
    }

    /** A store is its file and the folder of its events' files beside it ({@code <store>.events}). */
    private static void copyStore(Path from, Path to) throws IOException {
        Files.copy(from, to);
        Path events = Path.of(from + ".events");
        try (java.util.stream.Stream<Path> all = Files.walk(events)) {
            for (Path p : all.toList()) {
                Path target = Path.of(to + ".events").resolve(events.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    @Test
    void scanningTheSameFilesOrTheSameEventsAgainAddsNothing() throws IOException {
        Path copy = tmp.resolve("rescan.duckdb");
        copyStore(db, copy);
        JsonNode again = json(CliRun.of("scan", logs.toString(), "--db", copy.toString(), "--format", "json"));
        assertThat(again.path("store").path("filesAlreadyIngested").asLong()).isEqualTo(firstScan.path("files").asLong());
        assertThat(again.path("store").path("eventsAdded").asLong()).isZero();
        assertThat(again.path("store").path("eventsInStore").asLong()).isEqualTo(generated);

        // the same events in other files (JSON Lines layout of the same organisation): deduplicated by eventID
        JsonNode g = json(CliRun.of("generate", "--out", tmp.resolve("org-jsonl").toString(), "--events", "4000",
                "--accounts", "3", "--users", "6", "--days", "1", "--layout", "jsonl", "--format", "json"));
        JsonNode lines = json(CliRun.of("scan", g.path("logs").asText(), "--db", copy.toString(), "--format", "json"));
        assertThat(lines.path("store").path("filesAlreadyIngested").asLong()).isZero();
        assertThat(lines.path("store").path("eventsAdded").asLong()).isZero();
        assertThat(lines.path("store").path("eventsAlreadyStored").asLong()).isEqualTo(generated);
        try (EventStore s = EventStore.open(copy.toString(), true)) {
            assertThat(s.counts().get("events")).isEqualTo(generated);
            assertThat(s.counts().get("attributions")).isEqualTo(generated);
        }
    }

    @Test
    void everyStoredAssumedRoleEventCarriesTheGeneratorsTrueOrigin() {
        Map<String, StoredEvent> stored = new HashMap<>();
        try (EventStore s = EventStore.open(db.toString(), true)) {
            s.search(SearchFilter.all(), e -> stored.put(e.eventID(), e));
        }
        assertThat(stored).hasSize((int) generated);
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, JsonNode> t : truth.entrySet()) {
            StoredEvent e = stored.get(t.getKey());
            JsonNode o = t.getValue().get("origin");
            if (e == null || !label(o).equals(e.originLabel()) || !o.get("type").asText().equals(e.originType())) {
                wrong.add(t.getKey() + ": truth " + o + ", stored " + (e == null ? "nothing" : e.originType() + " " + e.originLabel()));
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void whoAnswersForAnEventAKeyAndASessionArn() throws IOException {
        // an assumed-role event reached through a chain of at least one hop, with a person at the origin
        Map.Entry<String, JsonNode> pick = truth.entrySet().stream()
                .filter(t -> t.getValue().get("origin").has("arn")).findFirst().orElseThrow();
        JsonNode w = json(CliRun.of("who", pick.getKey(), "--db", db.toString(), "--format", "json"));
        JsonNode want = pick.getValue().get("origin");
        assertThat(w.path("origin").path("type").asText()).isEqualTo(want.get("type").asText());
        assertThat(label(w.path("origin"))).isEqualTo(label(want));
        assertThat(w.path("confidence").asText()).isIn("exact", "asserted");
        assertThat(w.has("reason")).isFalse();
        JsonNode chain = w.path("chain");
        assertThat(chain.size()).isEqualTo(pick.getValue().get("chain").size());
        for (JsonNode hop : chain) {
            assertThat(hop.fieldNames()).toIterable().contains("arn", "accessKeyId", "eventID", "eventName", "time", "account");
        }
        assertThat(chain.get(0).path("eventID").asText()).isEqualTo(pick.getValue().get("chain").get(0).asText());

        String key = w.path("event").path("userIdentity").path("accessKeyId").asText();
        String arn = w.path("event").path("userIdentity").path("arn").asText();
        JsonNode byKey = json(CliRun.of("who", key, "--db", db.toString(), "--format", "json"));
        assertThat(byKey.path("matchedBy").asText()).isEqualTo("accessKeyId");
        assertThat(label(byKey.path("origin"))).isEqualTo(label(want));
        JsonNode byArn = json(CliRun.of("who", arn, "--db", db.toString(), "--format", "json"));
        assertThat(byArn.path("matchedBy").asText()).isEqualTo("arn");
        assertThat(byArn.path("matchingEvents").asLong()).isPositive();

        CliRun tree = CliRun.of("who", pick.getKey(), "--db", db.toString());
        assertThat(tree.exit()).isZero();
        assertThat(tree.out().lines().findFirst().orElseThrow()).startsWith(label(want));
        assertThat(tree.out()).contains("└─ " + chain.get(0).path("eventName").asText(), pick.getKey());

        CliRun none = CliRun.of("who", "no-such-event", "--db", db.toString());
        assertThat(none.exit()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(none.err()).contains("nothing in", "no-such-event");
        CliRun noStore = CliRun.of("who", "x", "--db", tmp.resolve("absent.duckdb").toString());
        assertThat(noStore.exit()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(noStore.err()).contains("no store at");
    }

    @Test
    void timelineListsAnOriginsEventsInTimeOrderAcrossRolesAndAccounts() throws IOException {
        Map<String, Long> perOrigin = new HashMap<>();
        truth.values().forEach(t -> perOrigin.merge(label(t.get("origin")), 1L, Long::sum));
        String origin = truth.values().stream().filter(t -> t.get("origin").get("type").asText().equals("IAMUser"))
                .map(t -> label(t.get("origin"))).max((a, b) -> Long.compare(perOrigin.get(a), perOrigin.get(b))).orElseThrow();
        List<JsonNode> events = lines(CliRun.of("timeline", "--origin", origin, "--db", db.toString(), "--format", "ndjson"));
        assertThat((long) events.size()).isGreaterThanOrEqualTo(perOrigin.get(origin));
        String previous = "";
        for (JsonNode e : events) {
            assertThat(label(e.path("origin"))).isEqualTo(origin);
            String t = e.path("eventTime").asText();
            assertThat(t.compareTo(previous)).isGreaterThanOrEqualTo(0);
            previous = t;
        }
        assertThat(events.stream().map(e -> e.path("userIdentity").path("arn").asText()).distinct().count()).isGreaterThan(1);

        String middle = events.get(events.size() / 2).path("eventTime").asText();
        List<JsonNode> later = lines(CliRun.of("timeline", "--origin", origin, "--from", middle, "--db", db.toString(),
                "--format", "ndjson"));
        assertThat(later).isNotEmpty().allSatisfy(e -> assertThat(e.path("eventTime").asText().compareTo(middle)).isGreaterThanOrEqualTo(0));
        assertThat(later.size()).isLessThan(events.size());
        CliRun table = CliRun.of("timeline", "--origin", origin, "--db", db.toString());
        assertThat(table.exit()).isZero();
        assertThat(table.out()).contains("time", "origin", origin);
    }

    @Test
    void searchPrintsMatchingEventsWithTheirOrigin() throws IOException {
        List<JsonNode> assume = lines(CliRun.of("search", "--db", db.toString(), "--event-name", "AssumeRole", "--limit", "5",
                "--format", "ndjson"));
        assertThat(assume).hasSize(5);
        for (JsonNode e : assume) {
            assertThat(e.path("eventName").asText()).isEqualTo("AssumeRole");
            assertThat(e.path("eventID").asText()).isNotEmpty();
            assertThat(e.path("eventTime").asText()).endsWith("Z");
            assertThat(e.path("eventSource").asText()).isEqualTo("sts.amazonaws.com");
            assertThat(e.path("userIdentity").has("arn")).isTrue();
            assertThat(e.path("origin").path("type").isTextual() || e.path("origin").path("confidence").asText().equals("unknown")).isTrue();
            assertThat(e.path("origin").has("arn") || e.path("origin").has("name")).isTrue();
            assertThat(e.path("origin").path("confidence").asText()).isIn("exact", "asserted", "inferred", "unknown");
        }
        List<JsonNode> all = lines(CliRun.of("search", "--db", db.toString(), "--format", "ndjson"));
        assertThat((long) all.size()).isEqualTo(generated);

        String id = assume.get(0).path("eventID").asText();
        List<JsonNode> bySql = lines(CliRun.of("search", "--db", db.toString(), "--format", "ndjson", "--where",
                "eventID = '" + id + "' AND json_extract_string(raw, '$.eventName') = 'AssumeRole'"));
        assertThat(bySql).hasSize(1);
        JsonNode j = json(CliRun.of("search", "--db", db.toString(), "--format", "json", "--where", "eventID = '" + id + "'", "--raw"));
        assertThat(j.path("count").asInt()).isEqualTo(1);
        assertThat(j.path("events").get(0).path("raw").path("eventID").asText()).isEqualTo(id);

        CliRun bad = CliRun.of("search", "--db", db.toString(), "--where", "no_such_column = 1");
        assertThat(bad.exit()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(bad.err()).contains("no_such_column");
        CliRun write = CliRun.of("search", "--db", db.toString(), "--where", "true); DELETE FROM events; SELECT (1");
        assertThat(write.exit()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        CliRun help = CliRun.of("search", "--help");
        assertThat(help.out()).contains("SQL", "event_view", "read-only");
        assertThat(lines(CliRun.of("search", "--db", db.toString(), "--format", "ndjson"))).hasSize((int) generated);
    }

    @Test
    void aSecondRunAttributesExactlyWithTheIssuanceTheFirstRunStored() throws IOException {
        // an assumed-role event whose issuing AssumeRole sits in another file
        String event = null, eventFile = null;
        JsonNode want = null;
        try (EventStore s = EventStore.open(db.toString(), true)) {
            Map<String, String> files = new HashMap<>();
            s.search(SearchFilter.all(), e -> { });
            for (Map.Entry<String, JsonNode> t : truth.entrySet()) {
                JsonNode chain = t.getValue().get("chain");
                if (chain.size() != 1) {
                    continue;
                }
                String f1 = sourceFile(s, t.getKey()), f0 = sourceFile(s, chain.get(0).asText());
                if (f1 != null && f0 != null && !f1.equals(f0)) {
                    event = t.getKey();
                    eventFile = f1;
                    want = t.getValue().get("origin");
                    break;
                }
            }
        }
        assertThat(event).isNotNull();
        List<String> rest;
        try (Stream<Path> walk = Files.walk(logs)) {
            String skip = eventFile;
            rest = walk.filter(Files::isRegularFile).map(Path::toString).filter(p -> !p.equals(skip)).sorted().toList();
        }
        Path two = tmp.resolve("two-runs.duckdb");
        List<String> args = new ArrayList<>(List.of("scan", "--db", two.toString(), "--format", "json"));
        args.addAll(rest);
        json(CliRun.of(args.toArray(String[]::new)));
        JsonNode second = json(CliRun.of("scan", eventFile, "--db", two.toString(), "--format", "json"));
        assertThat(second.path("store").path("issuancesSeeded").asLong()).isPositive();
        assertThat(second.path("store").path("eventsAdded").asLong()).isPositive();
        JsonNode w = json(CliRun.of("who", event, "--db", two.toString(), "--format", "json"));
        assertThat(label(w.path("origin"))).isEqualTo(label(want));
        assertThat(w.path("confidence").asText()).isEqualTo("exact");

        // without the first run, that file alone does not reach the origin by key
        Path alone = tmp.resolve("alone.duckdb");
        json(CliRun.of("scan", eventFile, "--db", alone.toString(), "--format", "json"));
        JsonNode w2 = json(CliRun.of("who", event, "--db", alone.toString(), "--format", "json"));
        assertThat(w2.path("confidence").asText()).isNotEqualTo("exact");
    }

    private static String sourceFile(EventStore s, String eventID) {
        String[] out = {null};
        try {
            out[0] = s.db().queryString("SELECT sourceFile FROM events WHERE eventID = " + io.trailhound.store.DuckDb.literal(eventID));
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return out[0];
    }

    @Test
    void pruneDeletesOldEventsAndScanCanPruneAfterIngest() throws IOException {
        Path copy = tmp.resolve("prune.duckdb");
        copyStore(db, copy);
        // the generated organisation starts 2026-11-01; a window of 1 day before now removes all of it
        JsonNode p = json(CliRun.of("prune", "--db", copy.toString(), "--retention", "1d", "--format", "json"));
        assertThat(p.path("deleted").path("events").asLong()).isEqualTo(generated);
        assertThat(p.path("deleted").path("attributions").asLong()).isEqualTo(generated);
        assertThat(p.path("eventsLeft").asLong()).isZero();
        try (EventStore s = EventStore.open(copy.toString(), true)) {
            assertThat(s.counts().get("events")).isZero();
            assertThat(s.counts().get("ingest_log")).isPositive();
        }
        JsonNode keepAll = json(CliRun.of("prune", "--db", db.toString(), "--retention", "36500d", "--format", "json"));
        assertThat(keepAll.path("deleted").path("events").asLong()).isZero();

        JsonNode scan = json(CliRun.of("scan", logs.toString(), "--db", tmp.resolve("pruned-scan.duckdb").toString(),
                "--retention", "1d", "--format", "json"));
        assertThat(scan.path("store").path("eventsAdded").asLong()).isEqualTo(generated);
        assertThat(scan.path("store").path("pruned").path("deleted").path("events").asLong()).isEqualTo(generated);

        assertThat(CliRun.of("prune", "--db", copy.toString(), "--retention", "soon").exit()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(CliRun.of("scan", logs.toString(), "--retention", "1d").exit()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
    }

    @Test
    void aStoreFromANewerBuildIsAClearError() throws Exception {
        Path newer = tmp.resolve("newer.duckdb");
        try (EventStore s = EventStore.open(newer.toString(), false)) {
            s.db().execute("INSERT INTO schema_version VALUES (999, 'future', current_timestamp::TIMESTAMP)");
        }
        CliRun r = CliRun.of("search", "--db", newer.toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(r.err()).contains("schema version 999", "newer Trailhound");
        CliRun scan = CliRun.of("scan", logs.toString(), "--db", newer.toString());
        assertThat(scan.exit()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
    }

    @Test
    void quarantinedRecordsGoIntoTheStore() throws IOException {
        Path bad = tmp.resolve("bad.jsonl");
        Files.writeString(bad, CloudTrailRecord.event("GetCallerIdentity").source("sts.amazonaws.com").at("2026-11-01T00:00:00Z")
                .iamUser("x", null).id("q1").json() + "\n{not json\n");
        Path store = tmp.resolve("q.duckdb");
        JsonNode s = json(CliRun.of("scan", bad.toString(), "--db", store.toString(), "--format", "json"));
        assertThat(s.path("quarantined").asLong()).isEqualTo(1);
        assertThat(s.path("store").path("quarantineAdded").asLong()).isEqualTo(1);
        assertThat(s.path("quarantine").isNull()).isTrue();
        try (EventStore st = EventStore.open(store.toString(), true)) {
            assertThat(st.db().queryString("SELECT reason || ' ' || record FROM quarantine")).startsWith("invalid_json {not json");
            assertThat(st.db().queryLong("SELECT records * 10 + quarantined FROM ingest_log")).isEqualTo(11L);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        JsonNode again = json(CliRun.of("scan", bad.toString(), "--db", store.toString(), "--format", "json"));
        assertThat(again.path("store").path("quarantineAdded").asLong()).isZero();
        JsonNode mem = json(CliRun.of("scan", bad.toString(), "--db", ":memory:", "--format", "json"));
        assertThat(mem.path("store").path("eventsAdded").asLong()).isEqualTo(1);
    }
}
