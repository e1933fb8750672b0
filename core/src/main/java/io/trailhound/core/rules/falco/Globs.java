package io.trailhound.core.rules.falco;

import com.google.re2j.Pattern;
import io.trailhound.core.rules.ir.Regexes;

/**
 * POSIX {@code fnmatch} patterns as Falco's {@code glob} / {@code iglob} use them (no
 * FNM_PATHNAME, so {@code *} also crosses {@code /}): {@code *}, {@code ?}, bracket expressions
 * {@code [a-z]} / {@code [!a]} / {@code [^a]}, and {@code \} escaping the next character. Compiled
 * to RE2 so matching stays linear on attacker-controlled values.
 */
final class Globs {
    private Globs() {
    }

    static Pattern compile(String glob, boolean ignoreCase) {
        return Regexes.compile(toRegex(glob), Pattern.DOTALL | (ignoreCase ? Pattern.CASE_INSENSITIVE : 0));
    }

    static boolean hasWildcard(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0;
    }

    static String toRegex(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                case '\\' -> {
                    if (i + 1 < glob.length()) {
                        literal(re, glob.charAt(++i));
                    } else {
                        literal(re, c);
                    }
                }
                case '[' -> {
                    int close = bracketEnd(glob, i);
                    if (close < 0) {
                        literal(re, c);
                    } else {
                        bracket(re, glob.substring(i + 1, close));
                        i = close;
                    }
                }
                default -> literal(re, c);
            }
        }
        return re.toString();
    }

    /** The index of the ']' closing the bracket at {@code open}, or -1 (then '[' is literal). */
    private static int bracketEnd(String glob, int open) {
        int j = open + 1;
        if (j < glob.length() && (glob.charAt(j) == '!' || glob.charAt(j) == '^')) {
            j++;
        }
        if (j < glob.length() && glob.charAt(j) == ']') {
            j++; // a ']' first in the set is a member
        }
        for (; j < glob.length(); j++) {
            int cls = classEnd(glob, j);
            if (cls > 0) {
                j = cls; // [:upper:] inside a bracket: its ']' does not close the bracket
            } else if (glob.charAt(j) == ']') {
                return j;
            }
        }
        return -1;
    }

    private static final java.util.Set<String> CLASSES = java.util.Set.of("alnum", "alpha", "blank", "cntrl", "digit",
            "graph", "lower", "print", "punct", "space", "upper", "xdigit");

    /** The index of the last ']' of a POSIX class such as {@code [:upper:]} starting at {@code at}, or -1. */
    private static int classEnd(String s, int at) {
        if (!s.startsWith("[:", at)) {
            return -1;
        }
        int end = s.indexOf(":]", at + 2);
        return end > 0 && CLASSES.contains(s.substring(at + 2, end)) ? end + 1 : -1;
    }

    private static void bracket(StringBuilder re, String body) {
        re.append('[');
        int i = 0;
        if (!body.isEmpty() && (body.charAt(0) == '!' || body.charAt(0) == '^')) {
            re.append('^');
            i = 1;
        }
        for (; i < body.length(); i++) {
            char c = body.charAt(i);
            int cls = classEnd(body, i);
            if (cls > 0) {
                re.append(body, i, cls + 1); // fnmatch's POSIX classes are RE2's too
                i = cls;
            } else if (c == '-' && i > 0 && i < body.length() - 1) {
                re.append('-');
            } else if (Character.isLetterOrDigit(c)) {
                re.append(c);
            } else {
                re.append('\\').append(c);
            }
        }
        re.append(']');
    }

    private static void literal(StringBuilder re, char c) {
        if (Character.isLetterOrDigit(c) || c > 127) {
            re.append(c);
        } else {
            re.append('\\').append(c);
        }
    }
}
