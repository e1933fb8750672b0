package io.trailhound.core.rules.elastic;

import io.trailhound.core.rules.load.RuleLimits;
import io.trailhound.core.rules.load.RuleSyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * Kibana Query Language, parsed as Kibana's own grammar ({@code kuery.peggy}) reads it: {@code or}
 * binds loosest, then {@code and}, then {@code not}; keywords in any case; unquoted values may hold
 * spaces (up to the next keyword or special character) and {@code *} wildcards; backslash escapes
 * the special characters, whitespace and keywords; quoted values take {@code \"}, {@code \\},
 * {@code \t}, {@code \n}, {@code \r}, {@code \}{@code uXXXX}. Groups ({@code (...)},
 * {@code field:{...}}, value lists) nest at most {@link RuleLimits#MAX_NESTING} deep, so a hostile
 * query cannot overflow the stack.
 */
final class KqlParser {
    private static final String SPECIAL = "\\():<>\"*{}";

    private final String src;
    private int pos;
    private int depth;

    private KqlParser(String src) {
        this.src = src;
    }

    public static KqlNode parse(String query) {
        KqlParser p = new KqlParser(query);
        p.spaces();
        if (p.atEnd()) {
            throw RuleSyntaxException.inQuery("empty query", 0);
        }
        KqlNode n = p.orQuery();
        p.spaces();
        if (!p.atEnd()) {
            throw RuleSyntaxException.inQuery("unexpected '" + p.src.charAt(p.pos) + "'", p.pos);
        }
        return n;
    }

    private KqlNode orQuery() {
        List<KqlNode> parts = new ArrayList<>();
        parts.add(andQuery());
        while (keyword("or")) {
            parts.add(andQuery());
        }
        return parts.size() == 1 ? parts.get(0) : new KqlNode.Or(parts);
    }

    private KqlNode andQuery() {
        List<KqlNode> parts = new ArrayList<>();
        parts.add(notQuery());
        while (keyword("and")) {
            parts.add(notQuery());
        }
        return parts.size() == 1 ? parts.get(0) : new KqlNode.And(parts);
    }

    /** A run of {@code not}s is read in a loop: only its parity matters. */
    private KqlNode notQuery() {
        boolean negate = false;
        while (keyword("not")) {
            negate = !negate;
        }
        KqlNode n = subQuery();
        return negate ? new KqlNode.Not(n) : n;
    }

    private KqlNode subQuery() {
        spaces();
        if (peek('(')) {
            enter();
            KqlNode inner = orQuery();
            expect(')');
            depth--;
            return inner;
        }
        int start = pos;
        KqlValue first = literal();
        spaces();
        if (peek(':')) {
            pos++;
            spaces();
            if (peek('{')) {
                enter();
                KqlNode inner = orQuery();
                expect('}');
                depth--;
                return new KqlNode.Nested(fieldName(first, start), inner);
            }
            return new KqlNode.FieldMatch(fieldName(first, start), listOfValues());
        }
        if (peek('<') || peek('>')) {
            String op = String.valueOf(src.charAt(pos++));
            if (peek('=')) {
                op += "=";
                pos++;
            }
            spaces();
            return new KqlNode.Range(fieldName(first, start), op, literal());
        }
        return new KqlNode.FreeText(new KqlNode.One(first));
    }

    private KqlValue fieldName(KqlValue v, int at) {
        if (v.text().isEmpty()) {
            throw RuleSyntaxException.inQuery("missing field name", at);
        }
        return v;
    }

    private KqlNode.ValueExpr listOfValues() {
        spaces();
        if (peek('(')) {
            enter();
            KqlNode.ValueExpr inner = orList();
            expect(')');
            depth--;
            return inner;
        }
        return new KqlNode.One(literal());
    }

    private KqlNode.ValueExpr orList() {
        List<KqlNode.ValueExpr> parts = new ArrayList<>();
        parts.add(andList());
        while (keyword("or")) {
            parts.add(andList());
        }
        return parts.size() == 1 ? parts.get(0) : new KqlNode.AnyOf(parts);
    }

    private KqlNode.ValueExpr andList() {
        List<KqlNode.ValueExpr> parts = new ArrayList<>();
        parts.add(notList());
        while (keyword("and")) {
            parts.add(notList());
        }
        return parts.size() == 1 ? parts.get(0) : new KqlNode.AllOf(parts);
    }

    private KqlNode.ValueExpr notList() {
        boolean negate = false;
        while (keyword("not")) {
            negate = !negate;
        }
        KqlNode.ValueExpr v = listOfValues();
        return negate ? new KqlNode.NoneOf(v) : v;
    }

    /** Steps past an opening bracket, one level deeper. */
    private void enter() {
        if (++depth > RuleLimits.MAX_NESTING) {
            throw RuleSyntaxException.inQuery("groups nested deeper than " + RuleLimits.MAX_NESTING, pos);
        }
        pos++;
    }

    /** A quoted or unquoted literal; fails if there is none here. */
    private KqlValue literal() {
        spaces();
        if (peek('"')) {
            return quoted();
        }
        List<String> parts = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int start = pos;
        int lastNonSpace = -1; // length of cur at the last non-space char, to trim trailing spaces
        while (!atEnd()) {
            char c = src.charAt(pos);
            if (c == '\\') {
                pos++;
                cur.append(escaped());
                lastNonSpace = cur.length();
                continue;
            }
            if (c == '*') {
                trimTo(cur, lastNonSpace);
                parts.add(cur.toString());
                cur.setLength(0);
                lastNonSpace = 0;
                pos++;
                continue;
            }
            if (SPECIAL.indexOf(c) >= 0) {
                break;
            }
            if (Character.isWhitespace(c) && keywordAhead()) {
                break;
            }
            cur.append(c);
            if (!Character.isWhitespace(c)) {
                lastNonSpace = cur.length();
            }
            pos++;
        }
        trimTo(cur, lastNonSpace);
        parts.add(cur.toString());
        if (pos == start) {
            throw RuleSyntaxException.inQuery(atEnd() ? "expected a value, found the end of the query"
                    : "expected a value, found '" + src.charAt(pos) + "'", pos);
        }
        return new KqlValue(parts, false);
    }

    private static void trimTo(StringBuilder sb, int len) {
        if (len >= 0 && len < sb.length()) {
            sb.setLength(len);
        }
    }

    private String escaped() {
        if (atEnd()) {
            throw RuleSyntaxException.inQuery("backslash at the end of the query", pos - 1);
        }
        char c = src.charAt(pos);
        switch (c) {
            case 't' -> {
                pos++;
                return "\t";
            }
            case 'r' -> {
                pos++;
                return "\r";
            }
            case 'n' -> {
                pos++;
                return "\n";
            }
            case 'u' -> {
                return unicode();
            }
            default -> {
                for (String kw : new String[] {"and", "or", "not"}) {
                    if (src.regionMatches(true, pos, kw, 0, kw.length())) {
                        pos += kw.length();
                        return src.substring(pos - kw.length(), pos);
                    }
                }
                if (SPECIAL.indexOf(c) >= 0 || Character.isWhitespace(c)) {
                    pos++;
                    return String.valueOf(c);
                }
                throw RuleSyntaxException.inQuery("unknown escape '\\" + c + "'", pos - 1);
            }
        }
    }

    private String unicode() {
        if (pos + 5 > src.length()) {
            throw RuleSyntaxException.inQuery("incomplete \\u escape", pos - 1);
        }
        try {
            char ch = (char) Integer.parseInt(src.substring(pos + 1, pos + 5), 16);
            pos += 5;
            return String.valueOf(ch);
        } catch (NumberFormatException e) {
            throw RuleSyntaxException.inQuery("bad \\u escape", pos - 1);
        }
    }

    private KqlValue quoted() {
        int start = pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (atEnd()) {
                throw RuleSyntaxException.inQuery("unterminated quoted value", start);
            }
            char c = src.charAt(pos++);
            if (c == '"') {
                return new KqlValue(List.of(sb.toString()), true);
            }
            if (c == '\\') {
                if (atEnd()) {
                    throw RuleSyntaxException.inQuery("unterminated quoted value", start);
                }
                char n = src.charAt(pos);
                switch (n) {
                    case 't' -> sb.append('\t');
                    case 'r' -> sb.append('\r');
                    case 'n' -> sb.append('\n');
                    case 'u' -> {
                        sb.append(unicode());
                        continue;
                    }
                    case '"', '\\' -> sb.append(n);
                    default -> throw RuleSyntaxException.inQuery("unknown escape '\\" + n + "' in a quoted value", pos - 1);
                }
                pos++;
                continue;
            }
            sb.append(c);
        }
    }

    /** Whitespace then {@code and}/{@code or}/{@code not} then whitespace or a parenthesis: a keyword, not value text. */
    private boolean keywordAhead() {
        int i = pos;
        while (i < src.length() && Character.isWhitespace(src.charAt(i))) {
            i++;
        }
        for (String kw : new String[] {"and", "or", "not"}) {
            int end = i + kw.length();
            if (src.regionMatches(true, i, kw, 0, kw.length()) && end < src.length()
                    && (Character.isWhitespace(src.charAt(end)) || src.charAt(end) == '(')) {
                return true;
            }
        }
        // Trailing whitespace before a closing character or the end ends the value too.
        return i == src.length() || src.charAt(i) == ')' || src.charAt(i) == '}' || src.charAt(i) == ':';
    }

    /** Consumes the keyword (any case) when it comes next as a whole word. */
    private boolean keyword(String kw) {
        int save = pos;
        spaces();
        int end = pos + kw.length();
        if (src.regionMatches(true, pos, kw, 0, kw.length())
                && (end == src.length() || Character.isWhitespace(src.charAt(end)) || src.charAt(end) == '(')) {
            pos = end;
            return true;
        }
        pos = save;
        return false;
    }

    private void spaces() {
        while (!atEnd() && Character.isWhitespace(src.charAt(pos))) {
            pos++;
        }
    }

    private boolean peek(char c) {
        return !atEnd() && src.charAt(pos) == c;
    }

    private void expect(char c) {
        spaces();
        if (!peek(c)) {
            throw RuleSyntaxException.inQuery("expected '" + c + "'" + (atEnd() ? " before the end of the query"
                    : ", found '" + src.charAt(pos) + "'"), pos);
        }
        pos++;
    }

    private boolean atEnd() {
        return pos >= src.length();
    }
}
