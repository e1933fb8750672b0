package io.trailhound.core.ingest;

/** Why an input or a record was not read as an event. The names are public (JSON, quarantine files). */
public enum QuarantineReason {
    /** Not valid JSON at this position; reading resumed at the next record. */
    INVALID_JSON,
    /** A value where a record belongs that is not a JSON object. */
    NOT_AN_OBJECT,
    /** A record without eventTime. */
    MISSING_EVENT_TIME,
    /** A record whose eventTime is not an ISO 8601 instant. */
    BAD_EVENT_TIME,
    /** A record without eventName. */
    MISSING_EVENT_NAME,
    /** A record larger than the record size limit. */
    RECORD_TOO_LARGE,
    /**
     * A gzip stream that ends early or is corrupt; records before the damage were read, and reading
     * goes on at the next gzip member. Also each record of a member whose CRC-32 or size check
     * failed: its content may have been altered, so it is kept here instead of read as an event.
     */
    CORRUPT_GZIP,
    /** Decompression went past the ratio or size limit (a gzip bomb, or a limit set too low). */
    INFLATE_LIMIT,
    /** Content that is neither a CloudTrail log file, a JSON array, JSON Lines nor a single event. */
    UNRECOGNISED_SHAPE,
    /** The path could not be opened or read. */
    UNREADABLE,
    /**
     * A file met while walking a directory that is not JSON at all (a README, a manifest): listed
     * in the summary, not quarantined. A file named on the command line gets UNRECOGNISED_SHAPE.
     */
    SKIPPED,
    /**
     * A record whose bytes are not valid UTF-8 (including the overlong forms, surrogates and code
     * points past U+10FFFF that a JSON parser may let through).
     */
    INVALID_UTF8,
    /** JSON past a stated limit: nesting depth, number length or key length (see {@link ReadLimits}). */
    JSON_LIMIT;

    public String jsonName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
