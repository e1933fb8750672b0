package io.trailhound.core.scan;

import io.trailhound.core.ingest.EventSink;
import io.trailhound.core.ingest.Ingest;
import io.trailhound.core.ingest.IngestProgress;
import io.trailhound.core.ingest.IngestSummary;
import io.trailhound.core.ingest.InputFinder;
import io.trailhound.core.ingest.Quarantine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The scan pipeline, the same for the CLI and the benchmarks: find inputs, read and decode them,
 * drop duplicates, quarantine what is bad, and pass each event to the stages (today: the summary
 * statistics; attribution and detection join here).
 */
public final class Scan {
    private final ScanOptions options;

    public Scan(ScanOptions options) {
        this.options = options;
    }

    /** The outcome: what was read, and what the events showed. */
    public record Result(IngestSummary ingest, EventStats stats) {
    }

    public Result run(List<String> paths, IngestProgress progress) {
        return run(paths, progress, event -> { });
    }

    /** Runs the scan; {@code extra} sees every event after the built-in stages. */
    public Result run(List<String> paths, IngestProgress progress, EventSink extra) {
        InputFinder.Found found = new InputFinder().find(paths);
        EventStats stats = new EventStats();
        EventSink sink = e -> {
            stats.accept(e);
            extra.accept(e);
        };
        Quarantine quarantine = options.quarantineFile() == null ? null : new Quarantine(options.quarantineFile());
        try {
            IngestSummary summary = new Ingest(options.limits(), options.threads())
                    .run(found.inputs(), found.unreadable(), sink, quarantine, progress);
            return new Result(summary, stats);
        } finally {
            if (quarantine != null) {
                try {
                    quarantine.close();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot finish quarantine file " + quarantine.file(), e);
                }
            }
        }
    }
}
