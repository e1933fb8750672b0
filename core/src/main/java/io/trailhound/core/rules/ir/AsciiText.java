package io.trailhound.core.rules.ir;

/**
 * Whether a text is ASCII, for codecs that hold rule candidates as bytes: such a text is written
 * a byte a character ({@link java.io.DataOutput#writeBytes}), with no encoder and no array made
 * for it; a lone surrogate (a log field may hold one) is not ASCII, so it never becomes '?'.
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
