package io.trailhound.synth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** A generation run read back: every record (sorted by eventTime), origins lines and the ground truth. */
final class GeneratedOrg {
    static final ObjectMapper JSON = new ObjectMapper();

    final GeneratorConfig config;
    final GenerateResult result;
    final List<JsonNode> records = new ArrayList<>();
    final Map<String, JsonNode> byId = new LinkedHashMap<>();
    final Map<String, JsonNode> origins = new LinkedHashMap<>();
    final JsonNode groundTruth;

    private GeneratedOrg(GeneratorConfig config, GenerateResult result) throws IOException {
        this.config = config;
        this.result = result;
        for (Path f : files(result.logsRoot())) {
            String name = f.getFileName().toString();
            if (name.endsWith(".json.gz")) {
                try (InputStream in = new GZIPInputStream(Files.newInputStream(f))) {
                    JSON.readTree(in).get("Records").forEach(records::add);
                }
            } else if (name.endsWith(".jsonl")) {
                try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                    for (String line = r.readLine(); line != null; line = r.readLine()) {
                        records.add(JSON.readTree(line));
                    }
                }
            }
        }
        records.sort(Comparator.comparing(r -> r.get("eventTime").asText()));
        for (JsonNode r : records) {
            byId.put(r.get("eventID").asText(), r);
        }
        try (BufferedReader r = Files.newBufferedReader(config.outDir().resolve("truth/origins.ndjson"))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                JsonNode o = JSON.readTree(line);
                origins.put(o.get("eventID").asText(), o);
            }
        }
        this.groundTruth = JSON.readTree(result.groundTruth().toFile());
    }

    static GeneratedOrg generate(GeneratorConfig config) throws IOException {
        return read(config, new OrgGenerator(config).generate(n -> { }));
    }

    static GeneratedOrg read(GeneratorConfig config, GenerateResult result) throws IOException {
        return new GeneratedOrg(config, result);
    }

    static GeneratorConfig config(Path dir, long seed, int accounts, int users, int days, long events, OutputLayout layout) {
        return new GeneratorConfig(seed, accounts, users, days, events, GeneratorConfig.DEFAULT_START, layout, dir);
    }

    static List<Path> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    Path posture(String account, String file) {
        return result.postureDir().resolve(account).resolve(file);
    }

    /** Credential report rows keyed by the "user" column, each a column-name → value map. */
    Map<String, Map<String, String>> credentialReport(String account) throws IOException {
        List<String> lines = Files.readAllLines(posture(account, "credential-report.csv"));
        String[] header = lines.get(0).split(",", -1);
        Map<String, Map<String, String>> rows = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], cells[i]);
            }
            rows.put(cells[0], row);
        }
        return rows;
    }

    static String text(JsonNode n, String path) {
        JsonNode v = n.at(path);
        return v.isMissingNode() || v.isNull() ? null : v.asText();
    }
}
