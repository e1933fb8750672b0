package io.trailhound.core.rules.ir;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;

/** Building and reading predicate trees: the helpers front ends and the engine share. */
public final class Predicates {
    private Predicates() {
    }

    /** AND, with constants folded (nested ANDs are flattened by {@link Predicate.And} itself). */
    public static Predicate and(List<Predicate> parts) {
        List<Predicate> out = new ArrayList<>();
        for (Predicate p : parts) {
            if (p instanceof Predicate.Const c) {
                if (!c.value()) {
                    return Predicate.Const.FALSE;
                }
            } else {
                out.add(p);
            }
        }
        return out.isEmpty() ? Predicate.Const.TRUE : out.size() == 1 ? out.get(0) : new Predicate.And(out);
    }

    /** OR, with constants folded (nested ORs are flattened by {@link Predicate.Or} itself). */
    public static Predicate or(List<Predicate> parts) {
        List<Predicate> out = new ArrayList<>();
        for (Predicate p : parts) {
            if (p instanceof Predicate.Const c) {
                if (c.value()) {
                    return Predicate.Const.TRUE;
                }
            } else {
                out.add(p);
            }
        }
        return out.isEmpty() ? Predicate.Const.FALSE : out.size() == 1 ? out.get(0) : new Predicate.Or(out);
    }

    public static Predicate not(Predicate p) {
        if (p instanceof Predicate.Not n) {
            return n.child();
        }
        if (p instanceof Predicate.Const c) {
            return c.value() ? Predicate.Const.FALSE : Predicate.Const.TRUE;
        }
        return new Predicate.Not(p);
    }

    /**
     * The same predicate with the children of every {@code and} and {@code or} ordered cheapest
     * first (tests on fields the decoder holds before tests that parse the record), so that a
     * failing cheap test spares the expensive ones. Order never changes the result: predicates
     * have no side effects.
     */
    public static Predicate cheapestFirst(Predicate p) {
        if (p instanceof Predicate.And a) {
            return new Predicate.And(sorted(a.children()));
        }
        if (p instanceof Predicate.Or o) {
            return new Predicate.Or(sorted(o.children()));
        }
        if (p instanceof Predicate.Not n) {
            return new Predicate.Not(cheapestFirst(n.child()));
        }
        return p;
    }

    private static List<Predicate> sorted(List<Predicate> children) {
        List<Predicate> out = new ArrayList<>(children.size());
        for (Predicate c : children) {
            out.add(cheapestFirst(c));
        }
        out.sort(java.util.Comparator.comparingInt(Predicates::cost)); // stable: equal costs keep the author's order
        return out;
    }

    /** Estimated cost of evaluating a predicate: the dearest field it reads (see {@link Accessor#cost()}). */
    public static int cost(Predicate p) {
        if (p instanceof Predicate.Shared s) {
            return cost(s.inner());
        }
        if (p instanceof Predicate.Match m) {
            return m.field().cost();
        }
        if (p instanceof Predicate.Exists x) {
            return x.field().cost();
        }
        if (p instanceof Predicate.FieldCompare f) {
            return Math.max(f.left().cost(), f.right().cost());
        }
        if (p instanceof Predicate.Not n) {
            return cost(n.child());
        }
        int max = 0;
        List<Predicate> kids = p instanceof Predicate.And a ? a.children()
                : p instanceof Predicate.Or o ? o.children() : List.of();
        for (Predicate c : kids) {
            max = Math.max(max, cost(c));
        }
        return max;
    }

    /**
     * A test on one field's value that every event {@code p} holds for must pass, for the
     * single-valued field whose {@link Accessor#canonical()} is {@code canonical} ({@code eventName},
     * {@code eventSource}, {@code errorCode}, {@code userIdentity.type}), tested directly or through a
     * field computed from it value by value ({@link Accessor#view}); null when {@code p} does not
     * constrain it. Equality, sets, wildcards and {@code exists}, and their negations, count. The test takes the field's
     * value or null when the event has none, and keeps the IR's meaning of an absent field: a
     * match fails on it, its negation holds. The engine runs it once per distinct value to pick
     * the rules an event needs.
     */
    public static java.util.function.Predicate<String> necessaryTest(Predicate p, String canonical) {
        if (p instanceof Predicate.Shared s) {
            return necessaryTest(s.inner(), canonical);
        }
        if (p instanceof Predicate.Match m) {
            UnaryOperator<String> of = viewOf(m.field(), canonical);
            return of == null ? null : of == IDENTITY ? v -> v != null && m.matcher().test(v) : v -> {
                String x = of.apply(v);
                return x != null && m.matcher().test(x);
            };
        }
        if (p instanceof Predicate.Exists x) {
            UnaryOperator<String> of = viewOf(x.field(), canonical);
            return of == null ? null : v -> of.apply(v) != null;
        }
        if (p instanceof Predicate.Not n && n.child() instanceof Predicate.Exists x) {
            UnaryOperator<String> of = viewOf(x.field(), canonical);
            return of == null ? null : v -> of.apply(v) == null;
        }
        if (p instanceof Predicate.Not n && n.child() instanceof Predicate.Match m) {
            UnaryOperator<String> of = viewOf(m.field(), canonical);
            // The field has at most one value, so "not (value matches)" is "no value, or it does not match".
            return of == null ? null : v -> {
                String x = of.apply(v);
                return x == null || !m.matcher().test(x);
            };
        }
        if (p instanceof Predicate.And a) {
            List<java.util.function.Predicate<String>> all = new ArrayList<>();
            for (Predicate c : a.children()) {
                java.util.function.Predicate<String> t = necessaryTest(c, canonical);
                if (t != null) {
                    all.add(t);
                }
            }
            return all.isEmpty() ? null : allOf(all);
        }
        if (p instanceof Predicate.Or o) {
            List<java.util.function.Predicate<String>> any = new ArrayList<>();
            for (Predicate c : o.children()) {
                java.util.function.Predicate<String> t = necessaryTest(c, canonical);
                if (t == null) {
                    return null;
                }
                any.add(t);
            }
            return anyOf(any);
        }
        if (p instanceof Predicate.Const c && !c.value()) {
            return v -> false;
        }
        return null;
    }

    private static final UnaryOperator<String> IDENTITY = UnaryOperator.identity();

    /** How {@code field}'s value follows from the indexed field {@code canonical}'s, or null. */
    private static UnaryOperator<String> viewOf(Accessor field, String canonical) {
        Accessor.View v = field.view();
        return v != null && canonical.equals(v.canonical()) ? v.of() : null;
    }

    /**
     * True when {@code p} can hold only on an event without the field whose {@link Accessor#canonical()}
     * is {@code canonical} ({@code not errorCode exists} in an {@code and}): the engine then skips the
     * rule for events that have it, whatever its value.
     */
    public static boolean requiresAbsent(Predicate p, String canonical) {
        if (p instanceof Predicate.Shared s) {
            return requiresAbsent(s.inner(), canonical);
        }
        if (p instanceof Predicate.Not n && n.child() instanceof Predicate.Exists x) {
            return canonical.equals(x.field().canonical());
        }
        if (p instanceof Predicate.And a) {
            for (Predicate c : a.children()) {
                if (requiresAbsent(c, canonical)) {
                    return true;
                }
            }
            return false;
        }
        if (p instanceof Predicate.Or o) {
            for (Predicate c : o.children()) {
                if (!requiresAbsent(c, canonical)) {
                    return false;
                }
            }
            return !o.children().isEmpty();
        }
        return false;
    }

    private static java.util.function.Predicate<String> allOf(List<java.util.function.Predicate<String>> tests) {
        return oneLoop(tests, false);
    }

    private static java.util.function.Predicate<String> anyOf(List<java.util.function.Predicate<String>> tests) {
        return oneLoop(tests, true);
    }

    /**
     * One loop over an array, not Predicate.and/or chained (a chain of 10,000 lambdas recurses
     * 10,000 deep): the first test that answers {@code decisive} decides; else the opposite.
     */
    private static java.util.function.Predicate<String> oneLoop(List<java.util.function.Predicate<String>> tests,
                                                                boolean decisive) {
        if (tests.size() == 1) {
            return tests.get(0);
        }
        @SuppressWarnings("unchecked")
        java.util.function.Predicate<String>[] a = tests.toArray(new java.util.function.Predicate[0]);
        return v -> {
            for (java.util.function.Predicate<String> t : a) {
                if (t.test(v) == decisive) {
                    return decisive;
                }
            }
            return !decisive;
        };
    }

    /**
     * The event names an event must have for {@code p} to hold, lower-cased, or null when the
     * predicate does not constrain the name: what {@code rules list} shows of a rule (the engine's
     * index uses {@link #necessaryTest}, which also covers wildcards and negations). Only equality
     * and set tests on an accessor whose {@link Accessor#canonical()} is {@code eventName} count;
     * {@code and} takes the tightest constrained child, {@code or} needs every child constrained.
     */
    public static Set<String> requiredEventNames(Predicate p) {
        if (p instanceof Predicate.Shared s) {
            return requiredEventNames(s.inner());
        }
        if (p instanceof Predicate.Match m) {
            if (!"eventName".equals(m.field().canonical())) {
                return null;
            }
            return literalValues(m.matcher());
        }
        if (p instanceof Predicate.And a) {
            Set<String> best = null;
            for (Predicate c : a.children()) {
                Set<String> s = requiredEventNames(c);
                if (s != null && (best == null || s.size() < best.size())) {
                    best = s;
                }
            }
            return best;
        }
        if (p instanceof Predicate.Or o) {
            Set<String> all = new LinkedHashSet<>();
            for (Predicate c : o.children()) {
                Set<String> s = requiredEventNames(c);
                if (s == null) {
                    return null;
                }
                all.addAll(s);
            }
            return all;
        }
        if (p instanceof Predicate.Const c && !c.value()) {
            return Set.of();
        }
        return null;
    }

    /** The values an equality or membership matcher accepts, lower-cased; null for any other matcher. */
    private static Set<String> literalValues(Matcher m) {
        if (m instanceof Literal l) {
            Set<String> out = new LinkedHashSet<>();
            for (String v : l.literals()) {
                out.add(v.toLowerCase(Locale.ROOT));
            }
            return out;
        }
        return null;
    }

    /** Implemented by matchers that accept exactly a known set of values (equality, membership). */
    public interface Literal {
        Set<String> literals();
    }
}
