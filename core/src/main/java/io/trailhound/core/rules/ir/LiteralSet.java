package io.trailhound.core.rules.ir;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Equality with one value or membership in a set, case-sensitive or not. Its own class because the
 * compiler reads the values back ({@link Predicates#requiredEventNames}) to index rules.
 */
final class LiteralSet implements Matcher, Predicates.Literal {
    private final Set<String> values;     // as written, for indexing and descriptions
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
        return lookup.contains(ignoreCase ? value.toLowerCase(Locale.ROOT) : value);
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
