package io.trailhound.cli;

import io.trailhound.core.UnsafeText;

/**
 * Makes attacker-controlled text (log fields) safe to print on a terminal: control characters,
 * escape sequences, line separators and bidirectional controls are shown as {@code \\uXXXX} instead
 * of acting, and a backslash as two, so that a log field holding the text {@code \\u001b} cannot pass
 * for an escaped control character.
 */
public final class TerminalText {
    private TerminalText() {
    }

    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (unsafe(c) || c == '\\') {
                if (out == null) {
                    out = new StringBuilder(s.length() + 16).append(s, 0, i);
                }
                out.append(c == '\\' ? "\\\\" : String.format("\\u%04x", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? s : out.toString();
    }

    /** Characters that act on a terminal instead of showing (see {@link UnsafeText#unsafe}). */
    static boolean unsafe(char c) {
        return UnsafeText.unsafe(c);
    }
}
