package io.trailhound.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailhound.core.alert.Alert;
import io.trailhound.core.ingest.IngestProgress;
import io.trailhound.core.rules.engine.Detector;
import io.trailhound.core.rules.RuleFormats;
import io.trailhound.core.rules.engine.RuleSet;
import io.trailhound.core.rules.engine.DetectionStage;
import io.trailhound.core.scan.Scan;
import io.trailhound.core.scan.ScanOptions;
import io.trailhound.synth.GenerateResult;
import io.trailhound.web.WebServer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {
            "Generate a small synthetic organisation into a temporary directory, scan it, and show what "
                + "Trailhound read and where the files are, so you can point other commands at them."},
        footer = {"", "Example:", "  trailhound demo", "  trailhound demo --events 100000 --format json"})
final class DemoCommand implements Callable<Integer> {
    @Mixin
    GenerateCommand.GeneratorOptions options;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR",
            description = "Write the data here instead of a new temporary directory.")
    Path out;

    @Option(names = "--format", defaultValue = "table", description = "table, json or ndjson (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Override
    public Integer call() throws IOException {
        Path dir = out != null ? out : Files.createTempDirectory("trailhound-demo-");
        PrintStream err = System.err;
        err.println("trailhound demo: generating a synthetic organisation in " + TerminalText.escape(dir.toString()));
        GenerateResult gen = GenerateCommand.generate(options.config(dir), err);
        err.println("trailhound demo: scanning " + TerminalText.escape(gen.logsRoot().toString()));
        ScanOptions scanOptions = ScanOptions.defaults(dir.resolve("quarantine").resolve("demo.ndjson"));
        // The scan as 'trailhound scan' runs by default: attribution and the built-in rules.
        List<Alert> alerts = new ArrayList<>();
        Scan.Result scan = Scan.builder(scanOptions)
                .attribution()
                .detection(DetectionStage.inMemory(new Detector(new RuleSet(RuleFormats.builtin().rules())),
                        null, alerts::add))
                .build()
                .run(List.of(gen.logsRoot().toString()), IngestProgress.NONE);
        JsonNode truth = Json.MAPPER.readTree(gen.groundTruth().toFile());

        if (format != OutputFormat.table) {
            ObjectNode o = Json.object();
            o.put("directory", dir.toAbsolutePath().toString());
            o.set("generated", GenerateCommand.json(gen));
            o.set("scan", ScanReport.json(scan));
            o.set("stories", truth.path("stories"));
            ArrayNode arr = o.putArray("alerts");
            alerts.forEach(a -> arr.add(AlertJson.json(a)));
            Json.print(System.out, o, format);
            return exitCode(scan, gen);
        }
        PrintStream o = System.out;
        o.println("Trailhound demo: a synthetic AWS organisation, generated and scanned");
        o.println();
        GenerateCommand.print(o, gen, OutputFormat.table);
        o.println();
        o.println("What the scan read");
        ScanReport.table(o, scan);
        o.println();
        o.println("Attack stories injected into the data (ground truth: "
                + TerminalText.escape(gen.groundTruth().toAbsolutePath().toString()) + ")");
        Table t = new Table("", "", "");
        for (JsonNode s : truth.path("stories")) {
            t.row("  " + s.path("story").asText(), s.path("eventIds").size() + " events", s.path("description").asText());
        }
        t.print(o);
        o.println();
        o.println("Alerts from the built-in rules, each with the origin behind the event (who really did it)");
        AlertJson.table(o, alerts);
        o.println();
        o.println("Next: trailhound scan " + TerminalText.escape(gen.logsRoot().toAbsolutePath().toString()) + " --format json");
        o.println();
        // The demo scanned in memory; the UI reads a store, so the user makes one, then serves it.
        String store = TerminalText.escape(dir.resolve("trailhound.duckdb").toAbsolutePath().toString());
        o.println("Browse it in the web UI (alerts, who did it, timelines, posture):");
        o.println("  trailhound scan " + TerminalText.escape(gen.logsRoot().toAbsolutePath().toString()) + " --db " + store);
        o.println("  trailhound serve --db " + store + " --posture "
                + TerminalText.escape(gen.postureDir().toAbsolutePath().toString()));
        o.println("  then open http://" + WebServer.DEFAULT_BIND + ":" + WebServer.DEFAULT_PORT + "/");
        return exitCode(scan, gen);
    }

    /** As scan's: 2 when nothing at all could be read (generated data always reads; this keeps the two alike). */
    private static int exitCode(Scan.Result scan, GenerateResult gen) {
        return ScanReport.nothingRead(System.err, scan.ingest(), List.of(gen.logsRoot().toString()))
                ? ExitCodes.USAGE_OR_INPUT : ExitCodes.OK;
    }
}
