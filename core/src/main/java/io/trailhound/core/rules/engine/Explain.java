package io.trailhound.core.rules.engine;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.ir.Accessor;
import io.trailhound.core.rules.ir.Predicate;
import java.util.ArrayList;
import java.util.List;

/**
 * Why a rule did or did not match an event, for rule authors ({@code rules test}): the rule's
 * top-level conditions that failed, each written out with the value the event had.
 */
public final class Explain {
    private Explain() {
    }

    /** The top-level conjuncts of {@code p} that are false on {@code e}; empty when {@code p} holds. */
    public static List<String> failing(Predicate p, CloudTrailEvent e) {
        List<String> out = new ArrayList<>();
        Predicate whole = p instanceof Predicate.Shared s ? s.inner() : p;
        List<Predicate> parts = whole instanceof Predicate.And a ? a.children() : List.of(whole);
        for (Predicate c : parts) {
            try {
                if (!c.test(e)) {
                    out.add(describe(c) + actual(c, e));
                }
            } catch (RuntimeException ex) {
                // scan counts such a failure as a non-match; say so rather than stop the command
                out.add(describe(c) + " (error: " + ex.getClass().getSimpleName() + ")");
            }
        }
        return out;
    }

    /** A predicate written out: {@code eventName = "ConsoleLogin"}, {@code not (exists errorCode)}. */
    public static String describe(Predicate p) {
        if (p instanceof Predicate.Shared s) {
            return describe(s.inner());
        }
        if (p instanceof Predicate.And a) {
            return join(a.children(), " and ");
        }
        if (p instanceof Predicate.Or o) {
            return join(o.children(), " or ");
        }
        if (p instanceof Predicate.Not n) {
            return "not " + wrap(n.child());
        }
        if (p instanceof Predicate.Const c) {
            return String.valueOf(c.value());
        }
        if (p instanceof Predicate.Exists x) {
            return "exists " + x.field().name();
        }
        if (p instanceof Predicate.Match m) {
            return m.field().name() + " " + m.matcher().describe()
                    + (m.quantifier() == io.trailhound.core.rules.ir.Quantifier.ALL ? " (every value)" : "");
        }
        Predicate.FieldCompare f = (Predicate.FieldCompare) p;
        return f.left().name() + " vs " + f.right().name();
    }

    private static String wrap(Predicate p) {
        String s = describe(p);
        Predicate q = p instanceof Predicate.Shared sh ? sh.inner() : p;
        return q instanceof Predicate.And || q instanceof Predicate.Or ? "(" + s + ")" : s;
    }

    private static String join(List<Predicate> ps, String op) {
        StringBuilder sb = new StringBuilder();
        for (Predicate c : ps) {
            if (sb.length() > 0) {
                sb.append(op);
            }
            sb.append(wrap(c));
        }
        return sb.toString();
    }

    /** {@code  (was "x")} or {@code  (absent)} for a simple test on one field; nothing for compound ones. */
    private static String actual(Predicate p, CloudTrailEvent e) {
        Accessor field = null;
        if (p instanceof Predicate.Match m) {
            field = m.field();
        } else if (p instanceof Predicate.Exists x) {
            field = x.field();
        } else if (p instanceof Predicate.Not n && n.child() instanceof Predicate.Match m) {
            field = m.field();
        } else if (p instanceof Predicate.Not n && n.child() instanceof Predicate.Exists x) {
            field = x.field();
        }
        if (field == null) {
            return "";
        }
        List<String> v = Accessor.valuesOf(field.extract(e));
        if (v.isEmpty()) {
            return " (absent)";
        }
        String shown = v.size() == 1 ? '"' + v.get(0) + '"' : v.toString();
        return " (was " + (shown.length() > 200 ? shown.substring(0, 200) + "…" : shown) + ")";
    }
}
