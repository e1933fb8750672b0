package io.trailhound.core.scan;

import io.trailhound.core.ingest.ReadLimits;
import java.nio.file.Path;

/**
 * How to read: input limits, reader threads, and where the quarantine file goes (null: keep no
 * file, only count). Which stages run is the {@link Scan.Builder}'s to say.
 */
public record ScanOptions(ReadLimits limits, int threads, Path quarantineFile) {
    public static ScanOptions defaults(Path quarantineFile) {
        return new ScanOptions(ReadLimits.defaults(), Runtime.getRuntime().availableProcessors(), quarantineFile);
    }

    public ScanOptions withQuarantineFile(Path file) {
        return new ScanOptions(limits, threads, file);
    }
}
