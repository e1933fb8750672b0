package io.trailhound.core.rules.falco.compile;

import io.trailhound.core.rules.falco.condition.Ast;
import io.trailhound.core.rules.falco.fields.FieldType;
import io.trailhound.core.rules.ir.Matcher;
import io.trailhound.core.rules.ir.Predicate;
import io.trailhound.core.rules.ir.Predicates;
import io.trailhound.core.rules.ir.Quantifier;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles a parsed Falco condition to the shared IR: macros expanded on the tree, fields resolved
 * to accessors, operators to matchers. Falco's missing-value rule (every comparison on an absent
 * field is false, {@code !=} included; {@code not} of it true) is exactly the IR's {@code Match} /
 * {@code Not}.
 */
public final class ConditionCompiler {
    private final FieldResolver fields;
    private final MacroTable macros;

    public ConditionCompiler(FieldResolver fields, MacroTable macros) {
        this.fields = fields;
        this.macros = macros;
    }

    /** A rule's condition: every macro is visible. */
    public Predicate compileRule(Ast ast) throws CompileException {
        return compile(ast, Integer.MAX_VALUE, null);
    }

    /** A macro's own condition, checked when it is defined: it sees the macros before it. */
    public Predicate compileMacro(MacroTable.Macro m) throws CompileException {
        return compile(m.ast(), m.index(), m.name());
    }

    private Predicate compile(Ast ast, int visibleBelow, String inMacro) throws CompileException {
        try {
            return node(ast, visibleBelow, inMacro);
        } catch (CompileException e) {
            throw e.macro() != null || inMacro == null ? e : new CompileException(e.getMessage(), e.offset(), inMacro);
        }
    }

    private Predicate node(Ast ast, int visibleBelow, String inMacro) throws CompileException {
        if (ast instanceof Ast.And a) {
            List<Predicate> out = new ArrayList<>();
            for (Ast c : a.children()) {
                out.add(node(c, visibleBelow, inMacro));
            }
            return Predicates.and(out);
        }
        if (ast instanceof Ast.Or o) {
            List<Predicate> out = new ArrayList<>();
            for (Ast c : o.children()) {
                out.add(node(c, visibleBelow, inMacro));
            }
            return Predicates.or(out);
        }
        if (ast instanceof Ast.Not n) {
            return Predicates.not(node(n.child(), visibleBelow, inMacro));
        }
        if (ast instanceof Ast.MacroRef r) {
            MacroTable.Macro m = macros.find(r.name(), visibleBelow);
            if (m == null) {
                throw new CompileException("undefined macro '" + r.name() + "' used in filter", r.offset());
            }
            macros.markUsed(m.name());
            return compile(m.ast(), m.index(), m.name());
        }
        return check((Ast.Check) ast);
    }

    private Predicate check(Ast.Check c) throws CompileException {
        TypedField f = fields.resolve(c.field());
        if (c.op().equals("exists")) {
            return new Predicate.Exists(f.accessor());
        }
        boolean listField = f.type() == FieldType.STRING_LIST;
        boolean listOp = c.op().equals("in") || c.op().equals("intersects");
        if (listField && !listOp) {
            throw new CompileException("only 'in', 'intersects' and 'exists' are allowed on the list field "
                    + f.text(), c.offset());
        }
        if (c.value() instanceof Ast.FieldValue fv) {
            TypedField right = fields.resolve(fv.field());
            return new Predicate.FieldCompare(f.accessor(), right.accessor(), Relations.of(c.op(), f.type(),
                    c.offset()));
        }
        // Falco's 'in' on a list field wants every value in the set; 'intersects' any of them.
        Quantifier q = listField && c.op().equals("in") ? Quantifier.ALL : Quantifier.ANY;
        return new Predicate.Match(f.accessor(), matcher(c, f), q);
    }

    private static Matcher matcher(Ast.Check c, TypedField f) throws CompileException {
        if (c.value() instanceof Ast.ListValue l) {
            List<String> items = l.items().stream().map(Ast.Literal::text).toList();
            if (c.modifier() != null) {
                return Operators.modified(c.op(), c.modifier(), f, items, c.offset());
            }
            return Operators.list(c.op(), f, items, c.offset());
        }
        Ast.Literal lit = (Ast.Literal) c.value();
        return Operators.scalar(c.op(), f, lit.text(), lit.offset());
    }
}
