package io.trailhound.core.rules.ir;

import java.nio.charset.StandardCharsets;

/**
 * A text's bytes when it is ASCII, for codecs that hold rule candidates as bytes: one vectorized
 * pass of the JDK's encoder instead of a loop over characters. UTF-8 gives one byte a character
 * for ASCII, and also for a lone surrogate (a log field may hold one), which becomes '?': so a
 * '?' byte is checked against the character it stands for.
 */
public final class AsciiText {
    private AsciiText() {
    }

    /** The bytes of {@code s} when every character is ASCII (each its own byte), else null. */
    public static byte[] bytes(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        if (utf8.length != s.length()) {
            return null;
        }
        for (int i = 0; i < utf8.length; i++) {
            if (utf8[i] == '?' && s.charAt(i) != '?') {
                return null; // a lone surrogate
            }
        }
        return utf8;
    }
}
