package io.trailhound.core.scan;

import io.trailhound.core.ingest.ReadLimits;
import java.nio.file.Path;

/**
 * How to scan: input limits, reader threads, where the quarantine file goes (null: keep no file,
 * only count), and whether to attribute events to their origins (the attribution stage; off by
 * default until it meets the scan's speed target).
 */
public record ScanOptions(ReadLimits limits, int threads, Path quarantineFile, boolean attribute) {
    public static ScanOptions defaults(Path quarantineFile) {
        return new ScanOptions(ReadLimits.defaults(), Runtime.getRuntime().availableProcessors(), quarantineFile, false);
    }

    public ScanOptions withAttribution(boolean on) {
        return new ScanOptions(limits, threads, quarantineFile, on);
    }
}
