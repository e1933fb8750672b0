package io.trailhound.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailhound.aws.AwsSettings;
import io.trailhound.aws.s3.S3Clients;
import io.trailhound.aws.sqs.WatchService;
import io.trailhound.core.alert.Alert;
import io.trailhound.core.alert.AlertSink;
import io.trailhound.core.alert.AlertUpdate;
import io.trailhound.core.identity.TrustPolicies;
import io.trailhound.core.rules.engine.Detector;
import io.trailhound.core.rules.engine.RuleSet;
import io.trailhound.core.scan.ScanOptions;
import io.trailhound.store.EventStore;
import io.trailhound.store.StoreException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

@Command(name = "watch", mixinStandardHelpOptions = true,
        description = {
            "Run continuously: read each CloudTrail file S3 announces on an SQS queue into the store, with rules.",
            "",
            "The queue receives S3 event notifications (directly, through SNS, or EventBridge 'Object Created' events) or "
                + "CloudTrail's own SNS delivery notifications. Each receive (long polling) is one store run: its files are "
                + "read, attributed (from the issuances the store holds), checked by the rules and committed together; only "
                + "then are its messages deleted. After a crash the messages come back and nothing is read or alerted twice: "
                + "files the ingest log has are skipped, events already stored are not added again, an alert goes out once per "
                + "event. A message that announces nothing readable is quarantined with the reason, then deleted; a file that "
                + "fails in a way worth retrying keeps its message (SQS redelivers it, then moves it to the dead-letter queue "
                + "after the queue's maxReceiveCount).",
            "",
            "Alerts go to stdout as NDJSON (Falco's keys plus eventID and origin; --no-stdout to leave them out) and to "
                + "--alerts FILE (appended), and into the store. --format ecs, ocsf or asff puts documents on stdout instead, "
                + "as 'scan --format' does (written after each batch); --alerts-webhook also posts each alert. An alert whose "
                + "credential's issuance has not been read yet goes out at the end of its batch with the answer it has; when "
                + "a later batch reads the issuance, an {\"type\":\"attribution_update\",...} line follows (stdout with ndjson, "
                + "--alerts FILE), and the stored alert changes. A health line goes to stderr every --health-interval. "
                + "SIGTERM or SIGINT stops cleanly: the batch in hand is finished, messages not yet read go back to the queue.",
            "",
            "Needs sqs:ReceiveMessage, sqs:DeleteMessage, sqs:ChangeMessageVisibility, sqs:GetQueueAttributes on the queue and "
                + "s3:GetObject on the trail bucket."},
        footer = {"", "Exit codes: 0 stopped cleanly; 2 usage error, or the queue or store cannot be used.",
            "", "Examples:", "  trailhound watch --sqs https://sqs.us-east-1.amazonaws.com/111122223333/trail-events",
            "  trailhound watch --sqs $QUEUE --db /var/lib/trailhound/trail.duckdb --alerts /var/log/trailhound/alerts.ndjson "
                + "--rules sigma:sigma/rules/cloud/aws"})
final class WatchCommand implements Callable<Integer> {
    @Option(names = "--sqs", paramLabel = "QUEUE_URL", required = true, description = "The SQS queue's URL.")
    String queueUrl;

    @Mixin
    StoreOptions store;

    @Option(names = "--alerts", paramLabel = "FILE", description = "Append each alert to FILE as one JSON line.")
    Path alertsFile;

    @Option(names = "--stdout", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Print each alert on stdout as one JSON line (default: on; with --format ndjson).")
    boolean stdout;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "ndjson",
            description = "What stdout carries: ndjson (each alert as one JSON line, as 'scan --format ndjson'; default), or "
                    + "documents for other tools, as 'scan --format' writes them: ecs (each event as its ECS document, with "
                    + "--bulk-index), ocsf (events as API Activity, alerts as Detection Finding), asff (alerts as Security Hub "
                    + "findings, one array per line, each batch's own). --alerts FILE stays NDJSON.")
    ScanFormat format;

    @Mixin
    AlertSinkOptions sinkOptions;

    @Mixin
    AsffOptions asff;

    @Mixin
    ScanCommand.ReadOptions read;

    @Mixin
    RuleOptions ruleOptions;

    @Mixin
    AwsOptions aws;

    @Option(names = "--wait-seconds", paramLabel = "N", defaultValue = "20",
            description = "Long polling: how long one receive waits for messages, 0 to 20 (default: ${DEFAULT-VALUE}).")
    int waitSeconds;

    @Option(names = "--max-messages", paramLabel = "N", defaultValue = "10",
            description = "Messages per receive, 1 to 10; each receive is one store run (default: ${DEFAULT-VALUE}).")
    int maxMessages;

    @Option(names = "--visibility-timeout", paramLabel = "DURATION", defaultValue = "5m",
            description = "How long a received message stays hidden; extended every half of it while its files are read "
                    + "(default: ${DEFAULT-VALUE}).")
    String visibility;

    @Option(names = "--health-interval", paramLabel = "DURATION", defaultValue = "60s",
            description = "How often the health line goes to stderr (default: ${DEFAULT-VALUE}).")
    String healthInterval;

    @Mixin
    AuthorizationDetailsOption authorization;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (waitSeconds < 0 || waitSeconds > 20 || maxMessages < 1 || maxMessages > 10) {
            throw new IllegalArgumentException("--wait-seconds is 0 to 20 and --max-messages 1 to 10 (SQS's limits)");
        }
        Duration visible = TimeArgs.duration("--visibility-timeout", visibility);
        Duration health = TimeArgs.duration("--health-interval", healthInterval);
        if (visible.toSeconds() < 1 || visible.toSeconds() > 43_200 || health.isZero()) {
            throw new IllegalArgumentException("--visibility-timeout is 1s to 12h (SQS's limits); --health-interval more than 0");
        }
        if (!format.streams()) {
            throw new IllegalArgumentException("watch --format is ndjson, ecs, ocsf or asff (a stream, never a summary)");
        }
        sinkOptions.check(format);
        if (!stdout && format != ScanFormat.ndjson) {
            throw new IllegalArgumentException("--no-stdout leaves out the NDJSON alerts; --format " + format
                    + " writes its documents to stdout");
        }
        RuleOptions.Loaded loaded = ruleOptions.load(System.err, true);
        RuleSet set = new RuleSet(loaded.rules());
        Detector detector = set.enabled().isEmpty() ? null : new Detector(set);
        TrustPolicies trust = authorization.read();
        ScanOptions options = read.scanOptions("watch");
        if (read.quarantineDir == null) {
            options = options.withQuarantineFile(null); // the store keeps the quarantine
        }
        AwsSettings settings = aws.settings();
        CountDownLatch closed = new CountDownLatch(1);
        try (EventStore db = EventStore.open(store.location(), false);
             SqsClient sqs = TestSeams.sqsClient.apply(settings);
             S3Client s3 = S3Clients.create(settings);
             AlertOut out = new AlertOut(stdout && format == ScanFormat.ndjson ? System.out : null, alertsFile);
             ScanSinks sinks = new ScanSinks(format, sinkOptions, asff.target(), ruleOptions.geoip, System.out, null)) {
            WatchService service = new WatchService(new WatchService.Config(queueUrl, waitSeconds, maxMessages, visible, health,
                    options, trust, detector, null), sqs, s3, db, sinks.alerts(out), sinks.events(), System.err,
                    new WatchService.Listener() {
                        @Override
                        public void settled(int deleted, int kept) {
                            sinks.flush(db, System.err);
                        }

                        @Override
                        public void idle() {
                            sinks.flush(db, System.err); // alerts the webhook gave up on since, into the store
                        }
                    });
            Thread hook = new Thread(() -> {
                service.stop();
                try {
                    // the batch in hand is finished and committed, and the store closed, before the JVM goes
                    closed.await(Math.max(60, visible.toSeconds()), TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "trailhound-watch-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            TestSeams.started.accept(service);
            System.err.println("watch: reading " + TerminalText.escape(queueUrl) + " into " + TerminalText.escape(db.location())
                    + " (" + loaded.rules().size() + " rules)");
            try {
                service.run();
            } finally {
                // also when the loop fails: the last documents out, what the webhook could not deliver kept
                ObjectNode webhook = sinks.finish(db, read.quarantineDirectory(), System.err);
                if (webhook != null) {
                    Json.print(System.err, Json.object().put("type", "summary").set("webhook", webhook), OutputFormat.ndjson);
                }
            }
        } catch (StoreException e) {
            System.err.println("trailhound: " + TerminalText.escape(e.getMessage()));
            return ExitCodes.USAGE_OR_INPUT;
        } finally {
            closed.countDown();
        }
        return ExitCodes.OK;
    }

    /**
     * What a test of the whole command replaces: the SQS client (a local SQS beside the local S3 at
     * --endpoint-url, which both clients would otherwise share) and a look at the service once it
     * runs (to stop it, as SIGTERM would). Production never sets them.
     */
    static final class TestSeams {
        static volatile java.util.function.Function<AwsSettings, SqsClient> sqsClient = settings -> settings.configure(
                SqsClient.builder(), settings.credentials()).httpClient(AwsSettings.sharedHttpClient()).build();
        static volatile java.util.function.Consumer<WatchService> started = service -> { };

        private TestSeams() {
        }
    }

    /**
     * Where committed alerts go as NDJSON: stdout (with --format ndjson) and/or --alerts FILE, one
     * JSON line each, flushed as they come; attribution updates of alerts already out follow as
     * {@code attribution_update} lines, as {@code scan --format ndjson} prints them.
     */
    private static final class AlertOut implements AlertSink, AutoCloseable {
        private final PrintStream stdout;
        private final PrintStream file;

        AlertOut(PrintStream stdout, Path file) throws IOException {
            this.stdout = stdout;
            OutputStream f = file == null ? null : Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            this.file = f == null ? null : new PrintStream(f, true, StandardCharsets.UTF_8);
        }

        @Override
        public void alert(Alert a) {
            line(AlertJson.line(a));
        }

        @Override
        public void update(AlertUpdate u) {
            line(io.trailhound.core.alert.AlertJson.line(u));
        }

        private void line(String json) {
            if (stdout != null) {
                stdout.println(json);
                stdout.flush();
            }
            if (file != null) {
                file.println(json);
                file.flush();
            }
        }

        @Override
        public void close() {
            if (file != null) {
                file.close();
            }
        }
    }

}
