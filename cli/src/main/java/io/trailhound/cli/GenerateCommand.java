package io.trailhound.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailhound.synth.GenerateResult;
import io.trailhound.synth.GeneratorConfig;
import io.trailhound.synth.OrgGenerator;
import io.trailhound.synth.OutputLayout;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.LongConsumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {
            "Generate a synthetic AWS organisation's CloudTrail logs, IAM posture files and ground truth.",
            "",
            "Deterministic: the same options and seed give the same bytes. The logs hold console logins, "
                + "role chains across accounts, federated and Identity Center sessions, service roles, "
                + "read-only noise and errors, plus injected attack stories; ground-truth.json names each "
                + "story's events and the true origin of assumed-role activity, and lists planted posture "
                + "violations."},
        footer = {"", "Example:", "  trailhound generate --out /tmp/org --events 1000000 --accounts 8 --days 3"})
final class GenerateCommand implements Callable<Integer> {
    @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", description = "Directory to write into.")
    Path out;

    @Mixin
    GeneratorOptions options;

    @Option(names = "--format", defaultValue = "table", description = "table, json or ndjson (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Option(names = "--external-keys", paramLabel = "N",
            description = "Instead of the organisation: --events records of assumed-role activity with keys issued before "
                    + "the logs (no issuance in them), N records a key (1: each its own key), into DIR/logs. For measuring "
                    + "attribution when most sessions began earlier.")
    Integer externalKeys;

    @Override
    public Integer call() throws IOException {
        if (externalKeys != null) {
            long n = new io.trailhound.synth.ExternalKeysGenerator(options.seed, options.events, externalKeys, options.start)
                    .generate(out.resolve("logs"));
            Json.print(System.out, Json.object().put("events", n).put("eventsPerKey", externalKeys)
                    .put("logs", out.resolve("logs").toAbsolutePath().toString()), OutputFormat.json);
            return ExitCodes.OK;
        }
        GenerateResult r = generate(options.config(out), System.err);
        print(System.out, r, format);
        return ExitCodes.OK;
    }

    static GenerateResult generate(GeneratorConfig config, PrintStream err) throws IOException {
        boolean tty = Progress.stderrIsTerminal();
        long total = config.events();
        LongConsumer progress = tty ? n -> err.printf(Locale.ROOT, "\rgenerating: %,d / %,d events", n, total) : n -> { };
        GenerateResult r = new OrgGenerator(config).generate(progress);
        if (tty) {
            err.print("\r" + " ".repeat(60) + "\r");
        }
        return r;
    }

    static ObjectNode json(GenerateResult r) {
        ObjectNode o = Json.object();
        o.put("events", r.events());
        o.put("logFiles", r.logFiles());
        o.put("bytes", r.bytes());
        o.put("logs", r.logsRoot().toAbsolutePath().toString());
        o.put("groundTruth", r.groundTruth().toAbsolutePath().toString());
        o.put("posture", r.postureDir().toAbsolutePath().toString());
        r.stories().forEach(o.putArray("stories")::add);
        return o;
    }

    static void print(PrintStream out, GenerateResult r, OutputFormat format) {
        if (format != OutputFormat.table) {
            Json.print(out, json(r), format);
            return;
        }
        new Table("", "")
                .row("events", String.format(Locale.ROOT, "%,d", r.events()))
                .row("log files", String.format(Locale.ROOT, "%,d (%s)", r.logFiles(), ByteSize.human(r.bytes())))
                .row("logs", r.logsRoot().toAbsolutePath())
                .row("ground truth", r.groundTruth().toAbsolutePath())
                .row("posture files", r.postureDir().toAbsolutePath())
                .row("stories", String.join(", ", r.stories()))
                .print(out);
    }

    /** The generator's knobs, shared with demo. */
    static final class GeneratorOptions {
        @Option(names = "--events", defaultValue = "20000", description = "About how many events (default: ${DEFAULT-VALUE}).")
        long events;

        @Option(names = "--accounts", defaultValue = "4", description = "Accounts in the organisation (default: ${DEFAULT-VALUE}).")
        int accounts;

        @Option(names = "--users", defaultValue = "20", description = "Human users (default: ${DEFAULT-VALUE}).")
        int users;

        @Option(names = "--days", defaultValue = "2", description = "Days of activity (default: ${DEFAULT-VALUE}).")
        int days;

        @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--start", defaultValue = "2026-11-01T00:00:00Z",
                description = "First day, an ISO instant (default: ${DEFAULT-VALUE}).")
        Instant start;

        @Option(names = "--layout", defaultValue = "s3",
                description = "s3: gzip files in the AWSLogs/ layout, ~5 min each; jsonl: JSON Lines per day (default: ${DEFAULT-VALUE}).")
        String layout;

        GeneratorConfig config(Path outDir) {
            OutputLayout l = switch (layout.toLowerCase(Locale.ROOT)) {
                case "s3" -> OutputLayout.S3;
                case "jsonl" -> OutputLayout.JSONL;
                default -> throw new IllegalArgumentException("--layout must be s3 or jsonl, not '" + layout + "'");
            };
            return new GeneratorConfig(seed, accounts, users, days, events, start, l, outDir);
        }
    }
}
