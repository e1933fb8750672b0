package io.trailhound.core.rules.ir;

/**
 * A whole-value wildcard pattern ({@code *} any run of characters, {@code ?} one character, all
 * else literal), case-sensitive or not: KQL and Sigma values and Falco's simple globs. Matching is
 * linear-time backtracking over the last star only, so attacker-controlled values cannot make it
 * blow up.
 */
public final class Wildcard implements Matcher {
    private static final char ANY = '\uE000';
    private static final char ONE = '\uE001';

    /**
     * The common shapes, matched with one string operation instead of the general loop; SEGMENTS is
     * a case-sensitive pattern of literal runs between stars ({@code *role/*Agent*}), matched with
     * one search per run.
     */
    private enum Shape { EXACT, PREFIX, SUFFIX, CONTAINS, SEGMENTS, GENERAL }

    private final char[] pattern; // literal chars, with ANY / ONE as wildcards (private-use code points)
    private final boolean ignoreCase;
    private final String text;
    private final Shape shape;
    private final String literal; // the pattern without its leading / trailing stars, for the simple shapes
    private final String[] segments; // SEGMENTS: the literal runs between stars, in order

    private Wildcard(char[] pattern, boolean ignoreCase, String text) {
        this.pattern = pattern;
        this.ignoreCase = ignoreCase;
        this.text = text;
        int from = 0;
        int to = pattern.length;
        boolean lead = to > 0 && pattern[0] == ANY;
        boolean trail = to > (lead ? 1 : 0) && pattern[to - 1] == ANY;
        if (lead) {
            from = 1;
        }
        if (trail) {
            to--;
        }
        boolean plain = true;
        for (int i = from; i < to; i++) {
            plain &= pattern[i] != ANY && pattern[i] != ONE;
        }
        this.literal = plain ? new String(pattern, from, to - from) : null;
        this.segments = !plain && !ignoreCase && new String(pattern).indexOf(ONE) < 0 ? new String(pattern).split(String.valueOf(ANY), -1)
                : null;
        this.shape = !plain ? segments != null ? Shape.SEGMENTS : Shape.GENERAL : lead && trail ? Shape.CONTAINS
                : lead ? Shape.SUFFIX : trail ? Shape.PREFIX : Shape.EXACT;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Parses {@code *} and {@code ?} with backslash escapes as Sigma writes them: {@code \*},
     * {@code \?} and {@code \\} are the literal character; a backslash before anything else is a
     * literal backslash.
     */
    public static Wildcard parse(String pattern, boolean ignoreCase) {
        Builder b = builder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                char n = pattern.charAt(i + 1);
                if (n == '*' || n == '?' || n == '\\') {
                    b.literal(String.valueOf(n));
                    i++;
                    continue;
                }
                b.literal("\\");
            } else if (c == '*') {
                b.any();
            } else if (c == '?') {
                b.one();
            } else {
                b.literal(String.valueOf(c));
            }
        }
        return b.build(ignoreCase);
    }

    /** True when the pattern has no wildcard: an equality test does the same, faster. */
    public boolean isLiteral() {
        for (char c : pattern) {
            if (c == ANY || c == ONE) {
                return false;
            }
        }
        return true;
    }

    /** The literal between the stars of a {@code *literal*} pattern, or null for any other shape. */
    String containedLiteral() {
        return shape == Shape.CONTAINS ? literal : null;
    }

    boolean ignoreCase() {
        return ignoreCase;
    }

    @Override
    public boolean test(String value) {
        return switch (shape) {
            case EXACT -> ignoreCase ? value.equalsIgnoreCase(literal) : value.equals(literal);
            case PREFIX -> value.regionMatches(ignoreCase, 0, literal, 0, literal.length());
            case SUFFIX -> value.length() >= literal.length()
                    && value.regionMatches(ignoreCase, value.length() - literal.length(), literal, 0, literal.length());
            case CONTAINS -> ignoreCase ? Matchers.containsIgnoreCase(value, literal) : value.contains(literal);
            case SEGMENTS -> segments(value);
            case GENERAL -> general(value);
        };
    }

    /**
     * The first run at the start, the last at the end, and the others in order between them, each
     * where it is first found: with stars only, a match exists exactly when the leftmost places fit
     * (the {@link #general} loop's answer, with the JVM's vectorized search).
     */
    private boolean segments(String value) {
        String first = segments[0];
        String last = segments[segments.length - 1];
        int from = first.length();
        int to = value.length() - last.length();
        if (to < from || !value.startsWith(first) || !value.startsWith(last, to)) {
            return false;
        }
        for (int i = 1; i < segments.length - 1; i++) {
            String seg = segments[i];
            int at = value.indexOf(seg, from);
            if (at < 0 || at + seg.length() > to) {
                return false;
            }
            from = at + seg.length();
        }
        return true;
    }

    private boolean general(String value) {
        int p = 0;
        int v = 0;
        int starP = -1;
        int starV = 0;
        int n = value.length();
        while (v < n) {
            if (p < pattern.length && pattern[p] != ANY
                    && (pattern[p] == ONE || same(pattern[p], value.charAt(v)))) {
                p++;
                v++;
            } else if (p < pattern.length && pattern[p] == ANY) {
                starP = p++;
                starV = v;
            } else if (starP >= 0) {
                p = starP + 1;
                v = ++starV;
            } else {
                return false;
            }
        }
        while (p < pattern.length && pattern[p] == ANY) {
            p++;
        }
        return p == pattern.length;
    }

    private boolean same(char a, char b) {
        if (a == b) {
            return true;
        }
        return ignoreCase && (Character.toLowerCase(a) == Character.toLowerCase(b)
                || Character.toUpperCase(a) == Character.toUpperCase(b));
    }

    /** Case-sensitive: the runs of literal characters between the wildcards, each in every match. */
    @Override
    public java.util.List<String> requiredTexts() {
        if (ignoreCase) {
            return java.util.List.of();
        }
        java.util.List<String> out = new java.util.ArrayList<>();
        int start = 0;
        for (int i = 0; i <= pattern.length; i++) {
            if (i == pattern.length || pattern[i] == ANY || pattern[i] == ONE) {
                if (i > start) {
                    out.add(new String(pattern, start, i - start));
                }
                start = i + 1;
            }
        }
        return out;
    }

    /** The pattern's characters (wildcards included) and the case mode decide every answer; the text only describes. */
    @Override
    public Object shareKey() {
        return java.util.List.of("wildcard", new String(pattern), ignoreCase);
    }

    @Override
    public String describe() {
        return (ignoreCase ? "wildcard/i " : "wildcard ") + '"' + text + '"';
    }

    @Override
    public String toString() {
        return describe();
    }

    /** Builds a pattern piece by piece, for front ends with their own escaping rules. */
    public static final class Builder {
        private final StringBuilder chars = new StringBuilder();
        private final StringBuilder text = new StringBuilder();

        public Builder literal(String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                chars.append(c);
                text.append(c == '*' || c == '?' || c == '\\' ? "\\" + c : String.valueOf(c));
            }
            return this;
        }

        public Builder any() {
            // Collapse runs of stars: same language, less backtracking.
            if (chars.length() == 0 || chars.charAt(chars.length() - 1) != ANY) {
                chars.append(ANY);
                text.append('*');
            }
            return this;
        }

        public Builder one() {
            chars.append(ONE);
            text.append('?');
            return this;
        }

        public Wildcard build(boolean ignoreCase) {
            return new Wildcard(chars.toString().toCharArray(), ignoreCase, text.toString());
        }
    }
}
