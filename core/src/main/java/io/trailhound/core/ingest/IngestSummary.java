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

    /**
     * True when not one good record was read and something was bad or unreadable: a file of
     * garbage, only invalid lines, a truncated gzip, a missing path (exit code 2). Input that is
     * simply empty (an empty file, an empty directory, a trail folder with no logs yet, only
     * non-JSON files in a walk) is not an error.
     */
    public boolean nothingReadable() {
        return records == 0 && quarantined > 0;
    }
}
