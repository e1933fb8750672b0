package io.trailhound.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailhound.core.identity.TrustPolicies;
import io.trailhound.core.ingest.IngestProgress;
import io.trailhound.core.rules.RuleFormats;
import io.trailhound.core.rules.engine.Detector;
import io.trailhound.core.rules.engine.RuleSet;
import io.trailhound.core.scan.ScanOptions;
import io.trailhound.store.EventStore;
import io.trailhound.store.SearchFilter;
import io.trailhound.store.StoreScan;
import io.trailhound.synth.GeneratorConfig;
import io.trailhound.synth.OrgGenerator;
import io.trailhound.synth.OutputLayout;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One generated organisation fed into a store in several runs, the issuances after the actions they
 * issued keys for (in random, seeded interleavings), ends with exactly the answers of one run over
 * all of it, and those answers are the generator's truth. Stored alerts follow too.
 */
class AttributionAcrossRunsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> ISSUING = Set.of("AssumeRole", "AssumeRoleWithSAML", "AssumeRoleWithWebIdentity",
            "GetSessionToken", "GetFederationToken", "AssumeRoot", "SwitchRole");

    @TempDir
    static Path tmp;
    static final List<JsonNode> records = new ArrayList<>();
    static final Map<String, JsonNode> truth = new LinkedHashMap<>();
    static Map<String, String> oneRun;
    static Map<String, String> oneRunAlerts;

    @BeforeAll
    static void generateAndScanOnce() throws IOException {
        Path out = tmp.resolve("org");
        GeneratorConfig config = new GeneratorConfig(11, 3, 10, 1, 6000, GeneratorConfig.DEFAULT_START, OutputLayout.S3, out);
        Path logs = new OrgGenerator(config).generate(n -> { }).logsRoot();
        try (Stream<Path> files = Files.walk(logs)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json.gz")).sorted().toList()) {
                try (InputStream in = new GZIPInputStream(Files.newInputStream(f))) {
                    JSON.readTree(in).get("Records").forEach(records::add);
                }
            }
        }
        try (BufferedReader r = Files.newBufferedReader(out.resolve("truth/origins.ndjson"))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                JsonNode o = JSON.readTree(line);
                truth.put(o.get("eventID").asText(), o);
            }
        }
        Path db = tmp.resolve("one.duckdb");
        scan(db, writeRun(tmp.resolve("one"), records, new Random(0)));
        oneRun = answers(db);
        oneRunAlerts = alerts(db);
    }

    /** The case: the first run has the actions, the second brings the STS calls. */
    @Test
    void aSecondRunThatBringsTheIssuancesMakesTheFirstRunsActionsExact() throws IOException {
        splitAndCompare("late-2", r -> isIssuing(r) ? 1 : 0, 2, 1);
    }

    @Test
    void threeRunsWithIssuancesLastAndActionsInterleavedGiveTheAnswersOfOneRun() throws IOException {
        for (long seed = 1; seed <= 2; seed++) {
            Random rnd = new Random(seed);
            splitAndCompare("late-3-" + seed, r -> isIssuing(r) ? 2 : rnd.nextInt(2), 3, seed);
        }
    }

    /** Chains whose first hop arrives last: role-to-role issuances in the second run, first hops (by users, federations) in the third. */
    @Test
    void chainsWhoseFirstHopArrivesLastSettleToo() throws IOException {
        splitAndCompare("first-hop-last", r -> !isIssuing(r) ? 0 : chained(r) ? 1 : 2, 3, 7);
    }

    private static void splitAndCompare(String name, Function<JsonNode, Integer> runOf, int runs, long seed) throws IOException {
        List<List<JsonNode>> split = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            split.add(new ArrayList<>());
        }
        records.forEach(r -> split.get(runOf.apply(r)).add(r));
        assertThat(split).allSatisfy(run -> assertThat(run).isNotEmpty());
        Path db = tmp.resolve(name + ".duckdb");
        Random rnd = new Random(seed);
        for (int i = 0; i < runs; i++) {
            scan(db, writeRun(tmp.resolve(name + "-run" + i), split.get(i), rnd));
            if (i == 0) {
                // Before the issuances came, many stored answers were not yet one run's: later runs changed them.
                Map<String, String> early = answers(db);
                long notYet = early.entrySet().stream().filter(e -> !e.getValue().equals(oneRun.get(e.getKey()))).count();
                assertThat(notYet).as("answers the first run could not know").isGreaterThan(100);
            }
        }
        Map<String, String> got = answers(db);
        assertThat(got).hasSize(records.size());
        List<String> differ = new ArrayList<>();
        oneRun.forEach((id, want) -> {
            if (!want.equals(got.get(id))) {
                differ.add(id + ": one run " + want + ", split " + got.get(id));
            }
        });
        assertThat(differ).as("events whose answer differs from one run's").isEmpty();
        assertThat(alerts(db)).as("stored alerts").isEqualTo(oneRunAlerts);
        // Against the generator's truth: every attributable event names its true origin, none inferred or unknown.
        Map<String, Integer> wrong = new TreeMap<>();
        truth.forEach((id, t) -> {
            JsonNode o = t.get("origin");
            String want = o.get("type").asText() + " " + (o.has("arn") ? o.get("arn").asText() : o.get("name").asText());
            String[] g = got.get(id).split(" \\| ");
            if (!want.equals(g[0]) || g[1].equals("inferred") || g[1].equals("unknown")) {
                wrong.merge(want + " -> " + got.get(id), 1, Integer::sum);
            }
        });
        assertThat(wrong).as("events not given their true origin").isEmpty();
    }

    private static boolean isIssuing(JsonNode r) {
        return ISSUING.contains(r.path("eventName").asText());
    }

    private static boolean chained(JsonNode r) {
        String t = r.path("userIdentity").path("type").asText();
        return t.equals("AssumedRole") || t.equals("FederatedUser");
    }

    /** The run's records in a random order over a few files. */
    private static Path writeRun(Path dir, List<JsonNode> run, Random rnd) throws IOException {
        Files.createDirectories(dir);
        List<JsonNode> shuffled = new ArrayList<>(run);
        Collections.shuffle(shuffled, rnd);
        int files = 4;
        for (int f = 0; f < files; f++) {
            ObjectNode doc = JSON.createObjectNode();
            ArrayNode arr = doc.putArray("Records");
            for (int i = f; i < shuffled.size(); i += files) {
                arr.add(shuffled.get(i));
            }
            Files.write(dir.resolve("part-" + f + ".json"), JSON.writeValueAsBytes(doc));
        }
        return dir;
    }

    private static void scan(Path db, Path dir) {
        try (EventStore store = EventStore.open(db.toString(), false)) {
            StoreScan.run(store, List.of(dir.toString()), new ScanOptions(ScanOptions.defaults(null).limits(), 2, null),
                    TrustPolicies.none(), null, IngestProgress.NONE,
                    new StoreScan.Detect(new Detector(new RuleSet(RuleFormats.builtin().rules())), null, a -> { }));
        }
    }

    /** eventID → "originType label | confidence", as search (over event_view) shows them. */
    private static Map<String, String> answers(Path db) {
        Map<String, String> out = new LinkedHashMap<>();
        try (EventStore store = EventStore.open(db.toString(), true)) {
            store.search(SearchFilter.all(), e -> out.put(e.eventID(), e.originType() + " "
                    + (e.originArn() != null ? e.originArn() : e.originName()) + " | " + e.confidence()));
        }
        return out;
    }

    /** Stored alert id → origin and confidence, from the alerts table and from alert_view (which must agree). */
    private static Map<String, String> alerts(Path db) {
        try (EventStore store = EventStore.open(db.toString(), true)) {
            String table = store.db().queryString("SELECT coalesce(string_agg(id || '=' || coalesce(originLabel, '-') || '/' "
                    + "|| coalesce(confidence, '-'), ',' ORDER BY id), '') FROM alerts");
            String view = store.db().queryString("SELECT coalesce(string_agg(id || '=' || coalesce(originLabel, '-') || '/' "
                    + "|| coalesce(confidence, '-'), ',' ORDER BY id), '') FROM alert_view");
            assertThat(view).isEqualTo(table);
            Map<String, String> out = new TreeMap<>();
            for (String kv : table.split(",")) {
                if (!kv.isEmpty()) {
                    out.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
                }
            }
            assertThat(out).isNotEmpty();
            return out;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
