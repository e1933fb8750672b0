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
import io.trailhound.core.rules.ir.Accessor;
import io.trailhound.core.rules.ir.Accessors;
import io.trailhound.core.rules.ir.Matcher;
import io.trailhound.core.rules.ir.Matchers;
import io.trailhound.core.rules.ir.Predicate;
import io.trailhound.core.rules.ir.Predicates;
import io.trailhound.core.rules.ir.Quantifier;
import java.util.ArrayList;
import java.util.List;

/**
 * The IR part of an ES|QL rule: from each {@code WHERE} of the per-event part, a predicate every
 * row it keeps must satisfy, over the event's own fields. It is a necessary condition, not the
 * whole one (the query's per-event part decides exactly, with three-valued logic): an equality, a
 * list, a wildcard or a regex on a field, its negation, a presence test, {@code KQL()}; anything
 * else counts as "may hold". It lets the engine index the rule by event name and source and skip
 * the query for events that cannot match. Fields that are one constant on every event
 * ({@code data_stream.dataset}) are decided here, so a leg for another dataset drops out.
 */
final class Prefilter {
    private final Scope scope;
    private final EsqlEnvironment env;

    Prefilter(Scope scope, EsqlEnvironment env) {
        this.scope = scope;
        this.env = env;
    }

    /** What every row for which {@code e} is TRUE must satisfy. */
    Predicate whenTrue(Expr e) {
        if (e instanceof Binary b && b.op().equals("and")) {
            return Predicates.and(List.of(whenTrue(b.left()), whenTrue(b.right())));
        }
        if (e instanceof Binary b && b.op().equals("or")) {
            return Predicates.or(List.of(whenTrue(b.left()), whenTrue(b.right())));
        }
        if (e instanceof Unary u && u.op().equals("not")) {
            return whenFalse(u.operand());
        }
        if (e instanceof Literal l) {
            return Boolean.TRUE.equals(l.value()) ? Predicate.Const.TRUE : Predicate.Const.FALSE;
        }
        if (e instanceof Call c && c.name().equals("kql") && c.args().size() == 1
                && c.args().get(0) instanceof Literal l && l.value() instanceof String q) {
            return env.kql(q); // KQL is two-valued: exact
        }
        return atom(e, false);
    }

    /** What every row for which {@code e} is FALSE must satisfy (null is neither). */
    private Predicate whenFalse(Expr e) {
        if (e instanceof Binary b && b.op().equals("and")) {
            return Predicates.or(List.of(whenFalse(b.left()), whenFalse(b.right())));
        }
        if (e instanceof Binary b && b.op().equals("or")) {
            return Predicates.and(List.of(whenFalse(b.left()), whenFalse(b.right())));
        }
        if (e instanceof Unary u && u.op().equals("not")) {
            return whenTrue(u.operand());
        }
        if (e instanceof Literal l) {
            return Boolean.FALSE.equals(l.value()) ? Predicate.Const.TRUE : Predicate.Const.FALSE;
        }
        if (e instanceof Call c && c.name().equals("kql") && c.args().size() == 1
                && c.args().get(0) instanceof Literal l && l.value() instanceof String q) {
            return Predicates.not(env.kql(q));
        }
        return atom(e, true);
    }

    /** A test on one event field against constants, TRUE ({@code negated} false) or FALSE; else "may hold". */
    private Predicate atom(Expr e, boolean negated) {
        if (e instanceof IsNull n && n.operand() instanceof Column c && scope.isEventField(c.name())) {
            Predicate exists = constantOr(c.name(), v -> v != null, new Predicate.Exists(scope.eventField(c.name())));
            return n.negated() != negated ? exists : Predicates.not(exists);
        }
        Column field = null;
        Matcher m = null;
        boolean positive = true;
        if (e instanceof Binary b && (b.op().equals("==") || b.op().equals("!="))) {
            Expr l = b.left();
            Expr r = b.right();
            if (r instanceof Column && l instanceof Literal) {
                Expr t = l;
                l = r;
                r = t;
            }
            if (l instanceof Column c && r instanceof Literal lit && lit.value() instanceof String s) {
                field = c;
                m = Matchers.equalTo(s, false);
                positive = b.op().equals("==");
            }
        } else if (e instanceof In in && in.operand() instanceof Column c) {
            List<String> values = new ArrayList<>();
            for (Expr v : in.values()) {
                if (v instanceof Literal lit && lit.value() instanceof String s) {
                    values.add(s);
                } else {
                    values = null;
                    break;
                }
            }
            if (values != null) {
                field = c;
                m = Matchers.in(values, false);
                positive = !in.negated();
            }
        } else if (e instanceof Like l && l.operand() instanceof Column c) {
            field = c;
            m = ExprCompiler.matcher(l);
            positive = !l.negated();
        }
        if (field == null || !scope.isEventField(field.name()) || FieldTypes.typed(field.name())) {
            return Predicate.Const.TRUE;
        }
        Matcher matcher = m;
        Accessor a = scope.eventField(field.name());
        Predicate match = new Predicate.Match(a, matcher, Quantifier.ANY);
        if (positive != negated) {
            return constantOr(field.name(), v -> v != null && matcher.test(v), match);
        }
        // TRUE of "not matches" needs a value (null is not FALSE): present, and not matching.
        return constantOr(field.name(), v -> v != null && !matcher.test(v),
                Predicates.and(List.of(new Predicate.Exists(a), Predicates.not(match))));
    }

    /**
     * For a field that is one constant on every event, or absent from every one (no GeoIP
     * database for {@code source.as.*}, no user-agent parser), the test decided now; else
     * {@code p}. A rule that needs such a field present is then never looked at.
     */
    private Predicate constantOr(String field, java.util.function.Predicate<String> test, Predicate p) {
        String constant = env.constant(field);
        if (constant == null && !Accessors.alwaysAbsent(scope.eventField(field))) {
            return p;
        }
        return test.test(constant) ? Predicate.Const.TRUE : Predicate.Const.FALSE;
    }
}
