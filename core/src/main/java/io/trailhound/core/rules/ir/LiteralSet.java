package io.trailhound.core.rules.ir;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Equality with one value or membership in a set, case-sensitive or not. Its own class because
 * front ends and {@link Predicates#requiredEventNames} read the values back ({@link Predicates.Literal}).
 */
final class LiteralSet implements Matcher, Predicates.Literal {
    private final Set<String> values;     // as written, for reading back and descriptions
    private final Set<String> lookup;     // folded when ignoring case
    private final String single;          // the one value, when there is one (fast path)
    private final boolean ignoreCase;

    LiteralSet(Collection<String> values, boolean ignoreCase) {
        this.values = Set.copyOf(new LinkedHashSet<>(values));
        this.ignoreCase = ignoreCase;
        Set<String> l = new HashSet<>();
        for (String v : values) {
            l.add(ignoreCase ? v.toLowerCase(Locale.ROOT) : v);
        }
        this.lookup = l;
        this.single = values.size() == 1 ? values.iterator().next() : null;
    }

    @Override
    public boolean test(String value) {
        if (single != null) {
            return ignoreCase ? single.equalsIgnoreCase(value) : single.equals(value);
        }
        if (!ignoreCase) {
            return lookup.contains(value);
        }
        if (lookup.contains(value.toLowerCase(Locale.ROOT))) {
            return true;
        }
        // Lower-casing and equalsIgnoreCase differ on a few non-ASCII letters (İ, ß...): answer as a
        // single value would, so one value and a list of them mean the same.
        if (!ascii(value)) {
            for (String v : values) {
                if (v.equalsIgnoreCase(value)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean ascii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0x7F) {
                return false;
            }
        }
        return true;
    }

    /** The values and the case mode decide every answer. */
    @Override
    public Object shareKey() {
        return java.util.List.of("in", values, ignoreCase);
    }

    /**
     * A case-sensitive equality's value is in every value it accepts, so a record whose member
     * bytes lack it is rejected before the member is parsed ({@code MemberGates}). A list shares no
     * text in general, and folded case is not looked for in the bytes.
     */
    @Override
    public java.util.List<String> requiredTexts() {
        return single == null || ignoreCase || single.isEmpty() ? java.util.List.of() : java.util.List.of(single);
    }

    @Override
    public Set<String> literals() {
        return values;
    }

    @Override
    public String describe() {
        String op = single != null ? "=" : "in";
        return op + (ignoreCase ? "/i " : " ") + (single != null ? '"' + single + '"' : values.toString());
    }

    @Override
    public String toString() {
        return describe();
    }
}
