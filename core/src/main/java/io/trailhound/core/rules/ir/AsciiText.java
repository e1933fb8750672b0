package io.trailhound.core.rules.ir;

/**
 * Whether a text is ASCII, for codecs that hold rule candidates as bytes: such a text is its
 * UTF-8 a byte a character, copied with no encoder (into the engine's own sink by its
 * {@code writeBytes}; not by any {@link java.io.DataOutput}'s, since Flink's advances twice). A lone
 * surrogate (a log field may hold one) is not ASCII, so it never becomes '?'.
 */
public final class AsciiText {
    private AsciiText() {
    }

    /** True when every character of {@code s} is ASCII (each its own byte). */
    public static boolean is(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
