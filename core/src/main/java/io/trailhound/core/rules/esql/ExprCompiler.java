package io.trailhound.core.rules.esql;

import io.trailhound.core.rules.esql.EsqlAst.Binary;
import io.trailhound.core.rules.esql.EsqlAst.Call;
import io.trailhound.core.rules.esql.EsqlAst.Column;
import io.trailhound.core.rules.esql.EsqlAst.Expr;
import io.trailhound.core.rules.esql.EsqlAst.In;
import io.trailhound.core.rules.esql.EsqlAst.IsNull;
import io.trailhound.core.rules.esql.EsqlAst.Like;
import io.trailhound.core.rules.esql.EsqlAst.Literal;
import io.trailhound.core.rules.esql.EsqlAst.Unary;
import io.trailhound.core.rules.ir.Matcher;
import io.trailhound.core.rules.ir.Predicate;
import io.trailhound.core.rules.load.RuleSyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles expressions to {@link Ev}s against a {@link Scope}, with ES|QL's semantics: null
 * propagates through operators and functions, a multi-valued operand gives null where ES|QL wants
 * one value, {@code AND} / {@code OR} / {@code NOT} are three-valued, {@code LIKE} / {@code RLIKE}
 * are case-sensitive whole-value matches. Functions are {@link Functions}'; aggregates belong to
 * {@code STATS} only.
 */
final class ExprCompiler {
    private final Scope scope;
    private final EsqlEnvironment env;

    ExprCompiler(Scope scope, EsqlEnvironment env) {
        this.scope = scope;
        this.env = env;
    }

    Ev compile(Expr e) {
        if (e instanceof Literal l) {
            Object v = l.value();
            return f -> v;
        }
        if (e instanceof Column c) {
            return scope.ref(c.name(), c.offset());
        }
        if (e instanceof Binary b) {
            return binary(b);
        }
        if (e instanceof Unary u) {
            Ev x = compile(u.operand());
            if (u.op().equals("not")) {
                return f -> {
                    Boolean v = bool(x.eval(f));
                    return v == null ? null : !v;
                };
            }
            return f -> EsqlValues.arithmetic("-", 0L, x.eval(f));
        }
        if (e instanceof IsNull n) {
            Ev x = compile(n.operand());
            boolean negated = n.negated();
            return f -> (x.eval(f) == null) != negated;
        }
        if (e instanceof In in) {
            return in(in);
        }
        if (e instanceof Like l) {
            return like(l);
        }
        Call c = (Call) e;
        if (c.name().equals("kql")) {
            return kql(c);
        }
        if (Aggregates.isAggregate(c.name())) {
            throw new Unsupported("aggregate " + c.name().toUpperCase(java.util.Locale.ROOT)
                    + " outside STATS is not supported", c.offset());
        }
        List<Ev> args = new ArrayList<>();
        for (Expr a : c.args()) {
            args.add(compile(a));
        }
        return Functions.compile(c, args);
    }

    /** TRUE / FALSE / null of a value used as a condition. */
    static Boolean bool(Object v) {
        return v instanceof Boolean b ? b : null;
    }

    private Ev binary(Binary b) {
        Ev l = compile(b.left());
        Ev r = compile(b.right());
        return switch (b.op()) {
            case "and" -> f -> {
                Boolean x = bool(l.eval(f));
                if (Boolean.FALSE.equals(x)) {
                    return false;
                }
                Boolean y = bool(r.eval(f));
                if (Boolean.FALSE.equals(y)) {
                    return false;
                }
                return x == null || y == null ? null : Boolean.TRUE;
            };
            case "or" -> f -> {
                Boolean x = bool(l.eval(f));
                if (Boolean.TRUE.equals(x)) {
                    return true;
                }
                Boolean y = bool(r.eval(f));
                if (Boolean.TRUE.equals(y)) {
                    return true;
                }
                return x == null || y == null ? null : Boolean.FALSE;
            };
            case "==" -> f -> EsqlValues.equal(l.eval(f), r.eval(f));
            case "!=" -> f -> {
                Boolean eq = EsqlValues.equal(l.eval(f), r.eval(f));
                return eq == null ? null : !eq;
            };
            case "<" -> f -> holds(EsqlValues.compare(l.eval(f), r.eval(f)), c -> c < 0);
            case "<=" -> f -> holds(EsqlValues.compare(l.eval(f), r.eval(f)), c -> c <= 0);
            case ">" -> f -> holds(EsqlValues.compare(l.eval(f), r.eval(f)), c -> c > 0);
            case ">=" -> f -> holds(EsqlValues.compare(l.eval(f), r.eval(f)), c -> c >= 0);
            default -> {
                String op = b.op();
                yield f -> EsqlValues.arithmetic(op, l.eval(f), r.eval(f));
            }
        };
    }

    private static Boolean holds(Integer c, java.util.function.IntPredicate p) {
        return c == null ? null : p.test(c);
    }

    private Ev in(In in) {
        Ev x = compile(in.operand());
        Ev[] values = new Ev[in.values().size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = compile(in.values().get(i));
        }
        boolean negated = in.negated();
        java.util.Set<String> strings = stringLiterals(in.values());
        return f -> {
            Object v = x.eval(f);
            if (v == null || v instanceof List) {
                return null;
            }
            if (strings != null && v instanceof String s) {
                return strings.contains(s) != negated; // a string equals a string literal as String.equals: one lookup
            }
            boolean sawNull = false;
            for (Ev e : values) {
                Boolean eq = EsqlValues.equal(v, e.eval(f));
                if (Boolean.TRUE.equals(eq)) {
                    return !negated;
                }
                sawNull |= eq == null;
            }
            return sawNull ? null : negated;
        };
    }

    /** The values when every one is a string literal (the long IN lists of Elastic's rules), else null. */
    private static java.util.Set<String> stringLiterals(List<Expr> values) {
        java.util.Set<String> out = new java.util.HashSet<>();
        for (Expr e : values) {
            if (!(e instanceof Literal l) || !(l.value() instanceof String s)) {
                return null;
            }
            out.add(s);
        }
        return out;
    }

    private Ev like(Like l) {
        Ev x = compile(l.operand());
        Matcher m = matcher(l);
        boolean negated = l.negated();
        return f -> {
            Object v = x.eval(f);
            if (v == null || v instanceof List) {
                return null;
            }
            return m.test(EsqlValues.text(v)) != negated;
        };
    }

    /** The case-sensitive whole-value matcher of a LIKE (wildcards) or RLIKE (Lucene regular expression). */
    static Matcher matcher(Like l) {
        if (l.regex()) {
            try {
                return LuceneRegex.matcher(l.pattern());
            } catch (com.google.re2j.PatternSyntaxException e) {
                throw RuleSyntaxException.inQuery("RLIKE pattern: " + e.getDescription(), l.offset());
            }
        }
        return io.trailhound.core.rules.ir.Wildcard.parse(l.pattern(), false);
    }

    private Ev kql(Call c) {
        if (c.args().size() != 1 || !(c.args().get(0) instanceof Literal lit) || !(lit.value() instanceof String q)) {
            throw RuleSyntaxException.inQuery("KQL() takes one constant string", c.offset());
        }
        if (env == null) {
            throw new Unsupported("KQL() after STATS, LIMIT or a NOW() filter is not supported", c.offset());
        }
        Predicate p;
        try {
            p = env.kql(q);
        } catch (RuleSyntaxException e) {
            throw RuleSyntaxException.inQuery("KQL(): " + e.getMessage(), c.offset());
        }
        return f -> p.test(f.event);
    }
}
