package io.trailhound.cli;

import io.trailhound.flink.JobOptions;
import io.trailhound.flink.LocalJob;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "flink", mixinStandardHelpOptions = true,
        description = {
            "Run the Trailhound Flink job: the same reading, attribution and rules as 'scan', as a streaming job.",
            "",
            "--local runs it here, in an embedded Flink MiniCluster, and prints the alerts on stdout as NDJSON, each line "
                + "exactly as 'trailhound scan --format ndjson' prints it (lines come in the order the job raises them). "
                + "On a cluster, submit flink/target/trailhound-flink-job.jar with 'flink run' (see the README)."},
        footer = {"", "Exit codes: 0 ran; 2 usage error or rule load errors.",
            "", "Examples:", "  trailhound flink --local ~/logs/AWSLogs",
            "  trailhound flink --local --parallelism 2 --rules sigma:sigma/rules/cloud/aws ~/logs > alerts.ndjson"})
final class FlinkCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Files or directories.")
    List<String> paths;

    @Option(names = "--local", required = true,
            description = "Run the job in this process on an embedded MiniCluster (the only way this command runs it).")
    boolean local;

    @Option(names = "--parallelism", paramLabel = "N", description = "Parallel subtasks of every operator (default: cores).")
    int parallelism;

    @Mixin
    RuleOptions ruleOptions;

    @Option(names = "--falco-rule-matching", paramLabel = "all|first", defaultValue = "all",
            description = "As for 'scan': first reproduces Falco's rule_matching: first.")
    ScanCommand.FalcoMatching falcoMatching;

    @Option(names = "--learn-until", paramLabel = "TIME", description = "As for 'scan'.")
    String learnUntil;

    @Mixin
    AuthorizationDetailsOption authorization;

    @Option(names = "--attribution-wait", paramLabel = "DURATION", defaultValue = "20m",
            description = "With event time advancing (--monitor): how long past an event its alert waits for the "
                    + "attribution to be final (default: ${DEFAULT-VALUE}). Reading files once, every decision waits for "
                    + "the end of the input, as 'scan' does.")
    String attributionWait;

    @Option(names = "--monitor", paramLabel = "DURATION",
            description = "Keep watching the paths for new files at this interval (runs until stopped).")
    String monitor;

    @Option(names = "--quarantine", paramLabel = "DIR",
            description = "Directory for the quarantine file, one .ndjson per run (default: ~/.trailhound/quarantine).")
    Path quarantineDir;

    @Override
    public Integer call() throws Exception {
        if (parallelism < 0) {
            throw new IllegalArgumentException("--parallelism must be at least 1");
        }
        // Loaded here first so that rule errors read and exit as in 'scan'; the job's tasks load the same files.
        ruleOptions.load(System.err, true, falcoMatching == ScanCommand.FalcoMatching.first);
        JobOptions o = options();
        PrintStream out = System.out;
        try (Quarantine q = new Quarantine(quarantineDir)) {
            LocalJob.Counts c = LocalJob.run(o, out::println, q::add);
            out.flush();
            System.err.println(Json.MAPPER.writeValueAsString(Json.object().put("type", "summary")
                    .put("alerts", c.alerts()).put("quarantined", c.quarantined())
                    .put("quarantine", q.file == null ? null : q.file.toString())));
        }
        return ExitCodes.OK;
    }

    private JobOptions options() {
        JobOptions o = new JobOptions();
        o.paths.addAll(paths);
        o.rules.addAll(ruleOptions.rules);
        o.builtin = ruleOptions.builtin;
        o.enable.addAll(ruleOptions.enable);
        o.disable.addAll(ruleOptions.disable);
        o.tags.addAll(ruleOptions.tags);
        o.minPriority = ruleOptions.minPriority;
        o.falcoFirstMatch = falcoMatching == ScanCommand.FalcoMatching.first;
        o.geoipCity = ruleOptions.geoip.geoipCity == null ? null : ruleOptions.geoip.geoipCity.toString();
        o.geoipAsn = ruleOptions.geoip.geoipAsn == null ? null : ruleOptions.geoip.geoipAsn.toString();
        o.learnUntilMillis = learnUntil == null ? null : TimeArgs.instant("--learn-until", learnUntil, Instant.now()).toEpochMilli();
        authorization.files.forEach(p -> o.authorizationDetails.add(p.toString()));
        o.parallelism = parallelism;
        o.attributionWait = TimeArgs.duration("--attribution-wait", attributionWait);
        o.monitorInterval = monitor == null ? null : TimeArgs.duration("--monitor", monitor);
        // Local runs write no checkpoints anywhere: nothing to restore from after this process.
        o.checkpointInterval = o.monitorInterval == null ? Duration.ZERO : Duration.ofSeconds(30);
        return o;
    }

    /** The quarantine file, made on the first entry, as 'scan' keeps it. */
    private static final class Quarantine implements AutoCloseable {
        private final Path dir;
        Path file;
        private BufferedWriter out;

        Quarantine(Path dir) {
            this.dir = dir != null ? dir : Path.of(System.getProperty("user.home"), ".trailhound", "quarantine");
        }

        void add(String line) {
            try {
                if (out == null) {
                    Files.createDirectories(dir);
                    file = dir.resolve("flink-" + Instant.now().toString().replace(':', '-') + "-" + ProcessHandle.current().pid()
                            + ".ndjson");
                    out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                }
                out.write(line);
                out.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write quarantine file " + file, e);
            }
        }

        @Override
        public void close() throws IOException {
            if (out != null) {
                out.close();
            }
        }
    }
}
