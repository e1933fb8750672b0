package io.trailhound.core.ingest;

import java.io.InputStream;

/**
 * An input's decompressed bytes, which know how far they have been checked: gzip's CRC-32 and
 * size are in each member's trailer, after its data, so a reader that must not take altered
 * records for good ones holds a member's records back until its trailer has been read.
 */
public abstract class InflatedInput extends InputStream {
    /**
     * The offset in this stream up to which every byte passed its gzip member's CRC-32 and size
     * check; {@link Long#MAX_VALUE} for plain input, which has nothing to check.
     */
    public abstract long verifiedEnd();
}
