package io.trailhound.core.rules.esql;

import io.trailhound.core.rules.esql.EsqlAst.Aggregate;
import io.trailhound.core.rules.esql.EsqlAst.Assignment;
import io.trailhound.core.rules.esql.EsqlAst.Binary;
import io.trailhound.core.rules.esql.EsqlAst.Call;
import io.trailhound.core.rules.esql.EsqlAst.Column;
import io.trailhound.core.rules.esql.EsqlAst.Command;
import io.trailhound.core.rules.esql.EsqlAst.Expr;
import io.trailhound.core.rules.esql.EsqlAst.Literal;
import io.trailhound.core.rules.esql.EsqlLexer.Kind;
import io.trailhound.core.rules.esql.EsqlLexer.Token;
import io.trailhound.core.rules.load.RuleLimits;
import io.trailhound.core.rules.load.RuleSyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Recursive-descent parser for the ES|QL that detection rules write: a {@code FROM} source and the
 * processing commands {@code WHERE EVAL STATS KEEP DROP RENAME SORT LIMIT GROK DISSECT MV_EXPAND},
 * with ES|QL's operator precedence ({@code OR < AND < NOT < comparison, IN, LIKE, IS NULL < + - <
 * * / %}). A malformed query is a {@link RuleSyntaxException} at its offset; a well-formed command
 * outside that set is {@link Unsupported}.
 */
final class EsqlParser {
    private static final List<String> UNSUPPORTED_COMMANDS = List.of("enrich", "lookup", "inlinestats", "row", "show",
            "fork", "change_point", "completion", "rerank", "sample", "rrf", "fuse", "join", "metrics", "ts");

    private final String query;
    private final List<Token> tokens;
    private int p;
    private int depth;

    private EsqlParser(String query, List<Token> tokens) {
        this.query = query;
        this.tokens = tokens;
    }

    static List<Command> parse(String query) {
        int from = skipSpaceAndComments(query, 0);
        if (!query.regionMatches(true, from, "from", 0, 4) || from + 4 < query.length()
                && !Character.isWhitespace(query.charAt(from + 4))) {
            throw RuleSyntaxException.inQuery("an ES|QL rule query starts with FROM", from);
        }
        int pipe = sourceEnd(query, from);
        List<Command> out = new ArrayList<>();
        out.add(from(query, from, pipe));
        EsqlParser parser = new EsqlParser(query, EsqlLexer.tokens(query, pipe));
        while (parser.peek().op("|")) {
            parser.p++;
            out.add(parser.command());
        }
        if (parser.peek().kind() != Kind.EOF) {
            throw parser.error("expected '|' or the end of the query");
        }
        return out;
    }

    /** {@code FROM index, pattern-* METADATA _id, _index}: index names are not expressions, so read as text. */
    private static Command from(String q, int start, int end) {
        String body = stripComments(q.substring(start + 4, end));
        List<String> indices = new ArrayList<>();
        List<String> metadata = new ArrayList<>();
        String[] words = body.trim().split("\\s*,\\s*|\\s+");
        boolean meta = false;
        for (String w : words) {
            if (w.isEmpty()) {
                continue;
            }
            if (w.equalsIgnoreCase("metadata")) {
                meta = true;
            } else if (meta) {
                metadata.add(w);
            } else {
                indices.add(w.replace("\"", ""));
            }
        }
        if (indices.isEmpty()) {
            throw RuleSyntaxException.inQuery("FROM names no index", start);
        }
        return new EsqlAst.From(indices, metadata, start);
    }

    private static String stripComments(String s) {
        return s.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\\n]*", " ");
    }

    /** Where the source command ends: the first {@code |} outside a comment, or the end. */
    private static int sourceEnd(String q, int from) {
        int i = from;
        while (i < q.length()) {
            if (q.startsWith("//", i)) {
                int nl = q.indexOf('\n', i);
                i = nl < 0 ? q.length() : nl;
            } else if (q.startsWith("/*", i)) {
                int end = q.indexOf("*/", i + 2);
                i = end < 0 ? q.length() : end + 2;
            } else if (q.charAt(i) == '|') {
                return i;
            } else {
                i++;
            }
        }
        return q.length();
    }

    private static int skipSpaceAndComments(String q, int i) {
        while (i < q.length()) {
            if (Character.isWhitespace(q.charAt(i))) {
                i++;
            } else if (q.startsWith("//", i)) {
                int nl = q.indexOf('\n', i);
                i = nl < 0 ? q.length() : nl;
            } else if (q.startsWith("/*", i)) {
                int end = q.indexOf("*/", i + 2);
                i = end < 0 ? q.length() : end + 2;
            } else {
                break;
            }
        }
        return i;
    }

    private Command command() {
        Token t = next();
        if (t.kind() != Kind.IDENT) {
            throw error("expected a command", t);
        }
        String name = t.text().toLowerCase(Locale.ROOT);
        int at = t.offset();
        return switch (name) {
            case "where" -> new EsqlAst.Where(expression(), at);
            case "eval" -> new EsqlAst.Eval(assignments(), at);
            case "stats" -> stats(at);
            case "keep" -> new EsqlAst.Keep(names(), false, at);
            case "drop" -> new EsqlAst.Keep(names(), true, at);
            case "rename" -> rename(at);
            case "sort" -> sort(at);
            case "limit" -> {
                Token n = next();
                if (n.kind() != Kind.INTEGER) {
                    throw error("LIMIT takes a whole number", n);
                }
                yield new EsqlAst.Limit(Long.parseLong(n.text()), at);
            }
            case "grok" -> {
                Expr in = primary(); // a column, constant or call: what GROK and DISSECT take
                yield new EsqlAst.Grok(in, string("GROK pattern"), at);
            }
            case "dissect" -> dissect(at);
            case "mv_expand" -> new EsqlAst.MvExpand(name(), at);
            default -> {
                if (UNSUPPORTED_COMMANDS.contains(name)) {
                    throw new Unsupported("ES|QL command " + name.toUpperCase(Locale.ROOT) + " is not supported", at);
                }
                throw error("unknown command '" + t.text() + "'", t);
            }
        };
    }

    private Command stats(int at) {
        List<Aggregate> aggs = new ArrayList<>();
        List<Assignment> groups = new ArrayList<>();
        if (!peek().is("by") && !atCommandEnd()) {
            do {
                int start = peek().offset();
                String name = null;
                if (isAssignment()) {
                    name = name();
                    next();
                }
                Expr e = expression();
                if (!(e instanceof Call c)) {
                    throw new Unsupported("STATS takes aggregate functions; an expression over them is not supported",
                            e.offset());
                }
                Expr filter = null;
                if (peek().is("where")) {
                    next();
                    filter = expression();
                }
                aggs.add(new Aggregate(name != null ? name : text(start), c, filter));
            } while (accept(","));
        }
        if (peek().is("by")) {
            next();
            groups = assignments();
        }
        if (aggs.isEmpty() && groups.isEmpty()) {
            throw error("STATS needs aggregates or BY");
        }
        return new EsqlAst.Stats(aggs, groups, at);
    }

    private Command rename(int at) {
        List<String[]> pairs = new ArrayList<>();
        do {
            String a = name();
            if (peek().op("=")) { // newer form: RENAME new = old
                next();
                pairs.add(new String[] {name(), a});
            } else {
                if (!next().is("as")) {
                    throw error("expected AS in RENAME");
                }
                pairs.add(new String[] {a, name()});
            }
        } while (accept(","));
        return new EsqlAst.Rename(pairs, at);
    }

    private Command sort(int at) {
        List<EsqlAst.SortKey> keys = new ArrayList<>();
        do {
            Expr e = expression();
            boolean desc = false;
            if (peek().is("asc") || peek().is("desc")) {
                desc = next().is("desc");
            }
            boolean nullsFirst = desc;
            if (peek().is("nulls")) {
                next();
                Token fl = next();
                if (!fl.is("first") && !fl.is("last")) {
                    throw error("expected FIRST or LAST", fl);
                }
                nullsFirst = fl.is("first");
            }
            keys.add(new EsqlAst.SortKey(e, desc, nullsFirst));
        } while (accept(","));
        return new EsqlAst.Sort(keys, at);
    }

    private Command dissect(int at) {
        Expr in = primary(); // a column, constant or call: what GROK and DISSECT take
        String pattern = string("DISSECT pattern");
        String sep = " ";
        if (peek().kind() == Kind.IDENT && !atCommandEnd()) {
            Token opt = next();
            if (!opt.is("append_separator") || !accept("=")) {
                throw error("expected APPEND_SEPARATOR = \"...\"", opt);
            }
            sep = string("APPEND_SEPARATOR");
        }
        return new EsqlAst.Dissect(in, pattern, sep, at);
    }

    private List<Assignment> assignments() {
        List<Assignment> out = new ArrayList<>();
        do {
            int start = peek().offset();
            if (isAssignment()) {
                String name = name();
                next();
                out.add(new Assignment(name, expression()));
            } else {
                Expr e = expression();
                out.add(new Assignment(e instanceof Column c ? c.name() : text(start), e));
            }
        } while (accept(","));
        return out;
    }

    private boolean isAssignment() {
        Token a = peek();
        return (a.kind() == Kind.IDENT || a.kind() == Kind.QUOTED_IDENT) && p + 1 < tokens.size()
                && tokens.get(p + 1).op("=");
    }

    private List<String> names() {
        List<String> out = new ArrayList<>();
        do {
            out.add(name());
        } while (accept(","));
        return out;
    }

    private String name() {
        Token t = next();
        if (t.kind() == Kind.IDENT || t.kind() == Kind.QUOTED_IDENT) {
            return t.text();
        }
        if (t.op("*")) {
            return "*";
        }
        throw error("expected a column name", t);
    }

    private String string(String what) {
        Token t = next();
        if (t.kind() != Kind.STRING) {
            throw error("expected a quoted " + what, t);
        }
        return t.text();
    }

    // ---- expressions

    Expr expression() {
        if (++depth > RuleLimits.MAX_NESTING) {
            throw RuleSyntaxException.inQuery("expression nests deeper than " + RuleLimits.MAX_NESTING,
                    peek().offset());
        }
        try {
            return or();
        } finally {
            depth--;
        }
    }

    private Expr or() {
        Expr left = and();
        int chain = 0;
        while (peek().is("or")) {
            Token t = next();
            chained(++chain, t);
            left = new Binary("or", left, and(), t.offset());
        }
        return left;
    }

    private Expr and() {
        Expr left = not();
        int chain = 0;
        while (peek().is("and")) {
            Token t = next();
            chained(++chain, t);
            left = new Binary("and", left, not(), t.offset());
        }
        return left;
    }

    private Expr not() {
        if (peek().is("not")) {
            Token t = next();
            if (++depth > RuleLimits.MAX_NESTING) {
                throw RuleSyntaxException.inQuery("expression nests deeper than " + RuleLimits.MAX_NESTING,
                        t.offset());
            }
            try {
                return new EsqlAst.Unary("not", not(), t.offset());
            } finally {
                depth--;
            }
        }
        return predicate();
    }

    private Expr predicate() {
        Expr left = additive();
        Token t = peek();
        boolean negated = false;
        if (t.is("not") && p + 1 < tokens.size()) {
            Token n = tokens.get(p + 1);
            if (n.is("in") || n.is("like") || n.is("rlike")) {
                next();
                negated = true;
                t = peek();
            }
        }
        if (t.is("in")) {
            next();
            expect("(");
            List<Expr> values = new ArrayList<>();
            do {
                values.add(expression());
            } while (accept(","));
            expect(")");
            return new EsqlAst.In(left, values, negated, t.offset());
        }
        if (t.is("like") || t.is("rlike")) {
            next();
            if (peek().op("(")) {
                throw new Unsupported("LIKE / RLIKE with a list of patterns is not supported", peek().offset());
            }
            return new EsqlAst.Like(left, string("pattern"), t.is("rlike"), negated, t.offset());
        }
        if (negated) {
            throw error("expected IN, LIKE or RLIKE after NOT");
        }
        if (t.is("is")) {
            next();
            boolean not = accept("not");
            if (!next().is("null")) {
                throw error("expected NULL after IS");
            }
            return new EsqlAst.IsNull(left, not, t.offset());
        }
        if (t.kind() == Kind.OP && List.of("==", "!=", "<", "<=", ">", ">=").contains(t.text())) {
            next();
            return new Binary(t.text(), left, additive(), t.offset());
        }
        if (t.op("=~")) {
            throw new Unsupported("the case-insensitive =~ operator is not supported", t.offset());
        }
        return left;
    }

    private Expr additive() {
        Expr left = multiplicative();
        int chain = 0;
        while (peek().op("+") || peek().op("-")) {
            Token t = next();
            chained(++chain, t);
            left = new Binary(t.text(), left, multiplicative(), t.offset());
        }
        return left;
    }

    private Expr multiplicative() {
        Expr left = unary();
        int chain = 0;
        while (peek().op("*") || peek().op("/") || peek().op("%")) {
            Token t = next();
            chained(++chain, t);
            left = new Binary(t.text(), left, unary(), t.offset());
        }
        return left;
    }

    /** Longest chain of one binary operator: the tree is as deep, and compiling and evaluating it recurse that deep. */
    static final int MAX_CHAIN = 1000;

    private static void chained(int n, Token t) {
        if (n > MAX_CHAIN) {
            throw RuleSyntaxException.limit("more than " + MAX_CHAIN + " '" + t.text() + "' in a row", t.offset());
        }
    }

    private Expr unary() {
        if (peek().op("-")) {
            Token t = next();
            return new EsqlAst.Unary("-", unary(), t.offset());
        }
        if (peek().op("+")) {
            next();
        }
        Expr e = primary();
        if (peek().op("::")) {
            throw new Unsupported("the :: cast is not supported; use a TO_* function", peek().offset());
        }
        return e;
    }

    private Expr primary() {
        Token t = next();
        switch (t.kind()) {
            case STRING:
                return new Literal(t.text(), t.offset());
            case INTEGER:
            case DECIMAL: {
                Object n = t.kind() == Kind.INTEGER ? parseLong(t) : (Object) Double.parseDouble(t.text());
                Token unit = peek();
                if (unit.kind() == Kind.IDENT && EsqlValues.Span.unit(unit.text()) != null) {
                    next();
                    if (!(n instanceof Long l)) {
                        throw error("a time span takes a whole number", t);
                    }
                    return new Literal(new EsqlValues.Span(l, EsqlValues.Span.unit(unit.text())), t.offset());
                }
                return new Literal(n, t.offset());
            }
            case QUOTED_IDENT:
                return new Column(t.text(), t.offset());
            case IDENT: {
                if (t.is("null")) {
                    return new Literal(null, t.offset());
                }
                if (t.is("true") || t.is("false")) {
                    return new Literal(t.is("true"), t.offset());
                }
                if (peek().op("(")) {
                    next();
                    List<Expr> args = new ArrayList<>();
                    boolean star = false;
                    if (peek().op("*")) {
                        next();
                        star = true;
                    } else if (!peek().op(")")) {
                        do {
                            args.add(expression());
                        } while (accept(","));
                    }
                    expect(")");
                    return new Call(t.text().toLowerCase(Locale.ROOT), args, star, t.offset());
                }
                return new Column(t.text(), t.offset());
            }
            case OP:
                if (t.text().equals("(")) {
                    Expr e = expression();
                    expect(")");
                    return e;
                }
                if (t.text().equals("[")) {
                    throw new Unsupported("multi-value literals [..] are not supported", t.offset());
                }
                break;
            default:
                break;
        }
        throw error("unexpected '" + t.text() + "'", t);
    }

    private static Long parseLong(Token t) {
        try {
            return Long.parseLong(t.text());
        } catch (NumberFormatException e) {
            throw RuleSyntaxException.inQuery("number out of range", t.offset());
        }
    }

    // ---- tokens

    private Token peek() {
        return tokens.get(p);
    }

    private Token next() {
        Token t = tokens.get(p);
        if (t.kind() != Kind.EOF) {
            p++;
        }
        return t;
    }

    private boolean accept(String opOrKeyword) {
        Token t = peek();
        if (t.op(opOrKeyword) || t.is(opOrKeyword)) {
            p++;
            return true;
        }
        return false;
    }

    private void expect(String op) {
        if (!accept(op)) {
            throw error("expected '" + op + "'");
        }
    }

    private boolean atCommandEnd() {
        return peek().op("|") || peek().kind() == Kind.EOF;
    }

    /** The query's text from {@code start} to the end of the last token read, spaces collapsed: an unnamed column's name. */
    private String text(int start) {
        Token last = tokens.get(Math.max(0, p - 1));
        int end = last.offset() + Math.max(1, last.text().length());
        if (last.kind() == Kind.STRING) {
            end = query.indexOf('"', last.offset() + 1) + 1;
        }
        return query.substring(start, Math.min(query.length(), Math.max(start, end))).replaceAll("\\s+", " ").trim();
    }

    private RuleSyntaxException error(String message) {
        return error(message, peek());
    }

    private RuleSyntaxException error(String message, Token at) {
        return RuleSyntaxException.inQuery(message, at.offset());
    }
}
