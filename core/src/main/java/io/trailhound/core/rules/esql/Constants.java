package io.trailhound.core.rules.esql;

import io.trailhound.core.rules.esql.EsqlAst.Command;
import io.trailhound.core.rules.esql.EsqlAst.Expr;
import io.trailhound.core.rules.ir.Accessors;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The columns of the per-event part that hold one value on every row, known at compile time: an
 * {@code EVAL} over literals and fields that are one constant on every CloudTrail event
 * ({@code data_stream.dataset}), such as the multi-cloud rules' {@code CASE(data_stream.dataset ==
 * "aws.cloudtrail", "aws", ...)}, or over fields CloudTrail never has (null). A query that then
 * asks for two distinct values of such a column, or a positive sum of one that is 0, can never
 * alert here, and the compiler says so before any event is read ({@link GroupNeeds#noGroupPasses}).
 */
final class Constants {
    private final EsqlEnvironment env;
    private final Map<String, Object> values = new HashMap<>();

    Constants(EsqlEnvironment env) {
        this.env = env;
    }

    /** Notes what {@code c}, the next per-event command, defines; {@code scope} is as before it. */
    void next(Command c, Scope scope) {
        if (c instanceof EsqlAst.Eval e) {
            Set<String> made = new HashSet<>(); // in order: a later assignment may read an earlier one
            for (EsqlAst.Assignment a : e.assignments()) {
                Object[] v = value(a.value(), scope, made);
                made.add(a.name());
                if (v != null) {
                    values.put(a.name(), v[0]);
                } else {
                    values.remove(a.name());
                }
            }
            return;
        }
        Set<String> made = new HashSet<>();
        Names.defined(c, made);
        if (c instanceof EsqlAst.MvExpand m) {
            made.add(m.column());
        }
        if (c instanceof EsqlAst.Rename r) {
            r.pairs().forEach(p -> made.add(p[0]));
        }
        values.keySet().removeAll(made);
    }

    /** {@code {value}} of {@code e} at the end of the per-event part ({@code scope}) when it is the same on every row, else null. */
    Object[] valueAtEnd(Expr e, Scope scope) {
        return value(e, scope, Set.of());
    }

    /** {@code {value}} of {@code e} when it is the same on every row, else null. */
    private Object[] value(Expr e, Scope scope, Set<String> made) {
        Set<String> calls = new HashSet<>();
        Names.calls(e, calls);
        if (calls.contains("now") || calls.contains("kql")) {
            return null; // the clock, or the event through KQL
        }
        Set<String> read = new HashSet<>();
        Names.collect(e, read);
        List<String> names = List.copyOf(read);
        Object[] known = new Object[names.size()];
        for (int i = 0; i < known.length; i++) {
            String n = names.get(i);
            Object[] v = known(n, scope, made);
            if (v == null) {
                return null;
            }
            known[i] = v[0];
        }
        try {
            Ev ev = new ExprCompiler(Scope.ofColumns(names), env).compile(e);
            return new Object[] {ev.eval(new Frame(null, known, 0))};
        } catch (RuntimeException ex) {
            return null; // what fails here fails per row too: not a value to build on
        }
    }

    /**
     * {@code {value}} of what {@code name} reads in {@code scope}, or in the EVAL that {@code made}
     * it, when it is the same on every row, else null.
     */
    private Object[] known(String name, Scope scope, Set<String> made) {
        if (made.contains(name) || scope.columns().containsKey(name)) {
            return values.containsKey(name) ? new Object[] {values.get(name)} : null;
        }
        return field(name, scope);
    }

    /** {@code {value}} of event field {@code name} when it is one constant on every event, else null. */
    private Object[] field(String name, Scope scope) {
        if (!scope.isEventField(name) || name.startsWith("_")) {
            return null;
        }
        String constant = env.constant(name);
        if (constant == null && Accessors.alwaysAbsent(scope.eventField(name))) {
            return new Object[] {null}; // no such field on CloudTrail (process.*, host.*), as Scope reads it
        }
        return constant == null ? null : new Object[] {constant};
    }
}
