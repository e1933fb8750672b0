package io.trailhound.cli;

import io.trailhound.cli.output.AsffBatches;
import io.trailhound.cli.output.SecurityHubImport;
import io.trailhound.cli.output.BuildVersion;
import io.trailhound.cli.output.EventDocuments;
import io.trailhound.cli.output.NdjsonOut;
import io.trailhound.cli.output.StoreExport;
import io.trailhound.core.rules.elastic.GeoIp;
import io.trailhound.store.EventStore;
import io.trailhound.store.SearchFilter;
import io.trailhound.store.StoreException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = {
            "Write the store's events (or alerts) in a format other tools read, streamed in the store's order (not "
                + "sorted, so any number of events fits in constant memory).",
            "",
            "ecs: each event as the ECS document the Elastic rules see (aws.cloudtrail.*, event.*, user.*, source.*, ...) "
                + "plus trailhound.origin.* (type, arn, name, provider, account, confidence, reason, via), one per line; "
                + "--bulk-index NAME puts an Elasticsearch/OpenSearch _bulk 'create' action line (with the eventID as _id) "
                + "before each.",
            "ocsf: OCSF 1.8.0 records, one per line: events as API Activity (6003), with --alerts alerts as Detection "
                + "Finding (2004); the origin is an enrichment named trailhound.origin.",
            "asff: the stored alerts as AWS Security Finding Format findings, one JSON array of at most 100 per line "
                + "(one BatchImportFindings call each); ids are stable, so importing again updates. With --securityhub they are "
                + "imported into Security Hub instead and a JSON summary is printed.",
            "parquet: events with origin columns into --output DIR, hive-partitioned account=ID/region=NAME/date=YYYY-MM-DD, "
                + "for Athena, Spark, Trino and DuckDB (zstd).",
            "",
            "Filters as 'search' has them: --where SQL over event_view, --account, --origin, --event-name, "
                + "--event-source, --from, --to, --limit; for alerts they select the alerts' events."},
        footer = {"", "Exit codes: 0 ok (also when nothing matches); 2 bad SQL, no store, or a usage error, or "
            + "(--securityhub) a finding Security Hub refused.",
            "", "Examples:", "  trailhound export --format ecs --bulk-index logs-aws.cloudtrail-default > bulk.ndjson",
            "  trailhound export --format ocsf --from 7d --account 111122223333 --output events.ocsf.ndjson",
            "  trailhound export --format asff --asff-region eu-west-1 --output findings.ndjson",
            "  trailhound export --format asff --asff-region eu-west-1 --securityhub --profile security",
            "  trailhound export --format parquet --output /data/trailhound/"})
final class ExportCommand implements Callable<Integer> {
    enum Format { ecs, ocsf, asff, parquet }

    @Option(names = "--format", required = true, description = "ecs, ocsf, asff or parquet.")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "PATH",
            description = "Write to this file (parquet: this directory) instead of stdout.")
    Path output;

    @Option(names = "--alerts", description = "Export the stored alerts instead of events (ocsf; asff always exports alerts).")
    boolean alerts;

    @Option(names = "--bulk-index", paramLabel = "NAME",
            description = "ecs: precede each document with a _bulk action line for this index or data stream.")
    String bulkIndex;

    @Mixin
    AsffOptions asff;

    @Option(names = "--where", paramLabel = "SQL", description = "A SQL expression over event_view (see 'search --help').")
    String where;

    @Option(names = "--event-name", paramLabel = "NAME", description = "Only this eventName (exact).")
    String eventName;

    @Option(names = "--event-source", paramLabel = "SOURCE", description = "Only this eventSource.")
    String eventSource;

    @Option(names = "--account", paramLabel = "ID", description = "Only events recorded in this account (recipientAccountId).")
    String account;

    @Option(names = "--origin", paramLabel = "ARN-OR-NAME", description = "Only events of this origin.")
    String origin;

    @Option(names = "--from", paramLabel = "TIME", description = "Only events at or after TIME (as 'search').")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "Only events before TIME.")
    String to;

    @Option(names = "--limit", paramLabel = "N", description = "At most N events or alerts (default: all).")
    Long limit;

    @Mixin
    StoreOptions store;

    @Mixin
    GeoIpOptions geoIp;

    @Mixin
    SecurityHubOption securityHub;

    @Mixin
    AwsOptions aws;

    /** Set by an asff export with --securityhub. */
    private SecurityHubImport hub;

    @Override
    public Integer call() {
        if (bulkIndex != null && format != Format.ecs) {
            throw new IllegalArgumentException("--bulk-index is for --format ecs");
        }
        if (alerts && format != Format.ocsf && format != Format.asff) {
            throw new IllegalArgumentException("--alerts exports alerts as ocsf or asff; " + format + " exports events");
        }
        hub = securityHub.open(format == Format.asff, aws, asff.region);
        if (hub == null && aws.given()) {
            throw new IllegalArgumentException("--profile, --region and --endpoint-url go with --securityhub");
        }
        Instant now = Instant.now();
        SearchFilter f = SearchFilter.all().withWhere(where).withEventName(eventName).withEventSource(eventSource)
                .withAccount(account).withOrigin(origin).between(TimeArgs.instant("--from", from, now),
                        TimeArgs.instant("--to", to, now)).withLimit(limit);
        long started = System.nanoTime();
        long n;
        try {
            n = format == Format.parquet ? parquet(f) : documents(f, now);
        } catch (StoreException e) {
            System.err.println("trailhound: " + TerminalText.escape(e.getMessage()));
            return ExitCodes.USAGE_OR_INPUT;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.err.printf(Locale.ROOT, "export: %,d %s as %s in %.1f s%n", n,
                alerts || format == Format.asff ? "alerts" : "events", format, seconds);
        return hub != null && hub.failed() > 0 ? ExitCodes.USAGE_OR_INPUT : ExitCodes.OK;
    }

    private long parquet(SearchFilter f) {
        if (output == null) {
            throw new IllegalArgumentException("--format parquet writes a directory: give --output DIR");
        }
        try (EventStore s = EventStore.openForExport(store.location(), output)) {
            return s.exportParquet(f, output);
        }
    }

    private long documents(SearchFilter f, Instant now) {
        try (EventStore s = EventStore.open(store.location(), true); OutputStream os = open();
             NdjsonOut out = new NdjsonOut(os, output != null)) {
            StoreExport export = new StoreExport(s, f, BuildVersion.number());
            return switch (format) {
                case ecs -> export.events(new EventDocuments(EventDocuments.Kind.ECS, out, bulkIndex, geo()));
                case ocsf -> alerts ? export.ocsfAlerts(out)
                        : export.events(new EventDocuments(EventDocuments.Kind.OCSF, out, null, GeoIp.NONE));
                case asff -> {
                    long n;
                    try (AsffBatches batches = hub != null ? new AsffBatches(hub) : new AsffBatches(out)) {
                        n = export.asffAlerts(batches, asff.target(), now);
                    }
                    if (hub != null) {
                        out.write(hub.summary());
                    }
                    yield n;
                }
                case parquet -> throw new IllegalStateException();
            };
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + (output == null ? "stdout" : output), e);
        }
    }

    private GeoIp geo() {
        return geoIp.open();
    }

    private OutputStream open() throws IOException {
        if (output == null) {
            return System.out;
        }
        Path parent = output.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return Files.newOutputStream(output);
    }
}
