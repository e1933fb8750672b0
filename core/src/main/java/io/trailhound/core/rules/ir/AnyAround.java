package io.trailhound.core.rules.ir;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * Whole-value patterns of the form {@code (.|\n)*X(.|\n)*}, which rule languages whose regex must
 * match the whole value (Falco's) use to mean "X anywhere". {@code (.|\n)} matches any one
 * character, so the whole value matches exactly when X matches somewhere in it: a search for X
 * gives the same answer without walking the value through RE2/J's slowest matcher.
 */
final class AnyAround {
    /** Any one character, any number of times: {@code \n} as RE2 reads it, or a newline itself (what Falco's strings unescape it to). */
    private static final java.util.List<String> ANY = java.util.List.of("(.|\\n)*", "(.|\n)*");

    private AnyAround() {
    }

    /** X, compiled with the pattern's flags, when {@code pattern} is {@code (.|\n)*X(.|\n)*} and that reading is safe; else null. */
    static Pattern inner(Pattern pattern) {
        String re = pattern.pattern();
        String head = ANY.stream().filter(re::startsWith).findFirst().orElse(null);
        String tail = ANY.stream().filter(re::endsWith).findFirst().orElse(null);
        if (head == null || tail == null || re.length() < head.length() + tail.length()) {
            return null;
        }
        String x = re.substring(head.length(), re.length() - tail.length());
        if (!standsAlone(x)) {
            return null;
        }
        try {
            return Regexes.compile(x, pattern.flags());
        } catch (PatternSyntaxException e) {
            return null;
        }
    }

    /**
     * True when X reads the same between the two {@code (.|\n)*} as on its own: no {@code |} outside
     * groups and classes (which would split the whole pattern differently), no anchors or flags, and
     * not ending in a backslash (which would escape the suffix's parenthesis).
     */
    static boolean standsAlone(String x) {
        int depth = 0;
        boolean inClass = false;
        for (int i = 0; i < x.length(); i++) {
            char c = x.charAt(i);
            if (c == '\\') {
                if (i + 1 >= x.length()) {
                    return false;
                }
                char e = x.charAt(i + 1);
                if (!inClass && (e == 'A' || e == 'z' || e == 'b' || e == 'B')) {
                    return false; // anchors and word boundaries see the characters around X
                }
                i++;
                continue;
            }
            if (inClass) {
                if (c == ']') {
                    inClass = false;
                }
                continue;
            }
            switch (c) {
                case '[' -> {
                    inClass = true;
                    // a ']' first in the class (or after '^') is a literal, not its end
                    if (i + 1 < x.length() && x.charAt(i + 1) == '^') {
                        i++;
                    }
                    if (i + 1 < x.length() && x.charAt(i + 1) == ']') {
                        i++;
                    }
                }
                case '(' -> {
                    if (i + 1 < x.length() && x.charAt(i + 1) == '?') {
                        return false; // flags or non-capturing forms: left to the whole match
                    }
                    depth++;
                }
                case ')' -> {
                    if (--depth < 0) {
                        return false;
                    }
                }
                case '|' -> {
                    if (depth == 0) {
                        return false;
                    }
                }
                case '^', '$' -> {
                    return false;
                }
                default -> {
                }
            }
        }
        return depth == 0 && !inClass;
    }
}
