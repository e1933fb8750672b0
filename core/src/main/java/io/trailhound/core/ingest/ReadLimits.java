package io.trailhound.core.ingest;

/**
 * Guards against hostile or broken input.
 *
 * @param maxRecordBytes     largest record read as an event (default 1 MiB)
 * @param maxInflateRatio    decompressed/compressed bytes beyond which a gzip stream is a bomb
 * @param maxInflatedBytes   decompressed bytes allowed per input
 * @param quarantineContentBytes how much of a bad record the quarantine keeps
 */
public record ReadLimits(long maxRecordBytes, long maxInflateRatio, long maxInflatedBytes, int quarantineContentBytes) {
    public static final long MIB = 1L << 20;

    public static ReadLimits defaults() {
        // CloudTrail JSON compresses 10-40x; 1000x is only reached by crafted input.
        return new ReadLimits(MIB, 1000, 64L << 30, 64 * 1024);
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
    }

    public ReadLimits withMaxRecordBytes(long bytes) {
        return new ReadLimits(bytes, maxInflateRatio, maxInflatedBytes, quarantineContentBytes);
    }

    public ReadLimits withMaxInflateRatio(long ratio) {
        return new ReadLimits(maxRecordBytes, ratio, maxInflatedBytes, quarantineContentBytes);
    }

    public ReadLimits withMaxInflatedBytes(long bytes) {
        return new ReadLimits(maxRecordBytes, maxInflateRatio, bytes, quarantineContentBytes);
    }
}
