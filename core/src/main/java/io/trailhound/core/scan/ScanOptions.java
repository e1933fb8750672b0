package io.trailhound.core.scan;

import io.trailhound.core.ingest.ReadLimits;
import java.nio.file.Path;

/**
 * How to scan: input limits, reader threads, and where the quarantine file goes (null: keep no
 * file, only count).
 */
public record ScanOptions(ReadLimits limits, int threads, Path quarantineFile) {
    public static ScanOptions defaults(Path quarantineFile) {
        return new ScanOptions(ReadLimits.defaults(), Runtime.getRuntime().availableProcessors(), quarantineFile);
    }
}
