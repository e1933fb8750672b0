package io.trailhound.core.rules.ir;

import java.util.List;

/**
 * The value contains a literal, case-sensitive or not ({@link Matchers#contains}). Its own class
 * so that {@link Matchers#anyOf} can find many of them and search for all in one pass
 * ({@link ContainsAny}). Ignoring case, one literal is searched the same way too: folding each
 * character once is about five times faster than comparing regions at every offset.
 */
final class Contains implements Matcher {
    final String part;
    final boolean ignoreCase;
    private final ContainsAny folded; // null when case matters or the literal has a surrogate

    Contains(String part, boolean ignoreCase) {
        this.part = part;
        this.ignoreCase = ignoreCase;
        this.folded = ignoreCase && !ContainsAny.hasSurrogate(part) ? new ContainsAny(List.of(part), true) : null;
    }

    @Override
    public boolean test(String value) {
        if (folded != null) {
            return folded.test(value);
        }
        return ignoreCase ? Matchers.containsIgnoreCase(value, part) : value.contains(part);
    }

    @Override
    public Object shareKey() {
        return List.of("contains", part, ignoreCase);
    }

    @Override
    public String describe() {
        return (ignoreCase ? "contains/i \"" : "contains \"") + part + '"';
    }

    @Override
    public String toString() {
        return describe();
    }

    @Override
    public List<String> requiredTexts() {
        return ignoreCase || part.isEmpty() ? List.of() : List.of(part);
    }
}
