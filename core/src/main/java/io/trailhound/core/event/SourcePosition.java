package io.trailhound.core.event;

/**
 * Where a record was read: the input's display name, the byte offset of its first byte in the
 * (decompressed) stream, and its 1-based line number. Quarantine entries and errors quote it.
 */
public record SourcePosition(String source, long byteOffset, long line) {
    @Override
    public String toString() {
        return source + " at byte " + byteOffset + " (line " + line + ")";
    }
}
