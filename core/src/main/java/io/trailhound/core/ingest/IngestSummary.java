package io.trailhound.core.ingest;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a run read. {@code records} counts good records as read, {@code events} those left after
 * dropping {@code duplicates} (same eventID); {@code quarantined} counts bad records and inputs,
 * {@code skipped} non-JSON files met in directory walks, {@code unreadable} paths that could not
 * be opened. {@code quarantine} is the file they went to, or null when nothing was quarantined.
 */
public record IngestSummary(int files, long records, long events, long duplicates, long quarantined,
                            Path quarantine, long skipped, long unreadable, long bytes,
                            Map<QuarantineReason, Long> byReason, double seconds) {

    /** True when inputs were named but not a single one could be read. */
    public boolean nothingReadable() {
        return records == 0 && files > 0 && unreadable >= files;
    }
}
