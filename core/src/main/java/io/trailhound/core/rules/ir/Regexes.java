package io.trailhound.core.rules.ir;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Compiles the regular expressions of rules (RE2/J, linear-time matching) after checking what
 * RE2/J itself does not: RE2 and Go refuse a repetition nested inside another when together they
 * make more than 1,000 copies ({@code ((a{1000}){1000}){1000}} would be a billion instructions,
 * which RE2/J tries to build for ever), and RE2/J recurses once per group when it compiles. So a
 * pattern is refused, as a {@link PatternSyntaxException} like any bad pattern, when its groups
 * nest deeper than {@link #MAX_NESTING}, its repetitions multiply past {@link #MAX_REPEAT}, or its
 * estimated program passes {@link #MAX_PROGRAM} instructions (matching costs up to the value's
 * length times that).
 */
public final class Regexes {
    /** Copies nested repetitions may make together: RE2's and Go's limit. */
    public static final int MAX_REPEAT = 1000;
    /**
     * Deepest group nesting. RE2/J recurses several frames per group when it simplifies and
     * compiles a pattern: measured, 200 nested groups fit a 512 KB stack, 1,000 overflow 1 MB.
     */
    public static final int MAX_NESTING = 100;
    /** Largest program, in estimated instructions. */
    public static final int MAX_PROGRAM = 100_000;

    private Regexes() {
    }

    public static Pattern compile(String regex, int flags) {
        check(regex);
        return Pattern.compile(regex, flags);
    }

    public static Pattern compile(String regex) {
        return compile(regex, 0);
    }

    /** A group being read: its size so far, and the last atom, which a repetition applies to. */
    private static final class Group {
        long size;
        long product = 1;  // largest product of nested repetition counts inside
        long lastSize;     // 0 when there is nothing to repeat (start, after '|')
        long lastProduct = 1;

        void atom(long s, long p) {
            size += s;
            lastSize = s;
            lastProduct = p;
            product = Math.max(product, p);
        }
    }

    /** The estimated program size of {@code re}; throws when it breaks a limit (syntax errors are left to RE2/J). */
    static long check(String re) {
        Deque<Group> outer = new ArrayDeque<>();
        long outerSize = 0; // the sizes of the groups in 'outer', so far
        Group g = new Group();
        int i = 0;
        while (i < re.length()) {
            char c = re.charAt(i);
            switch (c) {
                case '\\' -> {
                    i = afterEscape(re, i);
                    g.atom(1, 1);
                }
                case '[' -> {
                    i = afterClass(re, i);
                    g.atom(1, 1);
                }
                case '(' -> {
                    if (outer.size() >= MAX_NESTING) {
                        throw new PatternSyntaxException("groups nested deeper than " + MAX_NESTING, re);
                    }
                    outer.push(g);
                    outerSize += g.size;
                    g = new Group();
                    i++;
                }
                case ')' -> {
                    if (!outer.isEmpty()) {
                        Group inner = g;
                        g = outer.pop();
                        outerSize -= g.size;
                        g.atom(inner.size + 1, inner.product);
                    }
                    i++;
                }
                case '|' -> {
                    g.size++;
                    g.lastSize = 0;
                    i++;
                }
                case '*', '+', '?' -> {
                    g.size++;
                    i++;
                }
                case '{' -> {
                    int[] rep = repeat(re, i);
                    if (rep == null) {
                        g.atom(1, 1); // not a repetition: a literal '{'
                        i++;
                    } else {
                        repeat(g, rep[0], rep[1], re);
                        i = rep[2];
                    }
                }
                default -> {
                    g.atom(1, 1);
                    i++;
                }
            }
            if (outerSize + g.size > MAX_PROGRAM) {
                throw new PatternSyntaxException("pattern too large (over " + MAX_PROGRAM + " instructions)", re);
            }
        }
        return outerSize + g.size;
    }

    /** The last atom repeated {@code min} to {@code copies} times (each optional copy costs one more instruction). */
    private static void repeat(Group g, int min, int copies, String re) {
        if (g.lastSize == 0 || copies < 2) {
            g.size++;
            return;
        }
        long product = g.lastProduct * copies;
        if (product > MAX_REPEAT) {
            throw new PatternSyntaxException("invalid repeat count: nested repetitions make more than " + MAX_REPEAT
                    + " copies", re);
        }
        long grown = g.lastSize * copies + (copies - min);
        g.size += grown - g.lastSize + 1;
        g.lastSize = grown;
        g.lastProduct = product;
        g.product = Math.max(g.product, product);
    }

    /**
     * For {@code {n}}, {@code {n,}}, {@code {n,m}} at {@code at}: the least and most copies it
     * makes ({@code {n,}} counts as {@code n}) and the index after it; else null.
     */
    private static int[] repeat(String re, int at) {
        int close = re.indexOf('}', at);
        if (close < 0) {
            return null;
        }
        String body = re.substring(at + 1, close);
        int comma = body.indexOf(',');
        String min = comma < 0 ? body : body.substring(0, comma);
        String max = comma < 0 ? "" : body.substring(comma + 1);
        if (!digits(min) || !(max.isEmpty() || digits(max))) {
            return null;
        }
        // RE2/J itself refuses counts over 1000; clamp so a long digit string cannot overflow here.
        int n = Math.min(parse(min), MAX_REPEAT + 1);
        int m = max.isEmpty() ? n : Math.min(parse(max), MAX_REPEAT + 1);
        return new int[] {Math.min(n, m), Math.max(n, m), close + 1};
    }

    private static int parse(String digits) {
        return digits.length() > 4 ? Integer.MAX_VALUE : Integer.parseInt(digits);
    }

    private static boolean digits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** The index after the escape at {@code at}: {@code \Q...\E}, {@code \x{..}}, {@code \p{..}}, or two characters. */
    private static int afterEscape(String re, int at) {
        if (at + 1 >= re.length()) {
            return re.length();
        }
        char e = re.charAt(at + 1);
        if (e == 'Q') {
            int end = re.indexOf("\\E", at + 2);
            return end < 0 ? re.length() : end + 2;
        }
        if ((e == 'x' || e == 'p' || e == 'P') && at + 2 < re.length() && re.charAt(at + 2) == '{') {
            int end = re.indexOf('}', at + 3);
            return end < 0 ? re.length() : end + 1;
        }
        if ((e == 'p' || e == 'P') && at + 2 < re.length()) {
            return at + 3;
        }
        return at + 2;
    }

    /** The index after the character class opening at {@code at} ({@code []a]}, {@code [^]]}, {@code [[:alpha:]]}). */
    private static int afterClass(String re, int at) {
        int i = at + 1;
        if (i < re.length() && re.charAt(i) == '^') {
            i++;
        }
        if (i < re.length() && re.charAt(i) == ']') {
            i++;
        }
        while (i < re.length()) {
            char c = re.charAt(i);
            if (c == ']') {
                return i + 1;
            }
            if (c == '\\') {
                i = afterEscape(re, i);
            } else if (c == '[' && re.startsWith("[:", i)) {
                int end = re.indexOf(":]", i + 2);
                i = end < 0 ? i + 1 : end + 2;
            } else {
                i++;
            }
        }
        return re.length();
    }
}
