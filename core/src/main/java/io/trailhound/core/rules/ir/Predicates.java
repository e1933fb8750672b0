package io.trailhound.core.rules.ir;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Building and reading predicate trees: the helpers front ends and the engine share. */
public final class Predicates {
    private Predicates() {
    }

    /** AND, with nested ANDs flattened and constants folded. */
    public static Predicate and(List<Predicate> parts) {
        List<Predicate> out = new ArrayList<>();
        for (Predicate p : parts) {
            if (p instanceof Predicate.And a) {
                out.addAll(a.children());
            } else if (p instanceof Predicate.Const c) {
                if (!c.value()) {
                    return Predicate.Const.FALSE;
                }
            } else {
                out.add(p);
            }
        }
        return out.isEmpty() ? Predicate.Const.TRUE : out.size() == 1 ? out.get(0) : new Predicate.And(out);
    }

    /** OR, with nested ORs flattened and constants folded. */
    public static Predicate or(List<Predicate> parts) {
        List<Predicate> out = new ArrayList<>();
        for (Predicate p : parts) {
            if (p instanceof Predicate.Or o) {
                out.addAll(o.children());
            } else if (p instanceof Predicate.Const c) {
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
     * The event names an event must have for {@code p} to hold, lower-cased, or null when the
     * predicate does not constrain the name (the rule goes into the catch-all bucket). Only equality
     * and set tests on an accessor whose {@link Accessor#canonical()} is {@code eventName} count;
     * {@code and} takes the tightest constrained child, {@code or} needs every child constrained.
     */
    public static Set<String> requiredEventNames(Predicate p) {
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
