package io.trailhound.core.rules.esql;

import io.trailhound.core.rules.esql.EsqlAst.Command;
import java.util.List;

/**
 * Compiles the row-wise commands ({@code WHERE EVAL GROK DISSECT KEEP DROP RENAME}) of either part
 * of a query into {@link Step}s over a {@link Scope}; {@code KEEP}, {@code DROP} and
 * {@code RENAME} of a column only change the scope and make no step.
 */
final class RowSteps {
    private RowSteps() {
    }

    /** The step of {@code c}, or null when it only changes the scope. {@code MV_EXPAND} is the caller's. */
    static Step compile(Command c, Scope scope, ExprCompiler exprs) {
        if (c instanceof EsqlAst.Where w) {
            Ev cond = exprs.compile(w.condition());
            return f -> Boolean.TRUE.equals(cond.eval(f));
        }
        if (c instanceof EsqlAst.Eval e) {
            Step[] steps = new Step[e.assignments().size()];
            for (int i = 0; i < steps.length; i++) {
                EsqlAst.Assignment a = e.assignments().get(i);
                Ev v = exprs.compile(a.value());
                int slot = scope.define(a.name());
                steps[i] = f -> {
                    f.slots[slot] = v.eval(f);
                    return true;
                };
            }
            return f -> {
                for (Step s : steps) {
                    s.apply(f);
                }
                return true;
            };
        }
        if (c instanceof EsqlAst.Grok g) {
            Grok grok = new Grok(g.pattern(), g.offset());
            Ev in = prefiltered(exprs.compile(g.input()), g.input(), grok.requiredLiterals(), scope);
            int[] slots = define(scope, grok.names());
            return f -> {
                grok.apply(in.eval(f), f.slots, slots);
                return true;
            };
        }
        if (c instanceof EsqlAst.Dissect d) {
            Dissect dissect = new Dissect(d.pattern(), d.appendSeparator(), d.offset());
            Ev in = prefiltered(exprs.compile(d.input()), d.input(), dissect.requiredLiterals(), scope);
            int[] slots = define(scope, dissect.names());
            return f -> {
                dissect.apply(in.eval(f), f.slots, slots);
                return true;
            };
        }
        if (c instanceof EsqlAst.Keep k) {
            if (k.drop()) {
                scope.drop(k.patterns());
            } else {
                scope.keep(k.patterns(), k.offset());
            }
            return null;
        }
        if (c instanceof EsqlAst.Rename r) {
            Step[] steps = r.pairs().stream().map(p -> scope.rename(p[0], p[1], r.offset()))
                    .filter(java.util.Objects::nonNull).toArray(Step[]::new);
            return steps.length == 0 ? null : f -> {
                for (Step s : steps) {
                    s.apply(f);
                }
                return true;
            };
        }
        throw new IllegalStateException("not a row-wise command: " + c);
    }

    static boolean isRowWise(Command c) {
        return c instanceof EsqlAst.Where || c instanceof EsqlAst.Eval || c instanceof EsqlAst.Grok
                || c instanceof EsqlAst.Dissect || c instanceof EsqlAst.Keep || c instanceof EsqlAst.Rename
                || c instanceof EsqlAst.MvExpand;
    }

    /**
     * The input of a GROK or DISSECT needing {@code literals}: null without rendering it when it is
     * a rendered member whose raw bytes cannot hold them ({@link MemberPrefilter}); null input
     * makes every new column null, as no match does.
     */
    private static Ev prefiltered(Ev in, EsqlAst.Expr input, List<String> literals, Scope scope) {
        MemberPrefilter cannot = input instanceof EsqlAst.Column column
                ? MemberPrefilter.of(scope.renderedMember(column.name()), literals) : null;
        return cannot == null ? in : f -> cannot.cannotMatch(f.event) ? null : in.eval(f);
    }

    private static int[] define(Scope scope, List<String> names) {
        int[] slots = new int[names.size()];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = scope.define(names.get(i));
        }
        return slots;
    }
}
