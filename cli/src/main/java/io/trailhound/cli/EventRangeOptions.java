package io.trailhound.cli;

import java.time.Instant;
import picocli.CommandLine.Option;

/** The time window, limit and format shared by the commands that print stored events. */
final class EventRangeOptions {
    @Option(names = "--from", paramLabel = "TIME",
            description = "Only events at or after TIME: 2026-11-01T10:00:00Z, 2026-11-01, or a duration ago (24h, 7d).")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "Only events before TIME (same forms as --from).")
    String to;

    @Option(names = "--limit", paramLabel = "N", description = "At most N events (default: all).")
    Long limit;

    @Option(names = "--format", defaultValue = "table",
            description = "table, json or ndjson (one event per line) (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    Instant from(Instant now) {
        return TimeArgs.instant("--from", from, now);
    }

    Instant to(Instant now) {
        return TimeArgs.instant("--to", to, now);
    }
}
