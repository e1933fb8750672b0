package io.trailhound.core.rules.falco;

import java.util.List;
import java.util.Set;

/**
 * Writes a rule's exceptions into its condition as text, as Falco's
 * {@code build_rule_exception_infos} does: {@code (cond) and not ((f1 c1 v1 and f2 c2 v2) or (...))}
 * for the tuple form, {@code (cond) and not (f comp (v1, v2))} for the single-field form; an
 * exception without values adds nothing.
 */
final class ExceptionConditions {
    private static final Set<String> LIST_OPS = Set.of("in", "intersects", "pmatch");

    private ExceptionConditions() {
    }

    /** in, intersects, pmatch, and any comparison with a list modifier ({@code startswith anyof}) take a list. */
    private static boolean listOp(String comp) {
        String c = comp.trim();
        return LIST_OPS.contains(c) || c.endsWith(" anyof") || c.endsWith(" allof") || c.endsWith(" oneof");
    }

    /** The condition with every exception appended; unchanged when none has values. */
    public static String apply(String condition, List<ExceptionDef> exceptions) {
        StringBuilder extra = new StringBuilder();
        for (ExceptionDef ex : exceptions) {
            String icond = ex.tuple() ? tuple(ex) : single(ex);
            if (!icond.isEmpty()) {
                extra.append(" and not ").append(icond);
            }
        }
        return extra.length() == 0 ? condition : "(" + condition + ")" + extra;
    }

    private static String single(ExceptionDef ex) {
        if (ex.values().isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (Object v : ex.values()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(item(v, false));
        }
        return "(" + ex.fields().get(0) + " " + ex.comps().get(0) + " (" + sb + "))";
    }

    private static String tuple(ExceptionDef ex) {
        StringBuilder sb = new StringBuilder();
        for (Object value : ex.values()) {
            List<?> t = (List<?>) value;
            sb.append(sb.length() == 0 ? "(" : " or (");
            for (int k = 0; k < ex.fields().size(); k++) {
                String comp = ex.comps().get(k);
                sb.append(k == 0 ? "" : " and ").append(ex.fields().get(k)).append(' ').append(comp).append(' ')
                        .append(item(t.get(k), listOp(comp)));
            }
            sb.append(')');
        }
        return sb.length() == 0 ? "" : "(" + sb + ")";
    }

    /** A value as Falco writes it: a list in parentheses; a scalar quoted when spaced, wrapped for list ops. */
    @SuppressWarnings("unchecked")
    private static String item(Object v, boolean listOp) {
        if (v instanceof List<?> l) {
            return "(" + ListSubstitution.join((List<String>) l) + ")";
        }
        String s = ListSubstitution.quoteIfSpaced((String) v);
        return listOp ? "(" + s + ")" : s;
    }
}
