package io.trailhound.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Runs the CLI in-process with stdout and stderr captured. */
record CliRun(int exit, String out, String err) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** stdout as NDJSON: one tree a non-blank line. */
    List<JsonNode> jsonLines() throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.strip().split("\n")) {
            if (!line.isBlank()) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    /**
     * The records of one file of a small generated organisation ({@code generate --layout jsonl}, two
     * accounts, five users, one day), a record a line, for tests that feed a writer through stdin.
     */
    static List<String> generatedRecordLines(java.nio.file.Path dir, int events) throws IOException {
        CliRun gen = of("generate", "--out", dir.toString(), "--events", Integer.toString(events), "--accounts", "2",
                "--users", "5", "--days", "1", "--layout", "jsonl", "--format", "json");
        if (gen.exit() != 0) {
            throw new IllegalStateException("generate failed: " + gen.err());
        }
        try (var files = java.nio.file.Files.list(dir.resolve("logs"))) {
            return java.nio.file.Files.readAllLines(files.filter(p -> p.toString().endsWith(".jsonl")).findFirst().orElseThrow());
        }
    }

    static synchronized CliRun of(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
