package io.trailhound.core.rules.esql;

import io.trailhound.core.rules.esql.EsqlAst.Command;
import io.trailhound.core.rules.esql.EsqlAst.Expr;
import java.util.Set;

/** What commands and expressions refer to: column names, and whether they read {@code NOW()}. */
final class Names {
    private Names() {
    }

    /** Adds every column name (or {@code *} pattern) {@code c} reads. */
    static void collect(Command c, Set<String> out) {
        if (c instanceof EsqlAst.Where w) {
            collect(w.condition(), out);
        } else if (c instanceof EsqlAst.Eval e) {
            e.assignments().forEach(a -> collect(a.value(), out));
        } else if (c instanceof EsqlAst.Stats s) {
            for (EsqlAst.Aggregate a : s.aggregates()) {
                collect(a.call(), out);
                if (a.filter() != null) {
                    collect(a.filter(), out);
                }
            }
            s.groups().forEach(g -> collect(g.value(), out));
        } else if (c instanceof EsqlAst.Keep k) {
            out.addAll(k.patterns());
        } else if (c instanceof EsqlAst.Rename r) {
            r.pairs().forEach(p -> out.add(p[0]));
        } else if (c instanceof EsqlAst.Sort s) {
            s.keys().forEach(k -> collect(k.key(), out));
        } else if (c instanceof EsqlAst.Grok g) {
            collect(g.input(), out);
        } else if (c instanceof EsqlAst.Dissect d) {
            collect(d.input(), out);
        } else if (c instanceof EsqlAst.MvExpand m) {
            out.add(m.column());
        }
    }

    /** Adds the columns {@code c} makes ({@code EVAL}, {@code GROK}, {@code DISSECT}, {@code RENAME} targets). */
    static void defined(Command c, Set<String> out) {
        if (c instanceof EsqlAst.Eval e) {
            e.assignments().forEach(a -> out.add(a.name()));
        } else if (c instanceof EsqlAst.Grok g) {
            out.addAll(new Grok(g.pattern(), g.offset()).names());
        } else if (c instanceof EsqlAst.Dissect d) {
            out.addAll(new Dissect(d.pattern(), d.appendSeparator(), d.offset()).names());
        } else if (c instanceof EsqlAst.Rename r) {
            r.pairs().forEach(p -> out.add(p[1]));
        }
    }

    static void collect(Expr e, Set<String> out) {
        if (e instanceof EsqlAst.Column c) {
            out.add(c.name());
        } else if (e instanceof EsqlAst.Call c) {
            c.args().forEach(a -> collect(a, out));
        } else if (e instanceof EsqlAst.Binary b) {
            collect(b.left(), out);
            collect(b.right(), out);
        } else if (e instanceof EsqlAst.Unary u) {
            collect(u.operand(), out);
        } else if (e instanceof EsqlAst.IsNull n) {
            collect(n.operand(), out);
        } else if (e instanceof EsqlAst.In in) {
            collect(in.operand(), out);
            in.values().forEach(v -> collect(v, out));
        } else if (e instanceof EsqlAst.Like l) {
            collect(l.operand(), out);
        }
    }

    static boolean readsNow(Command c) {
        Set<String> calls = new java.util.HashSet<>();
        if (c instanceof EsqlAst.Where w) {
            calls(w.condition(), calls);
        } else if (c instanceof EsqlAst.Eval e) {
            e.assignments().forEach(a -> calls(a.value(), calls));
        } else if (c instanceof EsqlAst.Stats s) {
            for (EsqlAst.Aggregate a : s.aggregates()) {
                calls(a.call(), calls);
                if (a.filter() != null) {
                    calls(a.filter(), calls);
                }
            }
            s.groups().forEach(g -> calls(g.value(), calls));
        } else if (c instanceof EsqlAst.Sort s) {
            s.keys().forEach(k -> calls(k.key(), calls));
        }
        return calls.contains("now");
    }

    /** Adds the name of every function {@code e} calls. */
    static void calls(Expr e, Set<String> out) {
        if (e instanceof EsqlAst.Call c) {
            out.add(c.name());
            c.args().forEach(a -> calls(a, out));
        } else if (e instanceof EsqlAst.Binary b) {
            calls(b.left(), out);
            calls(b.right(), out);
        } else if (e instanceof EsqlAst.Unary u) {
            calls(u.operand(), out);
        } else if (e instanceof EsqlAst.IsNull n) {
            calls(n.operand(), out);
        } else if (e instanceof EsqlAst.In in) {
            calls(in.operand(), out);
            in.values().forEach(v -> calls(v, out));
        } else if (e instanceof EsqlAst.Like l) {
            calls(l.operand(), out);
        }
    }
}
