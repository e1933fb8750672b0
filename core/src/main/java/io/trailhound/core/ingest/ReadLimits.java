package io.trailhound.core.ingest;

import com.fasterxml.jackson.core.StreamReadConstraints;
import io.trailhound.core.event.RecordBounds;

/**
 * Guards against hostile or broken input.
 *
 * @param maxRecordBytes     largest record read as an event (default 1 MiB); also bounds one string
 * @param maxInflateRatio    decompressed/compressed bytes beyond which a gzip stream is a bomb
 * @param maxInflatedBytes   decompressed bytes allowed per input
 * @param quarantineContentBytes how much of a bad record the quarantine keeps
 * @param maxNestingDepth    JSON nesting, counted from the top of the input (a record in an S3
 *                           log file's {@code Records} array is at level 3); default 1,000, at
 *                           most {@link RecordBounds#MAX_NESTING_DEPTH}
 * @param maxNumberLength    characters of one JSON number (default 1,000; at most
 *                           {@link RecordBounds#MAX_NUMBER_LENGTH})
 * @param maxKeyLength       characters of one JSON key (default 50,000)
 * @param memberHoldBytes    record bytes of one gzip member held back until the member's CRC-32
 *                           is checked (default 16 MiB); past it, records go on unchecked
 */
public record ReadLimits(long maxRecordBytes, long maxInflateRatio, long maxInflatedBytes, int quarantineContentBytes,
                         int maxNestingDepth, int maxNumberLength, int maxKeyLength, long memberHoldBytes) {
    public static final long MIB = 1L << 20;

    public static ReadLimits defaults() {
        // CloudTrail JSON compresses 10-40x; 1000x is only reached by crafted input. The JSON limits
        // are Jackson's defaults, far above anything CloudTrail writes.
        return new ReadLimits(MIB, 1000, 64L << 30, 64 * 1024, 1000, 1000, 50_000, 16 * MIB);
    }

    public ReadLimits {
        if (maxRecordBytes < 1024) {
            throw new IllegalArgumentException("record size limit must be at least 1 KiB");
        }
        if (maxInflateRatio < 2) {
            throw new IllegalArgumentException("inflate ratio limit must be at least 2");
        }
        if (maxInflatedBytes < MIB) {
            throw new IllegalArgumentException("inflated size limit must be at least 1 MiB");
        }
        if (maxNestingDepth < 3 || maxNestingDepth > RecordBounds.MAX_NESTING_DEPTH) {
            throw new IllegalArgumentException("nesting depth limit must be from 3 to " + RecordBounds.MAX_NESTING_DEPTH
                    + " (a record in a log file is at level 3; deeper trees cannot be written back out)");
        }
        if (maxNumberLength < 1 || maxNumberLength > RecordBounds.MAX_NUMBER_LENGTH) {
            throw new IllegalArgumentException("number length limit must be from 1 to " + RecordBounds.MAX_NUMBER_LENGTH
                    + " (parsing a longer number costs time in its length squared)");
        }
        if (maxKeyLength < 1) {
            throw new IllegalArgumentException("key length limit must be at least 1");
        }
        if (memberHoldBytes < 0) {
            throw new IllegalArgumentException("gzip member hold-back limit must not be negative");
        }
    }

    public ReadLimits withMaxRecordBytes(long bytes) {
        return new ReadLimits(bytes, maxInflateRatio, maxInflatedBytes, quarantineContentBytes, maxNestingDepth,
                maxNumberLength, maxKeyLength, memberHoldBytes);
    }

    public ReadLimits withMaxInflateRatio(long ratio) {
        return new ReadLimits(maxRecordBytes, ratio, maxInflatedBytes, quarantineContentBytes, maxNestingDepth,
                maxNumberLength, maxKeyLength, memberHoldBytes);
    }

    public ReadLimits withMaxInflatedBytes(long bytes) {
        return new ReadLimits(maxRecordBytes, maxInflateRatio, bytes, quarantineContentBytes, maxNestingDepth,
                maxNumberLength, maxKeyLength, memberHoldBytes);
    }

    public ReadLimits withMaxNestingDepth(int depth) {
        return new ReadLimits(maxRecordBytes, maxInflateRatio, maxInflatedBytes, quarantineContentBytes, depth,
                maxNumberLength, maxKeyLength, memberHoldBytes);
    }

    public ReadLimits withMaxNumberLength(int chars) {
        return new ReadLimits(maxRecordBytes, maxInflateRatio, maxInflatedBytes, quarantineContentBytes, maxNestingDepth,
                chars, maxKeyLength, memberHoldBytes);
    }

    public ReadLimits withMaxKeyLength(int chars) {
        return new ReadLimits(maxRecordBytes, maxInflateRatio, maxInflatedBytes, quarantineContentBytes, maxNestingDepth,
                maxNumberLength, chars, memberHoldBytes);
    }

    public ReadLimits withMemberHoldBytes(long bytes) {
        return new ReadLimits(maxRecordBytes, maxInflateRatio, maxInflatedBytes, quarantineContentBytes, maxNestingDepth,
                maxNumberLength, maxKeyLength, bytes);
    }

    /** These limits as Jackson's: a string longer than a record could hold is cut off early. */
    StreamReadConstraints jsonConstraints() {
        return StreamReadConstraints.builder()
                .maxNestingDepth(maxNestingDepth)
                .maxNumberLength(maxNumberLength)
                .maxNameLength(maxKeyLength)
                .maxStringLength((int) Math.min(Integer.MAX_VALUE, maxRecordBytes))
                .build();
    }
}
