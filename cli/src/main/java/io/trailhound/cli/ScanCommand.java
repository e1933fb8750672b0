package io.trailhound.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailhound.core.alert.AlertLines;
import io.trailhound.core.alert.AlertSink;
import io.trailhound.core.rules.engine.Detector;
import io.trailhound.core.rules.engine.RuleSet;
import io.trailhound.core.Severity;
import io.trailhound.core.rules.engine.DetectionStage;
import java.time.Instant;
import io.trailhound.core.identity.CredentialLedger;
import io.trailhound.core.ingest.ReadLimits;
import io.trailhound.core.scan.Scan;
import io.trailhound.core.scan.ScanOptions;
import io.trailhound.store.EventStore;
import io.trailhound.store.StoreException;
import io.trailhound.store.StoreScan;
import java.time.Duration;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "scan", mixinStandardHelpOptions = true,
        description = {
            "Read CloudTrail logs and summarise them.",
            "",
            "PATH may be a file, a directory (walked recursively, following symbolic links: the "
                + "AWSLogs/<account>/CloudTrail/... layout, organisation trails, any tree), - for stdin, or s3://bucket/prefix/ "
                + "(a trail in S3, listed one level at a time: --from/--to, --accounts and --regions leave out what they do not "
                + "want without listing it; objects are streamed, several at once). Each input's shape is detected "
                + "from its content: S3 delivery files {\"Records\":[...]}, plain or gzip; JSON arrays; "
                + "JSON Lines (CloudTrail Lake, EventBridge, SIEM exports); a single event.",
            "",
            "Bad records (invalid JSON, not an object, no eventTime or eventName, over the size limit) "
                + "and damaged inputs (truncated gzip, decompression bombs) are counted, reported with "
                + "file and byte offset, and written to a quarantine file; reading goes on. Duplicate "
                + "eventIDs (overlapping exports) are counted and dropped.",
            "",
            "With --db the scan also persists what it reads into a DuckDB store (events with their raw records, "
                + "who is behind each, the credential issuances, the quarantine and an ingest log), for 'who', "
                + "'timeline' and 'search'. Attribution is then always on, starting from the issuances earlier runs "
                + "stored; files whose content the store already has are not read again, and events already stored "
                + "(same eventID) are not added twice.",
            "",
            "Rules: the built-in pack runs by default; --rules adds Falco, Elastic and Sigma rule files, run unchanged. "
                + "Every alert names the origin behind the event. --format ndjson prints one alert per line "
                + "(Falco's JSON keys plus eventID and origin) with the run summary on stderr; --format json prints the "
                + "summary with an 'alerts' array (streamed: any number of alerts); table is for people and shows the "
                + "earliest 1,000 alerts."},
        footer = {"", "Exit codes: 0 read; 1 alerts at or above --fail-on; 2 usage error, rule load errors, "
                + "a finding Security Hub refused (--securityhub), or nothing at all could be read (not one record, and bad or unreadable input; empty input is 0).",
            "", "Examples:", "  trailhound scan ~/logs/AWSLogs", "  zcat trail.json.gz | trailhound scan - --format json",
            "  trailhound scan ~/logs/AWSLogs --db ~/.trailhound/trailhound.duckdb --retention 90d",
            "  trailhound scan s3://org-trail/AWSLogs/ --from 7d --accounts 111122223333 --regions us-east-1 --db trail.duckdb",
            "  trailhound scan ~/logs --rules falco:aws_cloudtrail_rules.yaml --rules sigma:sigma/rules/cloud/aws "
                + "--format ndjson --fail-on high",
            "  trailhound scan ~/logs --format asff --securityhub --asff-region eu-west-1 --profile security"})
final class ScanCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Files, directories, - for stdin, or s3://bucket/prefix/.")
    List<String> paths;

    @Mixin
    ReadOptions read;

    @Mixin
    S3Options s3;

    @Mixin
    AwsOptions aws;

    @Option(names = "--format", defaultValue = "table",
            description = "table, json or ndjson (default: ${DEFAULT-VALUE}); or documents on stdout for other tools, the "
                    + "summary on stderr: ecs (each event as the ECS document the Elastic rules see, plus trailhound.origin.*), "
                    + "ocsf (events as OCSF API Activity, alerts as Detection Finding), asff (alerts as Security Hub findings, "
                    + "one BatchImportFindings array of at most 100 per line; with --securityhub imported instead).")
    ScanFormat format;

    @Mixin
    AlertSinkOptions sinkOptions;

    @Mixin
    AsffOptions asff;

    @Mixin
    SecurityHubOption securityHub;

    private ScanSinks sinks;
    /** Set by --format asff --securityhub. */
    private io.trailhound.cli.output.SecurityHubImport hub;
    /** The webhook's part of the summary, once the run is over (null without --alerts-webhook). */
    private ObjectNode webhook;

    @Option(names = "--attribute", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Name the origin behind events made with temporary credentials (who really did it), by following "
                    + "STS issuances across accounts: the 'attribution' section (default: on; --no-attribute reads and "
                    + "summarises only).")
    boolean attribute;

    @Option(names = "--db", paramLabel = "PATH",
            description = "Persist into this store: a DuckDB file (made when absent; the usual one is "
                    + "~/.trailhound/trailhound.duckdb), or :memory:. Turns attribution on. Without --db the scan keeps "
                    + "nothing. With --db the quarantine goes into the store; --quarantine DIR also keeps the file.")
    String db;

    @Option(names = "--retention", paramLabel = "DURATION",
            description = "With --db: after the run, prune the store to this window (90d, 36h, ...; see 'trailhound prune').")
    String retention;

    @Option(names = "--batch-files", paramLabel = "N", defaultValue = "10000",
            description = "With --db: commit a batch after this many files (default: ${DEFAULT-VALUE}). Each batch goes into "
                    + "the store whole or not at all and is visible to readers once committed; a crash loses at most the "
                    + "batch being read, and the same scan run again completes the store.")
    int batchFiles;

    @Option(names = "--batch-events", paramLabel = "N", defaultValue = "491520",
            description = "With --db: commit a batch after this many events (default: ${DEFAULT-VALUE}; bounds the memory "
                    + "a batch takes).")
    long batchEvents;

    @Option(names = "--batch-time", paramLabel = "DURATION", defaultValue = "30s",
            description = "With --db: commit a batch at least this often (default: ${DEFAULT-VALUE}): how far readers "
                    + "beside the scan lag behind it.")
    String batchTime;

    @Option(names = "--wait-for-lock", paramLabel = "DURATION",
            description = "With --db: when another process is writing the store, wait up to this long (30s, 10m, ...) for "
                    + "it to finish instead of failing at once (exit 2).")
    String waitForLock;

    @Mixin
    AuthorizationDetailsOption authorization;

    @Mixin
    RuleOptions ruleOptions;

    @Option(names = "--falco-rule-matching", paramLabel = "all|first", defaultValue = "all",
            description = "all: every matching rule alerts (default, as Elastic and Sigma engines do); first: among Falco "
                    + "rules only the first match in file order alerts, as Falco's default rule_matching does.")
    FalcoMatching falcoMatching;

    enum FalcoMatching { all, first }

    @Option(names = "--fail-on", paramLabel = "LEVEL",
            description = "Exit 1 when an alert at or above this level was raised (info, low, medium, high, critical, "
                    + "or a Falco priority), for CI.")
    String failOn;

    @Option(names = "--learn-until", paramLabel = "TIME",
            description = "New-terms rules (Elastic new_terms) learn from events before TIME without alerting: use on the "
                    + "first run over a period so that only terms new after it alert (2024-05-01, 2024-05-01T12:00:00Z, 7d = "
                    + "seven days before now).")
    String learnUntil;

    @Option(names = "--attribution-wait", paramLabel = "DURATION",
            description = "How long an alert whose credential's issuance has not been read yet may wait for it, in event time "
                    + "(the latest event time read minus the alert's): then it goes out with the answer it has, and a later, "
                    + "better answer is printed as an update ({\"type\":\"attribution_update\",\"id\":...} with --format "
                    + "ndjson) and written to the stored alert, never as a second alert. Streaming hosts use 20m. Default: "
                    + "wait until the input ends, so each alert is printed once with the answer final for the input.")
    String attributionWait;

    @Option(names = "--progress", negatable = true,
            description = "Show progress on stderr (default: only when stderr is a terminal).")
    Boolean progress;

    @Override
    public Integer call() {
        sinkOptions.check(format);
        boolean anyS3 = io.trailhound.aws.s3.TrailSources.anyS3(paths);
        if (!anyS3 && s3.given()) {
            throw new IllegalArgumentException("--from, --to, --accounts and --regions apply to s3:// locations; none was given");
        }
        hub = securityHub.open(format == ScanFormat.asff, aws, asff.region);
        if (!anyS3 && hub == null && aws.given()) {
            throw new IllegalArgumentException("--profile, --region and --endpoint-url apply to s3:// locations and "
                    + "--securityhub; neither was given");
        }
        try (ScanSinks s = sinks = new ScanSinks(format, sinkOptions, asff.target(), ruleOptions.geoip, System.out, hub);
             Rules rules = new Rules();
             io.trailhound.aws.s3.TrailSources sources = new io.trailhound.aws.s3.TrailSources(aws.settings(), s3.listThreads)) {
            this.sources = sources;
            return db != null ? scanIntoStore(System.out, rules) : scan(System.out, rules);
        }
    }

    private io.trailhound.aws.s3.TrailSources sources;

    /** Local paths alone: found before reading, as always (the store checksums such files in parallel beforehand). */
    private io.trailhound.core.ingest.InputFinder.Found localInputs() {
        return sources.find(paths, s3.filter(Instant.now()));
    }

    /** With s3:// locations: their objects handed to the readers while they are still listed. */
    private io.trailhound.core.ingest.InputFeed listedInputs() {
        return sources.feed(paths, s3.filter(Instant.now()));
    }

    /** What the listing did, on stderr, once the run is over (the listing ran beside the reading). */
    private void listingNote() {
        String note = sources.listingNote();
        if (note != null) {
            System.err.println("trailhound: " + TerminalText.escape(note));
        }
    }

    private boolean anyS3() {
        return io.trailhound.aws.s3.TrailSources.anyS3(paths);
    }

    /** Without --threads, s3:// locations get more readers (TrailSources.readThreads). */
    private ScanOptions forSources(ScanOptions o) {
        if (read.threads == null && anyS3()) {
            return new ScanOptions(o.limits(), io.trailhound.aws.s3.TrailSources.readThreads(Runtime.getRuntime().availableProcessors()),
                    o.quarantineFile());
        }
        return o;
    }

    private Integer scan(PrintStream out, Rules rules) {
        if (retention != null) {
            throw new IllegalArgumentException("--retention needs --db (it prunes the store)");
        }
        if (!attribute && authorization.given()) {
            throw new IllegalArgumentException("--authorization-details informs attribution, which --no-attribute turns off");
        }
        Scan.Builder scan = Scan.builder(forSources(read.scanOptions("scan")));
        if (attribute) {
            scan.attribution(new CredentialLedger(), authorization.read());
        }
        if (rules.detector != null) {
            scan.detection(DetectionStage.inMemory(rules.detector, rules.learnUntil, rules.sink).withAttributionWait(rules.wait));
        }
        if (sinks.events() != null) {
            scan.onEvent(sinks.events());
        }
        scan.onInputDone(in -> rules.flushAlerts());
        Scan built = scan.build();
        if (sinks.events() != null && attribute) {
            sinks.events().bind(built.attributor());
        }
        Scan.Result result = anyS3() ? built.run(listedInputs(), Progress.forStderr(progress))
                : built.run(localInputs(), Progress.forStderr(progress));
        listingNote();
        rules.flushAlerts();
        webhook = sinks.finish(null, read.quarantineDirectory(), System.err);
        DetectionStage stage = result.detection();
        print(out, result, stage, rules);
        if (ScanReport.nothingRead(System.err, result.ingest(), paths)) {
            return ExitCodes.USAGE_OR_INPUT;
        }
        return rules.exitCode(stage);
    }

    /**
     * The loaded rules and what to do with their alerts: ndjson prints each as it comes, json
     * keeps them for the summary's array (spilling to a temporary file past a thousand), the
     * table keeps the earliest thousand.
     */
    private final class Rules implements AutoCloseable {
        final RuleOptions.Loaded loaded;
        final Detector detector;
        final Instant learnUntil;
        final Duration wait;
        final Severity failOnLevel;
        final AlertSpill listed = format == ScanFormat.json ? new AlertSpill(System.err) : null;
        final EarliestAlerts shown = format == ScanFormat.table ? new EarliestAlerts() : null;
        /** With ndjson: the alerts' lines on stdout, buffered; handed on after each input and at the end of the run. */
        final AlertLines lines = format == ScanFormat.ndjson ? new AlertLines(System.out) : null;
        final AlertSink sink;

        Rules() {
            failOnLevel = failOn == null ? null : Severity.parse(failOn);
            if (failOn != null && failOnLevel == null) {
                throw new IllegalArgumentException("--fail-on: unknown level '" + failOn + "'");
            }
            learnUntil = learnUntil(ScanCommand.this.learnUntil);
            wait = attributionWait == null ? null : TimeArgs.duration("--attribution-wait", attributionWait);
            if (wait != null && !attribute && db == null) {
                throw new IllegalArgumentException("--attribution-wait is how long alerts wait for attribution, which --no-attribute turns off");
            }
            loaded = ruleOptions.load(System.err, true, falcoMatching == FalcoMatching.first);
            RuleSet set = new RuleSet(loaded.rules());
            detector = set.enabled().isEmpty() ? null : new Detector(set);
            sink = sinks.alerts(switch (format) {
                case ndjson -> lines;
                case json -> listed;
                case table -> shown;
                case ecs, ocsf, asff -> null; // the documents (ocsf, asff) carry the alerts; ecs writes events only
            });
        }

        /** The alert lines written so far go to stdout (before the summary, and as each input ends). */
        void flushAlerts() {
            if (lines != null) {
                lines.flush();
            }
        }

        @Override
        public void close() {
            flushAlerts();
            if (listed != null) {
                try {
                    listed.close();
                } catch (java.io.IOException e) {
                    System.err.println("trailhound: cannot delete " + TerminalText.escape(String.valueOf(listed.file())) + ": "
                            + TerminalText.escape(e.toString()));
                }
            }
        }

        int exitCode(DetectionStage stage) {
            if (hub != null && hub.failed() > 0) {
                return ExitCodes.USAGE_OR_INPUT; // as audit and export: a finding Security Hub refused
            }
            if (failOnLevel != null && stage != null && stage.summary().any(failOnLevel)) {
                return ExitCodes.FINDINGS;
            }
            return ExitCodes.OK;
        }
    }

    private static Instant learnUntil(String text) {
        return text == null ? null : TimeArgs.instant("--learn-until", text, Instant.now());
    }

    private Integer scanIntoStore(PrintStream out, Rules rules) {
        Duration keep = retention == null ? null : TimeArgs.duration("--retention", retention);
        ScanOptions o = forSources(read.scanOptions("scan"));
        if (read.quarantineDir == null) {
            o = o.withQuarantineFile(null); // the store keeps the quarantine
        }
        StoreScan.Result r;
        StoreScan.Batching batching = new StoreScan.Batching(batchFiles, batchEvents, TimeArgs.duration("--batch-time", batchTime));
        Duration lockWait = waitForLock == null ? Duration.ZERO : TimeArgs.duration("--wait-for-lock", waitForLock);
        try (EventStore store = EventStore.open(db, false, lockWait)) {
            StoreScan.Detect detect = rules.detector == null ? null
                    : new StoreScan.Detect(rules.detector, rules.learnUntil, rules.sink, rules.wait, AlertJson::line);
            r = anyS3() ? StoreScan.run(store, listedInputs(), o, authorization.read(), keep, Progress.forStderr(progress), detect,
                    sinks.events(), batching)
                    : StoreScan.run(store, localInputs(), o, authorization.read(), keep, Progress.forStderr(progress), detect,
                    sinks.events(), batching);
            listingNote();
            rules.flushAlerts();
            webhook = sinks.finish(store, read.quarantineDirectory(), System.err);
        } catch (StoreException e) {
            System.err.println("trailhound: " + TerminalText.escape(e.getMessage()));
            return ExitCodes.USAGE_OR_INPUT;
        }
        switch (format) {
            case table -> {
                ScanReport.table(out, r.scan());
                storeTable(out, r.store());
                alertsTable(out, r.detection(), rules);
            }
            case json -> {
                ObjectNode doc = withAlerts(ScanReport.json(r.scan()), r.detection(), rules);
                doc.set("store", storeJson(r.store()));
                Json.printStreaming(out, doc, "alerts", rules.listed);
            }
            case ndjson, ecs, ocsf, asff -> Json.print(System.err, withAlerts(ScanReport.json(r.scan()), r.detection(), rules)
                    .put("type", "summary").set("store", storeJson(r.store())), OutputFormat.ndjson);
        }
        // Files the store already had were read by an earlier run: with them, something was read.
        if (r.store().filesAlreadyIngested() == 0 && ScanReport.nothingRead(System.err, r.scan().ingest(), paths)) {
            return ExitCodes.USAGE_OR_INPUT;
        }
        return rules.exitCode(r.detection());
    }

    static com.fasterxml.jackson.databind.node.ObjectNode storeJson(StoreScan.Report s) {
        com.fasterxml.jackson.databind.node.ObjectNode o = Json.object();
        o.put("path", EventStore.MEMORY.equals(s.location()) ? s.location() : Path.of(s.location()).toAbsolutePath().toString());
        o.put("schemaVersion", s.schemaVersion());
        o.put("filesAlreadyIngested", s.filesAlreadyIngested());
        o.put("eventsAdded", s.committed().eventsAdded());
        o.put("eventsAlreadyStored", s.committed().eventsStaged() - s.committed().eventsAdded());
        o.put("attributionsAdded", s.committed().attributionsAdded());
        o.put("credentialsAdded", s.committed().credentialsAdded());
        o.put("credentialsReattributed", s.committed().credentialsReattributed());
        o.put("alertsUpdated", s.committed().alertsUpdated());
        o.put("issuancesSeeded", s.issuancesSeeded());
        o.put("issuancesWritten", s.committed().issuancesWritten());
        o.put("switchRolesSeeded", s.switchRolesSeeded());
        o.put("switchRolesWritten", s.committed().switchRolesWritten());
        o.put("quarantineAdded", s.committed().quarantineAdded());
        o.put("filesLogged", s.committed().filesLogged());
        o.put("commitSeconds", Math.round(s.committed().seconds() * 1000) / 1000.0);
        o.put("batches", s.committed().batches());
        o.put("eventsInStore", s.eventsInStore());
        if (s.pruned() != null) {
            o.set("pruned", PruneCommand.json(s.pruned()));
        }
        return o;
    }

    private static void storeTable(PrintStream out, StoreScan.Report s) {
        out.println();
        out.println("store " + TerminalText.escape(s.location()));
        Table t = new Table("", "");
        t.row("  events added", String.format(java.util.Locale.ROOT, "%,d (%,d already stored; %,d in the store)",
                s.committed().eventsAdded(), s.committed().eventsStaged() - s.committed().eventsAdded(), s.eventsInStore()));
        t.row("  files already ingested", String.format(java.util.Locale.ROOT, "%,d (not read again)", s.filesAlreadyIngested()));
        t.row("  issuances", String.format(java.util.Locale.ROOT, "%,d from earlier runs, %,d written",
                s.issuancesSeeded(), s.committed().issuancesWritten()));
        t.row("  credentials", String.format(java.util.Locale.ROOT, "%,d added, %,d stored ones re-attributed by this run's "
                + "issuances (%,d stored alerts updated)", s.committed().credentialsAdded(), s.committed().credentialsReattributed(),
                s.committed().alertsUpdated()));
        t.row("  quarantine entries", String.format(java.util.Locale.ROOT, "%,d added", s.committed().quarantineAdded()));
        t.row("  commit", String.format(java.util.Locale.ROOT, "%,d batches; %.2f s after reading ended",
                s.committed().batches(), s.committed().seconds()));
        if (s.pruned() != null) {
            t.row("  pruned", String.format(java.util.Locale.ROOT, "%,d events before %s", s.pruned().events(), s.pruned().cutoff()));
        }
        t.print(out);
    }

    private void print(PrintStream out, Scan.Result result, DetectionStage stage, Rules rules) {
        switch (format) {
            case table -> {
                ScanReport.table(out, result);
                alertsTable(out, stage, rules);
            }
            case json -> Json.printStreaming(out, withAlerts(ScanReport.json(result), stage, rules), "alerts", rules.listed);
            // Alerts went to stdout as they came; the summary goes to stderr so stdout stays one alert per line.
            case ndjson, ecs, ocsf, asff -> Json.print(System.err, withAlerts(ScanReport.json(result), stage, rules)
                    .put("type", "summary"), OutputFormat.ndjson);
        }
    }

    /**
     * The summary's detection section, and with --format json the place of the alerts array, which
     * {@link Json#printStreaming} fills from {@link Rules#listed} as the document is written.
     */
    private ObjectNode withAlerts(ObjectNode summary, DetectionStage stage, Rules rules) {
        summary.set("detection", ScanReport.detectionJson(rules.loaded, stage));
        if (webhook != null) {
            summary.set("webhook", webhook);
        }
        if (format == ScanFormat.json) {
            summary.putNull("alerts");
        }
        return summary;
    }

    private static void alertsTable(PrintStream out, DetectionStage stage, Rules rules) {
        ScanReport.detectionTable(out, rules.loaded, stage);
        if (!rules.shown.isEmpty()) {
            out.println();
            out.println("alerts");
            AlertJson.table(out, rules.shown.sorted());
            if (rules.shown.notShown() > 0) {
                out.printf(java.util.Locale.ROOT, "... and %,d later alerts not shown; --format ndjson or json lists them all%n",
                        rules.shown.notShown());
            }
        }
    }

    /** Options shared by every command that reads logs. */
    static final class ReadOptions {
        @Option(names = "--quarantine", paramLabel = "DIR",
                description = "Directory for quarantine files, one .ndjson per run (default: ~/.trailhound/quarantine).")
        Path quarantineDir;

        @Option(names = "--max-record-size", paramLabel = "SIZE", defaultValue = "1m", converter = ByteSize.class,
                description = "Largest record read; larger ones are quarantined (default: ${DEFAULT-VALUE}).")
        long maxRecordBytes;

        @Option(names = "--max-inflate-ratio", paramLabel = "N", defaultValue = "1000",
                description = "Stop inflating a gzip input past N:1, a decompression bomb (default: ${DEFAULT-VALUE}).")
        long maxInflateRatio;

        @Option(names = "--max-inflated-size", paramLabel = "SIZE", defaultValue = "64g", converter = ByteSize.class,
                description = "Stop inflating one gzip input past this size (default: ${DEFAULT-VALUE}).")
        long maxInflatedBytes;

        @Option(names = "--max-nesting-depth", paramLabel = "N", defaultValue = "1000",
                description = "Deepest JSON nesting read, counted from the top of the input (a record in an S3 log file"
                        + " is at level 3); records nested deeper are quarantined (default: ${DEFAULT-VALUE}, at most 1000).")
        int maxNestingDepth;

        @Option(names = "--max-number-length", paramLabel = "N", defaultValue = "1000",
                description = "Longest JSON number read, in characters; records with a longer one are quarantined"
                        + " (default: ${DEFAULT-VALUE}, at most 10000).")
        int maxNumberLength;

        @Option(names = "--max-key-length", paramLabel = "N", defaultValue = "50000",
                description = "Longest JSON key read, in characters; records with a longer one are quarantined"
                        + " (default: ${DEFAULT-VALUE}).")
        int maxKeyLength;

        @Option(names = "--threads", paramLabel = "N", description = "Reader threads (default: the number of cores).")
        Integer threads;

        /** Where quarantine files (and undelivered webhook alerts without --db) go. */
        Path quarantineDirectory() {
            return quarantineDir != null ? quarantineDir : Path.of(System.getProperty("user.home"), ".trailhound", "quarantine");
        }

        ScanOptions scanOptions(String runName) {
            ReadLimits limits = ReadLimits.defaults().withMaxRecordBytes(maxRecordBytes)
                    .withMaxInflateRatio(maxInflateRatio).withMaxInflatedBytes(maxInflatedBytes)
                    .withMaxNestingDepth(maxNestingDepth).withMaxNumberLength(maxNumberLength).withMaxKeyLength(maxKeyLength);
            int n = threads == null ? Runtime.getRuntime().availableProcessors() : Math.max(1, threads);
            Path dir = quarantineDirectory();
            String stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").format(ZonedDateTime.now(ZoneOffset.UTC));
            Path file = dir.resolve(runName + "-" + stamp + "-" + ProcessHandle.current().pid() + ".ndjson");
            return new ScanOptions(limits, n, file);
        }
    }
}
