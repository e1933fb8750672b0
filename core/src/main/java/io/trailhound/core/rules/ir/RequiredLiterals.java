package io.trailhound.core.rules.ir;

import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.List;

/**
 * Literal texts that every match of a regular expression contains, so that a value lacking one of
 * them is answered "no match" by {@link String#contains} instead of RE2/J's matcher, which steps
 * an automaton over every character (about 100 ns a character on a policy document with
 * {@code [^]]*} in the pattern). Only the pattern's top level counts: a run of plain characters
 * (or one-character classes such as {@code [*]}, which Falco's patterns use instead of escapes)
 * between other items must appear in every match, except its last character when a quantifier
 * follows. A group ({@code (x)}, {@code (?:x)}, named {@code (?P<n>x)} as GROK compiles to) that
 * matches once, without alternatives at its level, is read through; other groups and counted
 * repetitions {@code {n,m}} end a run. Anything this reading does not handle surely
 * (alternation at the top level, flags, {@code \Q}, escapes other than punctuation and
 * {@code \s \d \w}, case folding) gives no literals: the matcher then runs as before. A prefilter
 * never changes an answer.
 */
public final class RequiredLiterals {
    private RequiredLiterals() {
    }

    /** The literals every match of {@code pattern} contains (empty: none known). */
    public static List<String> of(Pattern pattern) {
        if ((pattern.flags() & Pattern.CASE_INSENSITIVE) != 0) {
            return List.of();
        }
        return of(pattern.pattern());
    }

    static List<String> of(String re) {
        List<String> out = new ArrayList<>();
        StringBuilder run = new StringBuilder();
        int depth = 0; // of groups whose literals are not read (quantified, or with alternatives)
        java.util.ArrayDeque<Boolean> groups = new java.util.ArrayDeque<>(); // open groups: read through or not
        int i = 0;
        while (i < re.length()) {
            char c = re.charAt(i);
            switch (c) {
                case '\\' -> {
                    if (i + 1 >= re.length()) {
                        return List.of();
                    }
                    char e = re.charAt(i + 1);
                    if (isPunctuation(e)) {
                        i = literal(e, i + 2, re, depth, run, out);
                    } else if ("sdwSDW".indexOf(e) >= 0) {
                        end(run, out);
                        i += 2;
                    } else {
                        return List.of();
                    }
                }
                case '[' -> {
                    int close = classEnd(re, i);
                    if (close < 0) {
                        return List.of();
                    }
                    String body = re.substring(i + 1, close);
                    if (body.length() == 1 && body.charAt(0) != '^' && body.charAt(0) != '\\') {
                        i = literal(body.charAt(0), close + 1, re, depth, run, out);
                    } else {
                        end(run, out);
                        i = close + 1;
                    }
                }
                case '(' -> {
                    int body = groupBody(re, i);
                    if (body < 0) {
                        return List.of(); // flags, lookaround: not read here
                    }
                    // A group matched once as a sequence is read through: GROK's (?<key>AKIA[A-Z0-9]{16})
                    // after accessKeyId= makes one literal accessKeyId=AKIA, which listing calls lack.
                    boolean plain = depth == 0 && plainGroup(re, body);
                    groups.push(plain);
                    if (!plain) {
                        end(run, out);
                        depth++;
                    }
                    i = body;
                }
                case ')' -> {
                    if (groups.isEmpty()) {
                        return List.of();
                    }
                    if (!groups.pop()) {
                        end(run, out);
                        depth--;
                    }
                    i++;
                }
                case '|' -> {
                    if (depth == 0) {
                        return List.of(); // either side may match: nothing is required of both here
                    }
                    end(run, out);
                    i++;
                }
                case '{' -> {
                    int close = repetitionEnd(re, i);
                    if (close < 0) {
                        return List.of(); // a literal brace in RE2: not read here
                    }
                    end(run, out); // what it repeats (a group or class) was not in the run
                    i = close + 1;
                }
                case '*', '+', '?' -> {
                    // A quantifier after a group or class: what it repeats was not in the run.
                    end(run, out);
                    i++;
                }
                case '.', '^', '$' -> {
                    end(run, out);
                    i++;
                }
                default -> i = literal(c, i + 1, re, depth, run, out);
            }
        }
        end(run, out);
        return groups.isEmpty() ? out : List.of(); // unbalanced: not read here
    }

    /** Adds the literal character {@code c} read up to {@code next}: to the run, unless a quantifier follows it. */
    private static int literal(char c, int next, String re, int depth, StringBuilder run, List<String> out) {
        if (next < re.length() && "*+?{".indexOf(re.charAt(next)) >= 0) {
            end(run, out); // the character may repeat or be absent: the run ends before it
            return next;
        }
        if (depth == 0) {
            run.append(c);
        }
        return next;
    }

    private static void end(StringBuilder run, List<String> out) {
        if (run.length() > 0) {
            out.add(run.toString());
            run.setLength(0);
        }
    }

    /**
     * Whether the group whose body starts at {@code body} matches its body exactly once: no
     * alternative at its own level and no quantifier after it. Its literals are then read as if
     * the parentheses were not there.
     */
    private static boolean plainGroup(String re, int body) {
        int level = 0;
        int i = body;
        while (i < re.length()) {
            char c = re.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '[') {
                int close = classEnd(re, i);
                if (close < 0) {
                    return false;
                }
                i = close + 1;
            } else if (c == '(') {
                level++;
                i++;
            } else if (c == ')') {
                if (level-- == 0) {
                    return i + 1 >= re.length() || "*+?{".indexOf(re.charAt(i + 1)) < 0;
                }
                i++;
            } else if (c == '|' && level == 0) {
                return false;
            } else {
                i++;
            }
        }
        return false;
    }

    /** Where the body of the group opening at {@code open} starts: after {@code (}, {@code (?:} or {@code (?P<name>}; -1 for other {@code (?}. */
    private static int groupBody(String re, int open) {
        if (!re.startsWith("(?", open)) {
            return open + 1;
        }
        if (re.startsWith("(?:", open)) {
            return open + 3;
        }
        int name = re.startsWith("(?P<", open) ? open + 4 : re.startsWith("(?<", open) ? open + 3 : -1;
        if (name < 0 || name >= re.length() || re.charAt(name) == '=' || re.charAt(name) == '!') {
            return -1;
        }
        int close = re.indexOf('>', name);
        return close < 0 ? -1 : close + 1;
    }

    /** The index of the {@code }} of a counted repetition {@code {n}}, {@code {n,}} or {@code {n,m}} opening at {@code open}; -1 if it is none. */
    private static int repetitionEnd(String re, int open) {
        int i = open + 1;
        int digits = 0;
        while (i < re.length() && isAsciiDigit(re.charAt(i))) {
            i++;
            digits++;
        }
        if (digits == 0) {
            return -1;
        }
        if (i < re.length() && re.charAt(i) == ',') {
            i++;
            while (i < re.length() && isAsciiDigit(re.charAt(i))) {
                i++;
            }
        }
        return i < re.length() && re.charAt(i) == '}' ? i : -1;
    }

    /** The index of the {@code ]} closing the class that opens at {@code open}, with POSIX classes inside; -1 if none. */
    private static int classEnd(String re, int open) {
        int i = open + 1;
        if (i < re.length() && re.charAt(i) == '^') {
            i++;
        }
        if (i < re.length() && re.charAt(i) == ']') {
            i++; // a ']' first is a member, not the end
        }
        while (i < re.length()) {
            char c = re.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '[' && i + 1 < re.length() && re.charAt(i + 1) == ':') {
                int end = re.indexOf(":]", i + 2);
                if (end < 0) {
                    return -1;
                }
                i = end + 2;
            } else if (c == ']') {
                return i;
            } else {
                i++;
            }
        }
        return -1;
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isPunctuation(char c) {
        return c < 128 && !Character.isLetterOrDigit(c) && c != ' ';
    }
}
