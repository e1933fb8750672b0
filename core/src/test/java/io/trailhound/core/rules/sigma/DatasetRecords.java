package io.trailhound.core.rules.sigma;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.TestEvents;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Test-side reader for the shared CloudTrail datasets: every {@code .json}, {@code .jsonl} or
 * {@code .gz} file under a folder, in the shapes they come in ({@code {"Records":[...]}}, a JSON
 * array, or one record per line, possibly wrapped as {@code {"event":{...}}}), decoded as a scan
 * decodes them.
 */
final class DatasetRecords {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DatasetRecords() {
    }

    record Entry(String file, CloudTrailEvent event) {
    }

    static List<Entry> read(Path dir) {
        List<Entry> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                String n = p.getFileName().toString();
                if (n.endsWith(".json") || n.endsWith(".jsonl") || n.endsWith(".json.gz") || n.endsWith(".jsonl.gz")) {
                    for (JsonNode record : records(p)) {
                        // Labelled test sets wrap each record: {"rule_id":…,"expected":…,"event":{…}}.
                        JsonNode r = record.has("event") && !record.has("eventName") ? record.get("event") : record;
                        out.add(new Entry(n, TestEvents.parse(r.toString())));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static List<JsonNode> records(Path p) throws IOException {
        String text;
        try (InputStream in = p.toString().endsWith(".gz") ? new GZIPInputStream(Files.newInputStream(p))
                : Files.newInputStream(p)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<JsonNode> out = new ArrayList<>();
        String trimmed = text.strip();
        if (trimmed.startsWith("[") || (trimmed.startsWith("{") && !trimmed.contains("\n"))
                || trimmed.startsWith("{\"Records\"")) {
            JsonNode root = JSON.readTree(trimmed);
            JsonNode list = root.isArray() ? root : root.has("Records") ? root.get("Records") : null;
            if (list != null) {
                list.forEach(out::add);
            } else {
                out.add(root);
            }
            return out;
        }
        for (String line : trimmed.split("\n")) {
            if (!line.isBlank()) {
                out.add(JSON.readTree(line));
            }
        }
        return out;
    }
}
