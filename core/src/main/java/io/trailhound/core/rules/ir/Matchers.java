package io.trailhound.core.rules.ir;

import com.google.re2j.Pattern;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The value tests every rule language shares. Each is built once, at compile time. */
public final class Matchers {
    private Matchers() {
    }

    public static Matcher equalTo(String expected, boolean ignoreCase) {
        return new LiteralSet(List.of(expected), ignoreCase);
    }

    /** Membership in a set of values: one hash lookup however long the list. */
    public static Matcher in(Collection<String> values, boolean ignoreCase) {
        return new LiteralSet(values, ignoreCase);
    }

    public static Matcher startsWith(String prefix, boolean ignoreCase) {
        return keyed(v -> v.regionMatches(ignoreCase, 0, prefix, 0, prefix.length()),
                "startswith" + (ignoreCase ? "/i" : "") + " \"" + prefix + '"', List.of("startswith", prefix, ignoreCase),
                cased(prefix, ignoreCase));
    }

    public static Matcher endsWith(String suffix, boolean ignoreCase) {
        return keyed(v -> v.length() >= suffix.length()
                        && v.regionMatches(ignoreCase, v.length() - suffix.length(), suffix, 0, suffix.length()),
                "endswith" + (ignoreCase ? "/i" : "") + " \"" + suffix + '"', List.of("endswith", suffix, ignoreCase),
                cased(suffix, ignoreCase));
    }

    /** A text every accepted value holds as written: only when case counts ({@link Matcher#requiredTexts}). */
    private static List<String> cased(String text, boolean ignoreCase) {
        return ignoreCase || text.isEmpty() ? List.of() : List.of(text);
    }

    public static Matcher contains(String part, boolean ignoreCase) {
        return new Contains(part, ignoreCase);
    }

    static boolean containsIgnoreCase(String v, String part) {
        int max = v.length() - part.length();
        for (int i = 0; i <= max; i++) {
            if (v.regionMatches(true, i, part, 0, part.length())) {
                return true;
            }
        }
        return false;
    }

    /** A regular expression (RE2 syntax, linear time): the whole value when {@code whole}, else anywhere in it. */
    public static Matcher regex(Pattern pattern, boolean whole) {
        Pattern inner = whole ? AnyAround.inner(pattern) : null;
        String name = (whole ? "regex " : "regex/find ") + '"' + pattern.pattern() + '"';
        List<Object> key = List.of("regex", pattern.pattern(), pattern.flags(), whole);
        Matcher re;
        if (inner != null) {
            // The same answer as the whole match, found by a search: RE2/J's whole match of (.|\n)*X(.|\n)*
            // steps its slow matcher over every character of a long value (a policy document of kilobytes).
            re = v -> inner.matcher(v).find();
        } else {
            re = whole ? v -> pattern.matches(v) : v -> pattern.matcher(v).find();
        }
        String[] required = RequiredLiterals.of(inner != null ? inner : pattern).toArray(String[]::new);
        if (required.length == 0) {
            return keyed(re, name, key);
        }
        // A value without one of the texts every match contains is no match: String.contains answers
        // that far faster than the automaton, which would step over every character to find out.
        return keyed(v -> containsAll(v, required) && re.test(v), name, key, List.of(required));
    }

    private static boolean containsAll(String v, String[] parts) {
        for (String p : parts) {
            if (!v.contains(p)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Numeric comparison; a value that is not a number does not match. Whole numbers compare
     * exactly (a uint64 byte count past 2^53 is not rounded); others as doubles.
     */
    public static Matcher compare(NumericOp op, BigDecimal bound) {
        double b = bound.doubleValue();
        Long exact = wholeLong(bound);
        return keyed(v -> {
            String t = v.trim();
            if (exact != null && isLongText(t)) {
                return op.holds(Long.compare(Long.parseLong(t), exact));
            }
            double d;
            try {
                d = Double.parseDouble(t);
            } catch (NumberFormatException e) {
                return false;
            }
            return op.holds(Double.compare(d, b));
        }, op.symbol + " " + bound.toPlainString(), List.of("compare", op, bound));
    }

    private static Long wholeLong(BigDecimal n) {
        try {
            return n.stripTrailingZeros().scale() <= 0 ? n.longValueExact() : null;
        } catch (ArithmeticException tooBig) {
            return null;
        }
    }

    /** An optional sign and 1 to 18 digits: parses as a long without overflow or exceptions. */
    private static boolean isLongText(String t) {
        int i = !t.isEmpty() && (t.charAt(0) == '-' || t.charAt(0) == '+') ? 1 : 0;
        int digits = t.length() - i;
        if (digits < 1 || digits > 18) {
            return false;
        }
        for (; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Byte-wise string ordering (Falco's {@code <} on a string field). */
    public static Matcher compareText(NumericOp op, String bound) {
        return keyed(v -> op.holds(Integer.signum(v.compareTo(bound))), op.symbol + " \"" + bound + '"',
                List.of("compareText", op, bound));
    }

    /** The value is an IP address inside the network; anything else does not match. */
    public static Matcher cidr(String network) {
        Cidr c = Cidr.parse(network);
        return keyed(c::contains, "cidr " + network, List.of("cidr", network));
    }

    public static Matcher not(Matcher m) {
        return keyed(v -> !m.test(v), "not " + m.describe(), List.of("not", m.shareKey()));
    }

    /**
     * Some matcher passes. Tests that a literal is contained ({@link #contains}, a wildcard
     * {@code *x*}) are pooled by case mode into one {@link ContainsAny} search, which reads the
     * value once however many literals there are.
     */
    public static Matcher anyOf(List<Matcher> ms) {
        List<Object> key = keys("any", ms);
        if (ms.size() >= 2) {
            ms = pooled(pooled(ms, false), true);
        }
        if (ms.size() == 1) {
            return ms.get(0);
        }
        Matcher[] a = ms.toArray(Matcher[]::new);
        return keyed(v -> {
            for (Matcher m : a) {
                if (m.test(v)) {
                    return true;
                }
            }
            return false;
        }, "any of " + describeAll(a), key);
    }

    /**
     * How many contains tests of a case mode make one multi-literal search. Measured on 100-character
     * values: case-sensitive {@code String.contains} is faster up to about 16 literals; ignoring case,
     * one search beats one scan per literal from two.
     */
    static final int POOLED_CASED = 16;
    static final int POOLED_IGNORING_CASE = 2;

    /** {@code ms} with its contains tests of case mode {@code ignoreCase} replaced, where the first was, by one search. */
    private static List<Matcher> pooled(List<Matcher> ms, boolean ignoreCase) {
        List<String> literals = new ArrayList<>();
        for (Matcher m : ms) {
            String lit = containedLiteral(m, ignoreCase);
            if (lit != null) {
                literals.add(lit);
            }
        }
        if (literals.size() < (ignoreCase ? POOLED_IGNORING_CASE : POOLED_CASED)) {
            return ms;
        }
        List<Matcher> out = new ArrayList<>();
        boolean placed = false;
        for (Matcher m : ms) {
            if (containedLiteral(m, ignoreCase) == null) {
                out.add(m);
            } else if (!placed) {
                out.add(new ContainsAny(literals, ignoreCase));
                placed = true;
            }
        }
        return out;
    }

    /** The literal {@code m} tests for containment in case mode {@code ignoreCase}, or null. */
    private static String containedLiteral(Matcher m, boolean ignoreCase) {
        String lit = null;
        if (m instanceof Contains c && c.ignoreCase == ignoreCase) {
            lit = c.part;
        } else if (m instanceof Wildcard w && w.ignoreCase() == ignoreCase) {
            lit = w.containedLiteral();
        }
        // Ignoring case, a surrogate pair compares by code point: ContainsAny folds chars one by one.
        return lit != null && ignoreCase && ContainsAny.hasSurrogate(lit) ? null : lit;
    }

    public static Matcher allOf(List<Matcher> ms) {
        if (ms.size() == 1) {
            return ms.get(0);
        }
        Matcher[] a = ms.toArray(Matcher[]::new);
        return keyed(v -> {
            for (Matcher m : a) {
                if (!m.test(v)) {
                    return false;
                }
            }
            return true;
        }, "all of " + describeAll(a), keys("all", ms));
    }

    /** Exactly one of the matchers passes (Falco's {@code oneof}). */
    public static Matcher oneOf(List<Matcher> ms) {
        Matcher[] a = ms.toArray(Matcher[]::new);
        return keyed(v -> {
            int n = 0;
            for (Matcher m : a) {
                if (m.test(v) && ++n > 1) {
                    return false;
                }
            }
            return n == 1;
        }, "one of " + describeAll(a), keys("one", ms));
    }

    /** Gives a lambda matcher a description for {@code rules test} and error messages. */
    public static Matcher named(Matcher m, String description) {
        return keyed(m, description, null);
    }

    /**
     * As {@link #named}, with the {@link Matcher#shareKey} of what the lambda does ({@code key} names
     * the kind and holds every argument the lambda reads); null: the instance is its own key.
     */
    private static Matcher keyed(Matcher m, String description, Object key) {
        return keyed(m, description, key, List.of());
    }

    /** As {@link #keyed(Matcher, String, Object)}, with the {@link Matcher#requiredTexts} every match holds. */
    private static Matcher keyed(Matcher m, String description, Object key, List<String> requiredTexts) {
        return new Matcher() {
            @Override
            public boolean test(String value) {
                return m.test(value);
            }

            @Override
            public String describe() {
                return description;
            }

            @Override
            public Object shareKey() {
                return key == null ? this : key;
            }

            @Override
            public List<String> requiredTexts() {
                return requiredTexts;
            }

            @Override
            public String toString() {
                return description;
            }
        };
    }

    /** The key of a combination: its kind, then each part's key in order (order matters to oneOf's count, not to the answer, but equal lists suffice). */
    private static List<Object> keys(String kind, List<Matcher> ms) {
        List<Object> out = new ArrayList<>(ms.size() + 1);
        out.add(kind);
        for (Matcher m : ms) {
            out.add(m.shareKey());
        }
        return out;
    }

    private static String describeAll(Matcher[] a) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < a.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(a[i].describe());
        }
        return sb.append(')').toString();
    }

    /** The ordering comparisons, on the sign of a comparison result. */
    public enum NumericOp {
        LT("<"), LE("<="), GT(">"), GE(">="), EQ("=="), NE("!=");

        final String symbol;

        NumericOp(String symbol) {
            this.symbol = symbol;
        }

        public boolean holds(int sign) {
            return switch (this) {
                case LT -> sign < 0;
                case LE -> sign <= 0;
                case GT -> sign > 0;
                case GE -> sign >= 0;
                case EQ -> sign == 0;
                case NE -> sign != 0;
            };
        }

        public String symbol() {
            return symbol;
        }
    }
}
