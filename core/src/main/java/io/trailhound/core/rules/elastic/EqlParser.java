package io.trailhound.core.rules.elastic;

import io.trailhound.core.rules.elastic.EqlLexer.Token;
import io.trailhound.core.rules.elastic.EqlLexer.Type;
import io.trailhound.core.rules.load.RuleLimits;
import io.trailhound.core.rules.load.RuleSyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Event Query Language as Elasticsearch runs it, the part detection rules use: an event query
 * ({@code category where condition}) or a {@code sequence [by f…] [with maxspan=d] [..] [..]};
 * conditions with {@code and}/{@code or}/{@code not} (that precedence), comparisons, {@code in},
 * {@code :}, {@code like}, {@code regex} (and their {@code ~} case-insensitive forms), and function
 * calls. Pipes ({@code | head}) and {@code until} are rejected with a message. Parentheses and
 * calls nest at most {@link RuleLimits#MAX_NESTING} deep, so a hostile query cannot overflow the stack.
 */
final class EqlParser {
    private static final Set<String> COMPARE = Set.of("==", "!=", "<", "<=", ">", ">=", ":");

    private final List<Token> tokens;
    private int i;
    private int depth;

    private EqlParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    public static EqlQuery parse(String query) {
        EqlParser p = new EqlParser(EqlLexer.tokens(query));
        EqlQuery q = p.query();
        if (p.peek().type() != Type.END) {
            throw RuleSyntaxException.inQuery("unexpected '" + p.peek().text() + "'", p.peek().offset());
        }
        return q;
    }

    private EqlQuery query() {
        if (!peek().is("sequence")) {
            return new EqlQuery(List.of(eventQuery(List.of())), List.of(), null, false);
        }
        next();
        List<String> by = List.of();
        Duration maxspan = null;
        if (peek().is("by")) {
            next();
            by = fieldList();
        }
        if (peek().is("with")) {
            next();
            Token m = next();
            if (!m.is("maxspan")) {
                throw RuleSyntaxException.inQuery("expected maxspan after 'with'", m.offset());
            }
            expect("=");
            Token d = next();
            maxspan = DateMath.duration(d.text());
            if (maxspan == null) {
                throw RuleSyntaxException.inQuery("bad maxspan '" + d.text() + "'", d.offset());
            }
        }
        List<EqlQuery.Step> steps = new ArrayList<>();
        while (peek().is("[")) {
            next();
            EqlQuery.Step s = eventQuery(List.of());
            expect("]");
            List<String> stepBy = List.of();
            if (peek().is("by")) {
                next();
                stepBy = fieldList();
            }
            steps.add(new EqlQuery.Step(s.category(), s.condition(), stepBy));
        }
        if (peek().is("until")) {
            throw RuleSyntaxException.inQuery("sequence 'until' is not supported", peek().offset());
        }
        if (steps.size() < 2) {
            throw RuleSyntaxException.inQuery("a sequence needs at least two [steps]", peek().offset());
        }
        return new EqlQuery(steps, by, maxspan, true);
    }

    private EqlQuery.Step eventQuery(List<String> by) {
        Token cat = next();
        if (cat.type() != Type.IDENT && cat.type() != Type.STRING) {
            throw RuleSyntaxException.inQuery("expected an event category", cat.offset());
        }
        Token where = next();
        if (!where.is("where")) {
            throw RuleSyntaxException.inQuery("expected 'where'", where.offset());
        }
        return new EqlQuery.Step(cat.text(), or(), by);
    }

    private List<String> fieldList() {
        List<String> out = new ArrayList<>();
        out.add(identifier());
        while (peek().is(",")) {
            next();
            out.add(identifier());
        }
        return out;
    }

    private String identifier() {
        Token t = next();
        if (t.type() != Type.IDENT) {
            throw RuleSyntaxException.inQuery("expected a field name", t.offset());
        }
        return t.text();
    }

    private EqlNode or() {
        List<EqlNode> parts = new ArrayList<>();
        parts.add(and());
        while (peek().is("or")) {
            next();
            parts.add(and());
        }
        return parts.size() == 1 ? parts.get(0) : new EqlNode.Or(parts);
    }

    private EqlNode and() {
        List<EqlNode> parts = new ArrayList<>();
        parts.add(not());
        while (peek().is("and")) {
            next();
            parts.add(not());
        }
        return parts.size() == 1 ? parts.get(0) : new EqlNode.And(parts);
    }

    /** A run of {@code not}s is read in a loop: only its parity matters. */
    private EqlNode not() {
        boolean negate = false;
        while (peek().is("not")) {
            next();
            negate = !negate;
        }
        EqlNode n = comparison();
        return negate ? new EqlNode.Not(n) : n;
    }

    private EqlNode comparison() {
        EqlNode left = term();
        Token t = peek();
        if (t.type() == Type.OP && COMPARE.contains(t.text())) {
            next();
            String op = t.text();
            return new EqlNode.Compare(left, op, op.equals(":"), op.equals(":") ? termOrList() : term());
        }
        if (t.is("like") || t.is("regex")) {
            next();
            boolean insensitive = tilde();
            return new EqlNode.Compare(left, t.text().toLowerCase(java.util.Locale.ROOT), insensitive, termOrList());
        }
        if (t.is("in")) {
            next();
            boolean insensitive = tilde();
            return new EqlNode.In(left, list(), insensitive);
        }
        if (t.is("not") && peekAt(1).is("in")) {
            next();
            next();
            boolean insensitive = tilde();
            return new EqlNode.Not(new EqlNode.In(left, list(), insensitive));
        }
        return left;
    }

    private boolean tilde() {
        if (peek().is("~")) {
            next();
            return true;
        }
        return false;
    }

    private EqlNode termOrList() {
        if (peek().is("(")) {
            return new EqlNode.ListOf(list());
        }
        return term();
    }

    private List<EqlNode> list() {
        expect("(");
        List<EqlNode> out = new ArrayList<>();
        out.add(term());
        while (peek().is(",")) {
            next();
            out.add(term());
        }
        expect(")");
        return out;
    }

    private EqlNode term() {
        Token t = next();
        switch (t.type()) {
            case STRING -> {
                return new EqlNode.Literal(t.text(), EqlNode.Literal.Kind.STRING);
            }
            case NUMBER -> {
                return new EqlNode.Literal(t.text(), EqlNode.Literal.Kind.NUMBER);
            }
            case IDENT -> {
                if (t.is("true") || t.is("false")) {
                    return new EqlNode.Literal(t.text().toLowerCase(java.util.Locale.ROOT), EqlNode.Literal.Kind.BOOLEAN);
                }
                if (t.is("null")) {
                    return new EqlNode.Literal(null, EqlNode.Literal.Kind.NULL);
                }
                if (peek().is("(") || (peek().is("~") && peekAt(1).is("("))) {
                    boolean insensitive = tilde();
                    enter(next());
                    List<EqlNode> args = new ArrayList<>();
                    if (!peek().is(")")) {
                        args.add(or());
                        while (peek().is(",")) {
                            next();
                            args.add(or());
                        }
                    }
                    expect(")");
                    depth--;
                    return new EqlNode.Call(t.text(), insensitive, args);
                }
                return new EqlNode.Field(t.text());
            }
            case OP -> {
                if (t.is("(")) {
                    enter(t);
                    EqlNode inner = or();
                    expect(")");
                    depth--;
                    return inner;
                }
                throw RuleSyntaxException.inQuery("unexpected '" + t.text() + "'", t.offset());
            }
            default -> throw RuleSyntaxException.inQuery("unexpected end of query", t.offset());
        }
    }

    /** One level deeper, at the opening parenthesis {@code open}. */
    private void enter(Token open) {
        if (++depth > RuleLimits.MAX_NESTING) {
            throw RuleSyntaxException.inQuery("parentheses nested deeper than " + RuleLimits.MAX_NESTING,
                    open.offset());
        }
    }

    private void expect(String s) {
        Token t = next();
        if (!t.is(s)) {
            throw RuleSyntaxException.inQuery("expected '" + s + "'" + (t.type() == Type.END ? " before the end"
                    : ", found '" + t.text() + "'"), t.offset());
        }
    }

    private Token peek() {
        return tokens.get(i);
    }

    private Token peekAt(int ahead) {
        return tokens.get(Math.min(i + ahead, tokens.size() - 1));
    }

    private Token next() {
        Token t = tokens.get(i);
        if (t.type() != Type.END) {
            i++;
        }
        return t;
    }
}
