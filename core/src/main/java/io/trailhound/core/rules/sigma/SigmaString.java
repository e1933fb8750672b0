package io.trailhound.core.rules.sigma;

import io.trailhound.core.rules.ir.Matcher;
import io.trailhound.core.rules.ir.Matchers;
import io.trailhound.core.rules.ir.Wildcard;
import java.util.ArrayList;
import java.util.List;

/**
 * A Sigma value: literal text with {@code *} and {@code ?} wildcards, as parsed once with Sigma's
 * escaping ({@code \*}, {@code \?}, {@code \\}; a backslash before anything else is literal).
 * Modifiers add wildcards as parts rather than as text, so a value ending in a backslash stays
 * correct under {@code contains}.
 */
final class SigmaString {
    /** A wildcard part; anything else in {@link #parts} is a literal String. */
    private enum Wild { ANY, ONE }

    private final List<Object> parts;

    private SigmaString(List<Object> parts) {
        this.parts = List.copyOf(parts);
    }

    static SigmaString parse(String raw) {
        List<Object> parts = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length() && "*?\\".indexOf(raw.charAt(i + 1)) >= 0) {
                lit.append(raw.charAt(++i));
            } else if (c == '*' || c == '?') {
                if (!lit.isEmpty()) {
                    parts.add(lit.toString());
                    lit.setLength(0);
                }
                parts.add(c == '*' ? Wild.ANY : Wild.ONE);
            } else {
                lit.append(c);
            }
        }
        if (!lit.isEmpty() || parts.isEmpty()) {
            parts.add(lit.toString());
        }
        return new SigmaString(parts);
    }

    /** Text taken as is, with no wildcards (numbers, booleans, encoded values). */
    static SigmaString literal(String text) {
        return new SigmaString(List.of(text));
    }

    boolean hasWildcards() {
        return parts.stream().anyMatch(p -> p instanceof Wild);
    }

    /** The text of a value without wildcards. */
    String plain() {
        if (hasWildcards()) {
            throw new IllegalStateException("value has wildcards");
        }
        return String.join("", parts.stream().map(String.class::cast).toList());
    }

    SigmaString withLeadingAny() {
        List<Object> p = new ArrayList<>();
        p.add(Wild.ANY);
        p.addAll(parts);
        return new SigmaString(p);
    }

    SigmaString withTrailingAny() {
        List<Object> p = new ArrayList<>(parts);
        p.add(Wild.ANY);
        return new SigmaString(p);
    }

    /**
     * The cheapest matcher for the whole value: equality, contains / startswith / endswith for a
     * literal with stars at its ends, a {@link Wildcard} otherwise.
     */
    Matcher matcher(boolean ignoreCase) {
        if (!hasWildcards()) {
            return Matchers.equalTo(plain(), ignoreCase);
        }
        int n = parts.size();
        boolean leading = parts.get(0) == Wild.ANY;
        boolean trailing = parts.get(n - 1) == Wild.ANY;
        List<Object> middle = parts.subList(leading ? 1 : 0, trailing ? n - 1 : n);
        if (middle.size() == 1 && middle.get(0) instanceof String s && !s.isEmpty()) {
            if (leading && trailing) {
                return Matchers.contains(s, ignoreCase);
            }
            if (trailing) {
                return Matchers.startsWith(s, ignoreCase);
            }
            if (leading) {
                return Matchers.endsWith(s, ignoreCase);
            }
        }
        Wildcard.Builder b = Wildcard.builder();
        for (Object p : parts) {
            if (p == Wild.ANY) {
                b.any();
            } else if (p == Wild.ONE) {
                b.one();
            } else {
                b.literal((String) p);
            }
        }
        return b.build(ignoreCase);
    }

    /** Sigma's own notation (wildcards bare, literal specials escaped), for messages. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Object p : parts) {
            if (p == Wild.ANY) {
                sb.append('*');
            } else if (p == Wild.ONE) {
                sb.append('?');
            } else {
                for (char c : ((String) p).toCharArray()) {
                    sb.append("*?\\".indexOf(c) >= 0 ? "\\" + c : String.valueOf(c));
                }
            }
        }
        return sb.toString();
    }
}
