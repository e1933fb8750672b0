package io.trailhound.core.scan;

import io.trailhound.core.identity.Attribution;
import io.trailhound.core.identity.AttributionSummary;
import io.trailhound.core.identity.Attributor;
import io.trailhound.core.ingest.BadRecord;
import io.trailhound.core.ingest.EventSink;
import io.trailhound.core.ingest.Ingest;
import io.trailhound.core.ingest.IngestProgress;
import io.trailhound.core.ingest.IngestSummary;
import io.trailhound.core.ingest.InputFinder;
import io.trailhound.core.ingest.Quarantine;
import io.trailhound.core.rules.Detection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The scan pipeline, the same for the CLI and the benchmarks: find inputs, read and decode them,
 * drop duplicates, quarantine what is bad, and pass each event to the stages: summary statistics,
 * then attribution (detection joins here).
 */
public final class Scan {
    private final ScanOptions options;

    public Scan(ScanOptions options) {
        this.options = options;
    }

    /** The outcome: what was read, what the events showed, and who was behind them (null unless asked). */
    public record Result(IngestSummary ingest, EventStats stats, AttributionSummary attribution) {
    }

    public Result run(List<String> paths, IngestProgress progress) {
        return run(paths, progress, event -> { });
    }

    /** Runs the scan; {@code extra} sees every event after the built-in stages. */
    public Result run(List<String> paths, IngestProgress progress, EventSink extra) {
        return run(paths, progress, extra, (e, a) -> { });
    }

    /**
     * Runs the scan; {@code extra} sees every event after the built-in stages, {@code attributed}
     * each event's attribution once it is final (some only at the end, when every issuance is read).
     */
    public Result run(List<String> paths, IngestProgress progress, EventSink extra, Attributor.Listener attributed) {
        return run(paths, progress, extra, options.attribute() ? new Attributor(attributed) : null);
    }

    /**
     * Runs the scan with the given attribution stage (null: none), e.g. one whose ledger was
     * seeded from a store.
     */
    public Result run(List<String> paths, IngestProgress progress, EventSink extra, Attributor attributor) {
        return run(new InputFinder().find(paths), progress, (e, first) -> extra.accept(e), attributor, bad -> { });
    }

    /**
     * The scan over inputs already found (a caller may have left some out), with {@code extra}
     * seeing every event after the built-in stages (and the first-look attribution, or null), and
     * {@code kept} every bad record as it is quarantined.
     */
    public Result run(InputFinder.Found found, IngestProgress progress, Ingest.PreparedSink<Attribution> extra,
                      Attributor attributor, java.util.function.Consumer<BadRecord> kept) {
        return run(found, progress, extra, attributor, null, kept);
    }

    /** What the reading threads work out per event: its first-look attribution and the rules' findings. */
    private record Prepared(Attribution attribution, Detection detection) {
    }

    /**
     * As above, with detection: {@code detection} runs the rules in the reading threads and joins
     * their findings with the attributions. Its listener must be the attributor's (see
     * {@link DetectionStage#listener}); null runs no rules.
     */
    public Result run(InputFinder.Found found, IngestProgress progress, Ingest.PreparedSink<Attribution> extra,
                      Attributor attributor, DetectionStage detection, java.util.function.Consumer<BadRecord> kept) {
        EventStats stats = new EventStats();
        boolean attributing = attributor != null;
        Ingest.Preparer<Prepared> prepare = e -> new Prepared(attributing ? attributor.prepare(e) : null,
                detection == null ? null : detection.detect(e));
        Ingest.PreparedSink<Prepared> sink = (e, p) -> {
            stats.accept(e);
            if (detection != null) {
                detection.accept(e, p.detection(), attributing);
            }
            if (attributing) {
                attributor.accept(e, p.attribution());
            }
            extra.accept(e, p.attribution());
        };
        Quarantine quarantine = new Quarantine(options.quarantineFile(), kept);
        try {
            IngestSummary summary = new Ingest(options.limits(), options.threads())
                    .run(found.inputs(), found.unreadable(), prepare, sink, quarantine, progress);
            if (attributing) {
                attributor.finish();
            }
            if (detection != null) {
                detection.finish();
            }
            return new Result(summary, stats, attributing ? attributor.summary() : null);
        } finally {
            try {
                quarantine.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot finish quarantine file " + quarantine.file(), e);
            }
        }
    }
}
