package io.trailhound.cli;

import io.trailhound.core.ingest.ReadLimits;
import io.trailhound.core.scan.Scan;
import io.trailhound.core.scan.ScanOptions;
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
            "PATH may be a file, a directory (walked recursively: the AWSLogs/<account>/CloudTrail/... "
                + "layout, organisation trails, any tree), or - for stdin. Each input's shape is detected "
                + "from its content: S3 delivery files {\"Records\":[...]}, plain or gzip; JSON arrays; "
                + "JSON Lines (CloudTrail Lake, EventBridge, SIEM exports); a single event.",
            "",
            "Bad records (invalid JSON, not an object, no eventTime or eventName, over the size limit) "
                + "and damaged inputs (truncated gzip, decompression bombs) are counted, reported with "
                + "file and byte offset, and written to a quarantine file; reading goes on. Duplicate "
                + "eventIDs (overlapping exports) are counted and dropped."},
        footer = {"", "Exit codes: 0 read; 2 usage error, or nothing at all could be read.",
            "", "Examples:", "  trailhound scan ~/logs/AWSLogs", "  zcat trail.json.gz | trailhound scan - --format json"})
final class ScanCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Files, directories, or - for stdin.")
    List<String> paths;

    @Mixin
    ReadOptions read;

    @Option(names = "--format", defaultValue = "table", description = "table, json or ndjson (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Option(names = "--attribute",
            description = "Also name the origin behind events made with temporary credentials (who really did it), "
                    + "by following STS issuances across accounts; adds an 'attribution' section. Preview: slower than a plain scan.")
    boolean attribute;

    @Option(names = "--progress", negatable = true,
            description = "Show progress on stderr (default: only when stderr is a terminal).")
    Boolean progress;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        Scan.Result result = new Scan(read.scanOptions("scan").withAttribution(attribute)).run(paths, Progress.forStderr(progress));
        print(out, result, format);
        if (result.ingest().nothingReadable()) {
            System.err.println("trailhound: nothing could be read from " + String.join(" ", paths));
            return ExitCodes.USAGE_OR_INPUT;
        }
        return ExitCodes.OK;
    }

    static void print(PrintStream out, Scan.Result result, OutputFormat format) {
        switch (format) {
            case table -> ScanReport.table(out, result);
            case json -> Json.print(out, ScanReport.json(result), format);
            case ndjson -> Json.print(out, ScanReport.json(result).put("type", "summary"), format);
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

        @Option(names = "--threads", paramLabel = "N", description = "Reader threads (default: the number of cores).")
        Integer threads;

        ScanOptions scanOptions(String runName) {
            ReadLimits limits = ReadLimits.defaults().withMaxRecordBytes(maxRecordBytes)
                    .withMaxInflateRatio(maxInflateRatio).withMaxInflatedBytes(maxInflatedBytes);
            int n = threads == null ? Runtime.getRuntime().availableProcessors() : Math.max(1, threads);
            Path dir = quarantineDir != null ? quarantineDir : Path.of(System.getProperty("user.home"), ".trailhound", "quarantine");
            String stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").format(ZonedDateTime.now(ZoneOffset.UTC));
            Path file = dir.resolve(runName + "-" + stamp + "-" + ProcessHandle.current().pid() + ".ndjson");
            return new ScanOptions(limits, n, file, false);
        }
    }
}
