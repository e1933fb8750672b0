package io.trailhound.core.ingest;

import io.trailhound.core.event.SourcePosition;

/**
 * A record or input that could not be read as an event, with where it was and what it held
 * (at most the quarantine content limit; {@code truncated} says when content was cut).
 */
public record BadRecord(QuarantineReason reason, SourcePosition position, String detail, byte[] content,
                        boolean truncated) {
}
