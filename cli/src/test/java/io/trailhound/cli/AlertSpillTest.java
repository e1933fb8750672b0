package io.trailhound.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailhound.core.alert.Alert;
import io.trailhound.core.alert.AlertEvent;
import io.trailhound.core.rules.ir.RuleFormat;
import io.trailhound.core.rules.ir.RuleInfo;
import io.trailhound.core.testkit.CloudTrailFiles;
import io.trailhound.core.testkit.CloudTrailRecord;
import io.trailhound.core.Severity;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The json summary's alerts array past the in-memory bound, and the table's bounded list. */
class AlertSpillTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RuleInfo RULE = new RuleInfo("r1", "Rule one", RuleFormat.FALCO, "test", 1, "WARNING",
            Severity.MEDIUM, null, List.of("aws"), List.of(), List.of(), "", true, null, List.of(), Map.of());

    @TempDir
    Path tmp;

    static Alert alert(int i, long millis) {
        AlertEvent e = new AlertEvent(millis, Instant.ofEpochMilli(millis).toString(), "id-" + i, "iam.amazonaws.com",
                "ListUsers", "us-east-1", "111122223333", "198.51.100.7", "IAMUser", "arn:aws:iam::111122223333:user/bob",
                "in.jsonl", i * 100L);
        return new Alert(RULE, "alert " + i + " \u202e\u0085", Map.of("ct.name", "ListUsers"), e, null, Map.of());
    }

    private static String print(ObjectNode doc, Json.StreamedArray array) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Json.printStreaming(new PrintStream(bytes, true, StandardCharsets.UTF_8), doc, "alerts", array);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static ObjectNode summary() {
        ObjectNode doc = Json.object().put("files", 1);
        doc.putObject("detection").put("alerts", 10);
        doc.putNull("alerts");
        doc.putObject("store").put("eventsAdded", 3);
        return doc;
    }

    private List<Path> spillFiles() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.filter(p -> p.getFileName().toString().startsWith("trailhound-alerts-")).toList();
        }
    }

    @Test
    void alertsPastTheBoundAreSpilledAndTheDocumentIsTheOneBuiltInMemory() throws IOException {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<Alert> alerts = new ArrayList<>();
        String streamed;
        try (AlertSpill spill = new AlertSpill(3, tmp, new PrintStream(err, true, StandardCharsets.UTF_8))) {
            for (int i = 0; i < 10; i++) {
                alerts.add(alert(i, 1_000_000L - i));
                spill.alert(alerts.get(i));
            }
            assertThat(spill.spilled()).isEqualTo(7);
            assertThat(spillFiles()).containsExactly(spill.file());
            assertThat(Files.readAllLines(spill.file())).hasSize(7).allMatch(l -> l.startsWith("{\"time\""));
            streamed = print(summary(), spill);
        }
        assertThat(spillFiles()).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();

        // The same document as building the whole array in memory and printing it (what scan did before).
        ObjectNode whole = summary();
        ArrayNode arr = whole.putArray("alerts");
        alerts.forEach(a -> arr.add(AlertJson.json(a)));
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        Json.print(new PrintStream(expected, true, StandardCharsets.UTF_8), whole, OutputFormat.json);
        assertThat(streamed).isEqualTo(expected.toString(StandardCharsets.UTF_8));

        JsonNode doc = JSON.readTree(streamed);
        assertThat(doc.path("alerts")).hasSize(10);
        assertThat(doc.path("alerts").get(9).path("eventID").asText()).isEqualTo("id-9");
        assertThat(doc.path("store").path("eventsAdded").asInt()).isEqualTo(3);
        assertThat(streamed).doesNotContain("\u202e", "\u0085").contains("\\u202E\\u0085");
    }

    @Test
    void whenTheSpillFileFailsTheSummaryIsStillWrittenAndSaysWhatIsMissing() throws IOException {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String out;
        try (AlertSpill spill = new AlertSpill(3, tmp.resolve("no-such-dir"), new PrintStream(err, true, StandardCharsets.UTF_8))) {
            for (int i = 0; i < 10; i++) {
                spill.alert(alert(i, i));
            }
            out = print(summary(), spill);
        }
        JsonNode doc = JSON.readTree(out);
        assertThat(doc.path("alerts")).hasSize(3);
        assertThat(doc.path("store").path("eventsAdded").asInt()).isEqualTo(3);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot keep more alerts")
                .contains("7 of 10 alerts are not in the JSON summary");
    }

    @Test
    void scanListsEveryAlertPastTheBoundInJsonAndTheEarliestInTheTable() throws IOException {
        int n = Math.max(AlertSpill.IN_MEMORY, EarliestAlerts.SHOWN) + 500;
        CloudTrailRecord listUsers = CloudTrailRecord.event("ListUsers").source("iam.amazonaws.com").iamUser("bob", null);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            lines.add(listUsers.at(Instant.parse("2026-11-01T00:00:00Z").plusSeconds(n - i).toString())
                    .id(String.format("ev-%05d", i)).json());
        }
        Path events = Files.writeString(tmp.resolve("events.jsonl"), CloudTrailFiles.jsonLines(lines));
        Path rule = Files.writeString(tmp.resolve("r.yaml"), """
                - rule: Users listed
                  desc: x
                  condition: ct.name = "ListUsers"
                  output: listed by %ct.user
                  priority: WARNING
                  source: aws_cloudtrail
                """);
        String[] args = {"scan", events.toString(), "--rules", "falco:" + rule, "--no-builtin", "--no-progress",
            "--quarantine", tmp.resolve("q").toString(), "--format"};

        CliRun json = CliRun.of(concat(args, "json"));
        assertThat(json.exit()).as(json.err()).isZero();
        JsonNode doc = JSON.readTree(json.out());
        assertThat(doc.path("detection").path("alerts").asLong()).isEqualTo(n);
        assertThat(doc.path("alerts")).hasSize(n);
        assertThat(doc.path("alerts").get(n - 1).path("eventID").asText()).isEqualTo(String.format("ev-%05d", n - 1));
        CliRun nd = CliRun.of(concat(args, "ndjson"));
        assertThat(nd.jsonLines()).hasSize(n);
        assertThat(doc.path("alerts").get(n - 1)).isEqualTo(nd.jsonLines().stream()
                .filter(a -> a.path("eventID").asText().equals(String.format("ev-%05d", n - 1))).findFirst().orElseThrow());

        CliRun table = CliRun.of(concat(args, "table"));
        assertThat(table.exit()).isZero();
        // The file runs backwards in time: the table keeps the last events read, the earliest.
        int notShown = n - EarliestAlerts.SHOWN;
        assertThat(table.out()).contains("... and " + notShown + " later alerts not shown");
        List<String> rows = table.out().lines().filter(l -> l.startsWith("2026-11-01T") && l.contains("Users listed")).toList();
        assertThat(rows).hasSize(EarliestAlerts.SHOWN);
        assertThat(rows.get(0)).startsWith("2026-11-01T00:00:01Z");
        assertThat(rows.get(rows.size() - 1)).startsWith(Instant.parse("2026-11-01T00:00:00Z").plusSeconds(EarliestAlerts.SHOWN).toString());
    }

    private static String[] concat(String[] args, String last) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 1);
        all[args.length] = last;
        return all;
    }

    @Test
    void theTableKeepsTheEarliestAlertsAndCountsTheRest() {
        EarliestAlerts shown = new EarliestAlerts(3);
        long[] times = {50, 10, 40, 10, 30, 20, 60};
        for (int i = 0; i < times.length; i++) {
            shown.alert(alert(i, times[i]));
        }
        assertThat(shown.sorted()).extracting(a -> a.event().eventID()).containsExactly("id-1", "id-3", "id-5");
        assertThat(shown.notShown()).isEqualTo(4);
    }
}
