package io.trailhound.core.ingest;

import io.trailhound.core.event.SourcePosition;

/**
 * A record or input that could not be read as an event, with where it was and what it held
 * (at most the quarantine content limit; {@code truncated} says when content was cut).
 */
public record BadRecord(QuarantineReason reason, SourcePosition position, String detail, byte[] content,
                        boolean truncated) {

    /** A bad record keeping at most {@code maxContent} bytes of {@code raw}. */
    static BadRecord of(QuarantineReason reason, SourcePosition position, String detail, byte[] raw, int maxContent) {
        boolean truncated = raw.length > maxContent;
        return new BadRecord(reason, position, detail, truncated ? java.util.Arrays.copyOf(raw, maxContent) : raw, truncated);
    }
}
