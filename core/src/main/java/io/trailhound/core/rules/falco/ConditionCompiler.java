package io.trailhound.core.rules.falco;

import io.trailhound.core.rules.ir.Matcher;
import io.trailhound.core.rules.ir.Predicate;
import io.trailhound.core.rules.ir.Predicates;
import io.trailhound.core.rules.ir.Quantifier;
import io.trailhound.core.rules.load.RuleLimits;
import io.trailhound.core.rules.load.RuleSyntaxException;
import io.trailhound.core.rules.load.TermBudget;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles a parsed Falco condition to the shared IR: macros expanded on the tree, fields resolved
 * to accessors, operators to matchers. Falco's missing-value rule (every comparison on an absent
 * field is false, {@code !=} included; {@code not} of it true) is exactly the IR's {@code Match} /
 * {@code Not}.
 *
 * <p>Macros are expanded by walking their tree again at each reference, so both the nesting (a
 * macro level counts as one) and the number of tests are bounded ({@link RuleLimits}): a chain of
 * 10,000 macros or a macro made of two copies of the one before, 40 deep, fails the rule at its
 * reference instead of overflowing the stack or never finishing.
 */
final class ConditionCompiler {
    private final FieldResolver fields;
    private final MacroTable macros;
    /** Shared by every condition this compiler compiles: one load's rules and macros. */
    private final TermBudget load;

    public ConditionCompiler(FieldResolver fields, MacroTable macros) {
        this(fields, macros, RuleLimits.MAX_TERMS_PER_LOAD);
    }

    /** With another limit on the tests of the whole load, for tests. */
    ConditionCompiler(FieldResolver fields, MacroTable macros, long loadLimit) {
        this.fields = fields;
        this.macros = macros;
        this.load = new TermBudget(loadLimit);
    }

    /** A rule's condition: every macro is visible. */
    public Predicate compileRule(Ast ast) throws RuleSyntaxException {
        return new Expansion().node(ast, Integer.MAX_VALUE, null, 0);
    }

    /** A macro's own condition, checked when it is defined: it sees the macros before it. */
    public Predicate compileMacro(MacroTable.Macro m) throws RuleSyntaxException {
        try {
            return new Expansion().node(m.ast(), m.index(), m.name(), 0);
        } catch (RuleSyntaxException e) {
            throw e.within() != null || e.isLimit() ? e : e.within(m.name());
        }
    }

    /** One condition's compilation, with the budget its macro expansions draw on. One frame per level. */
    private final class Expansion {
        private final TermBudget budget = new TermBudget();

        Predicate node(Ast ast, int visibleBelow, String inMacro, int depth) throws RuleSyntaxException {
            if (depth > RuleLimits.MAX_TREE_DEPTH) {
                throw RuleSyntaxException.limit("condition nested deeper than " + RuleLimits.MAX_TREE_DEPTH
                        + " levels once macros are expanded", 0);
            }
            if (ast instanceof Ast.And a) {
                List<Predicate> out = new ArrayList<>();
                for (Ast c : a.children()) {
                    out.add(node(c, visibleBelow, inMacro, depth + 1));
                }
                return Predicates.and(out);
            }
            if (ast instanceof Ast.Or o) {
                List<Predicate> out = new ArrayList<>();
                for (Ast c : o.children()) {
                    out.add(node(c, visibleBelow, inMacro, depth + 1));
                }
                return Predicates.or(out);
            }
            if (ast instanceof Ast.Not n) {
                return Predicates.not(node(n.child(), visibleBelow, inMacro, depth + 1));
            }
            // A check on a list counts each item: lists are shared, and each use copies them.
            int terms = ast instanceof Ast.Check c && c.value() instanceof Ast.ListValue l ? 1 + l.items().size() : 1;
            int at = ast instanceof Ast.MacroRef r ? r.offset() : ((Ast.Check) ast).offset();
            if (!budget.take(terms)) {
                throw RuleSyntaxException.limit(TermBudget.exceeded("once macros and lists are expanded"), at);
            }
            if (!load.take(terms)) {
                throw RuleSyntaxException.limit("the rules loaded together expand to more than "
                        + load.limit() + " tests once macros and lists are expanded", at);
            }
            if (ast instanceof Ast.MacroRef r) {
                MacroTable.Macro m = macros.find(r.name(), visibleBelow);
                if (m == null) {
                    throw new RuleSyntaxException("undefined macro '" + r.name() + "' used in filter", r.offset());
                }
                macros.markUsed(m.name());
                try {
                    return node(m.ast(), m.index(), m.name(), depth + 1);
                } catch (RuleSyntaxException e) {
                    // A limit is the whole expansion's doing: report it at the outermost reference.
                    // Any other error is in the text of the innermost macro it came from.
                    throw e.isLimit() ? e.movedTo(r.offset(), inMacro) : e.within() != null ? e : e.within(m.name());
                }
            }
            return check((Ast.Check) ast);
        }
    }

    private Predicate check(Ast.Check c) throws RuleSyntaxException {
        TypedField f = fields.resolve(c.field());
        if (c.op().equals("exists")) {
            return new Predicate.Exists(f.accessor());
        }
        boolean listField = f.type() == FieldType.STRING_LIST;
        boolean listOp = c.op().equals("in") || c.op().equals("intersects");
        if (listField && !listOp) {
            throw new RuleSyntaxException("only 'in', 'intersects' and 'exists' are allowed on the list field "
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

    private static Matcher matcher(Ast.Check c, TypedField f) throws RuleSyntaxException {
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
