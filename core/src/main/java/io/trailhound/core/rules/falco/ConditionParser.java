package io.trailhound.core.rules.falco;

import io.trailhound.core.rules.load.RuleLimits;
import io.trailhound.core.rules.load.RuleSyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Falco's filter grammar (libsinsp {@code filter/parser.h}), by recursive descent: {@code or} over
 * {@code and} over {@code not} over checks, n-ary and/or, keywords needing a following blank or
 * parenthesis, word operators needing a following blank, quoted strings with Falco's escapes, and
 * a depth limit so a hostile file cannot overflow the stack. Lists must already be substituted
 * ({@link ListSubstitution}); a bare identifier in check position is a macro reference.
 */
final class ConditionParser {
    private static final int MAX_DEPTH = RuleLimits.MAX_NESTING;
    /** Symbol operators, longest first so {@code <=} wins over {@code <}. */
    private static final List<String> SYMBOL_OPS = List.of("<=", "<", ">=", ">", "==", "=", "!=");
    /** Word operators, which Falco requires to be followed by a blank. */
    private static final List<String> WORD_OPS = List.of("glob", "iglob", "contains", "icontains", "bcontains",
            "startswith", "bstartswith", "endswith", "regex");
    private static final List<String> LIST_OPS = List.of("intersects", "in", "pmatch");
    private static final List<String> MODIFIERS = List.of("oneof", "anyof", "allof");
    /** Transformers usable on either side; {@code val} only on the right. */
    public static final Set<String> TRANSFORMERS = Set.of("tolower", "toupper", "b64", "basename", "len");

    private final String text;
    private int pos;
    private int depth;

    private ConditionParser(String text) {
        this.text = text;
    }

    public static Ast parse(String condition) throws RuleSyntaxException {
        ConditionParser p = new ConditionParser(condition);
        p.blanks();
        if (p.atEnd()) {
            throw new RuleSyntaxException("empty condition", 0);
        }
        Ast e = p.orExpr();
        p.blanks();
        if (!p.atEnd()) {
            throw new RuleSyntaxException("unexpected token after '" + condition.substring(0, p.pos).strip()
                    + "', expecting 'or', 'and'", p.pos);
        }
        return e;
    }

    private Ast orExpr() throws RuleSyntaxException {
        enter();
        List<Ast> parts = new ArrayList<>(List.of(andExpr()));
        while (true) {
            blanks();
            if (!keyword("or")) {
                break;
            }
            parts.add(andExpr());
        }
        depth--;
        return parts.size() == 1 ? parts.get(0) : new Ast.Or(parts);
    }

    private Ast andExpr() throws RuleSyntaxException {
        List<Ast> parts = new ArrayList<>(List.of(notExpr()));
        while (true) {
            int save = pos;
            blanks();
            if (!keyword("and")) {
                pos = save;
                break;
            }
            parts.add(notExpr());
        }
        return parts.size() == 1 ? parts.get(0) : new Ast.And(parts);
    }

    private Ast notExpr() throws RuleSyntaxException {
        boolean negate = false;
        blanks();
        while (keyword("not")) {
            negate = !negate;
            blanks();
        }
        Ast c = check();
        return negate ? new Ast.Not(c) : c;
    }

    private Ast check() throws RuleSyntaxException {
        blanks();
        int start = pos;
        if (eat("(")) {
            Ast e = orExpr();
            blanks();
            expect(")");
            return e;
        }
        String id = identifier();
        if (id == null) {
            throw new RuleSyntaxException(atEnd() ? "unexpected end of condition, expecting a field or macro"
                    : "unexpected token '" + token() + "', expecting a field, macro or '('", pos);
        }
        Ast.FieldExpr field;
        if (TRANSFORMERS.contains(id) && peek() == '(') {
            pos = start;
            field = fieldExpr();
        } else if (id.indexOf('.') < 0) {
            return new Ast.MacroRef(id, start);
        } else {
            pos = start;
            field = fieldExpr();
        }
        return condition(field, start);
    }

    private Ast condition(Ast.FieldExpr field, int start) throws RuleSyntaxException {
        blanks();
        int opAt = pos;
        if (word("exists")) {
            return new Ast.Check(field, "exists", null, null, start);
        }
        for (String op : SYMBOL_OPS) {
            if (text.startsWith(op, pos)) {
                pos += op.length();
                return new Ast.Check(field, op.equals("==") ? "=" : op, null, scalarValue(), start);
            }
        }
        for (String op : WORD_OPS) {
            if (text.startsWith(op, pos) && (isBlank(charAt(pos + op.length())) || pos + op.length() == text.length())) {
                pos += op.length();
                blanks();
                for (String m : MODIFIERS) {
                    if (word(m)) {
                        return new Ast.Check(field, op, m, listValue(), start);
                    }
                }
                return new Ast.Check(field, op, null, scalarValue(), start);
            }
        }
        for (String op : LIST_OPS) {
            if (word(op)) {
                return new Ast.Check(field, op, null, listOrField(), start);
            }
        }
        throw new RuleSyntaxException(atEnd() ? "unexpected end of condition after field, expecting an operator"
                : "unknown operator '" + token() + "' after " + describe(field), opAt);
    }

    private static String describe(Ast.FieldExpr f) {
        return f instanceof Ast.Field x ? "'" + x.text() + "'" : "transformer";
    }

    private Ast.Value scalarValue() throws RuleSyntaxException {
        blanks();
        Ast.Value f = fieldValue();
        if (f != null) {
            return f;
        }
        int at = pos;
        String s = string();
        if (s == null) {
            throw new RuleSyntaxException(atEnd() ? "unexpected end of condition, expecting a value"
                    : "unexpected token '" + token() + "', expecting a value", at);
        }
        return new Ast.Literal(s, at);
    }

    private Ast.Value listOrField() throws RuleSyntaxException {
        blanks();
        Ast.Value f = fieldValue();
        return f != null ? f : listValue();
    }

    private Ast.ListValue listValue() throws RuleSyntaxException {
        blanks();
        int at = pos;
        if (!eat("(")) {
            throw new RuleSyntaxException("expecting a list '(...)'" + (atEnd() ? "" : ", not '" + token() + "'"),
                    at);
        }
        List<Ast.Literal> items = new ArrayList<>();
        blanks();
        if (eat(")")) {
            return new Ast.ListValue(items, at);
        }
        while (true) {
            blanks();
            int itemAt = pos;
            String s = string();
            if (s == null) {
                throw new RuleSyntaxException("expecting a list item" + (atEnd() ? "" : ", not '" + token()
                        + "'"), itemAt);
            }
            items.add(new Ast.Literal(s, itemAt));
            blanks();
            if (eat(")")) {
                return new Ast.ListValue(items, at);
            }
            if (!eat(",")) {
                throw new RuleSyntaxException("expecting ',' or ')' in list", pos);
            }
        }
    }

    /** {@code val(field)} or {@code transformer(...)} on the right side, else null (nothing consumed). */
    private Ast.Value fieldValue() throws RuleSyntaxException {
        int start = pos;
        String id = identifier();
        if (id != null && peek() == '(' && (id.equals("val") || TRANSFORMERS.contains(id))) {
            if (id.equals("val")) {
                pos++;
                blanks();
                Ast.FieldExpr inner = fieldExpr();
                blanks();
                expect(")");
                return new Ast.FieldValue(inner);
            }
            pos = start;
            return new Ast.FieldValue(fieldExpr());
        }
        pos = start;
        return null;
    }

    private Ast.FieldExpr fieldExpr() throws RuleSyntaxException {
        enter();
        int start = pos;
        String id = identifier();
        if (id == null) {
            throw new RuleSyntaxException("expecting a field", pos);
        }
        Ast.FieldExpr out;
        if (peek() == '(') {
            if (!TRANSFORMERS.contains(id)) {
                throw new RuleSyntaxException("unknown transformer '" + id + "'", start);
            }
            pos++;
            blanks();
            Ast.FieldExpr inner = fieldExpr();
            blanks();
            expect(")");
            out = new Ast.Transform(id, inner, start);
        } else {
            if (id.indexOf('.') < 0) {
                throw new RuleSyntaxException("'" + id + "' is not a field name", start);
            }
            String arg = null;
            if (eat("[")) {
                arg = fieldArg();
                expect("]");
            }
            out = new Ast.Field(id, arg, start);
        }
        depth--;
        return out;
    }

    private String fieldArg() throws RuleSyntaxException {
        char c = peek();
        if (c == '"' || c == '\'') {
            return quoted();
        }
        int start = pos;
        while (!atEnd() && "[]\"'".indexOf(peek()) < 0 && !Character.isWhitespace(peek())) {
            pos++;
        }
        if (pos == start) {
            throw new RuleSyntaxException("empty field argument", pos);
        }
        return text.substring(start, pos);
    }

    /** {@code [a-zA-Z]+[a-zA-Z0-9_]*} segments joined by dots, or null (nothing consumed). */
    private String identifier() {
        int start = pos;
        while (true) {
            int seg = pos;
            while (!atEnd() && isLetter(peek())) {
                pos++;
            }
            if (pos == seg) {
                // A segment must start with a letter; back off a trailing dot.
                if (pos > start && text.charAt(pos - 1) == '.') {
                    pos--;
                }
                break;
            }
            while (!atEnd() && (isLetter(peek()) || Character.isDigit(peek()) || peek() == '_')) {
                pos++;
            }
            if (peek() != '.') {
                break;
            }
            pos++;
        }
        return pos == start ? null : text.substring(start, pos);
    }

    /** A quoted or bare string, or null when none starts here. */
    private String string() throws RuleSyntaxException {
        char c = peek();
        if (c == '"' || c == '\'') {
            return quoted();
        }
        int start = pos;
        while (!atEnd() && "()\"'=,".indexOf(peek()) < 0 && !isBlank(peek())) {
            pos++;
        }
        return pos == start ? null : text.substring(start, pos);
    }

    private String quoted() throws RuleSyntaxException {
        int start = pos;
        char q = text.charAt(pos++);
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (atEnd()) {
                throw new RuleSyntaxException("unterminated string", start);
            }
            char c = text.charAt(pos++);
            if (c == q) {
                return sb.toString();
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (atEnd()) {
                throw new RuleSyntaxException("unterminated string", start);
            }
            char e = text.charAt(pos++);
            switch (e) {
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case '\\' -> sb.append('\\');
                case '/' -> sb.append('/');
                case 'x' -> sb.append(hexByte());
                default -> {
                    if (e != q) {
                        throw new RuleSyntaxException("invalid escape '\\" + e + "' in string", pos - 2);
                    }
                    sb.append(e);
                }
            }
        }
    }

    private char hexByte() throws RuleSyntaxException {
        if (pos + 2 > text.length()) {
            throw new RuleSyntaxException("invalid \\x escape", pos - 2);
        }
        try {
            char c = (char) Integer.parseInt(text.substring(pos, pos + 2), 16);
            pos += 2;
            return c;
        } catch (NumberFormatException e) {
            throw new RuleSyntaxException("invalid \\x escape", pos - 2);
        }
    }

    /**
     * A keyword followed by a blank or '(' (Falco's {@code and(}, {@code not(}), or ending the text
     * (then the missing operand is reported, not the keyword).
     */
    private boolean keyword(String k) {
        if (text.startsWith(k, pos)) {
            char after = charAt(pos + k.length());
            if (isBlank(after) || after == '(' || pos + k.length() == text.length()) {
                pos += k.length();
                return true;
            }
        }
        return false;
    }

    /** A word operator followed by a blank, '(' or the end (for {@code exists}) or ')'. */
    private boolean word(String w) {
        if (text.startsWith(w, pos)) {
            char after = charAt(pos + w.length());
            if (after == 0 || isBlank(after) || after == '(' || after == ')') {
                pos += w.length();
                return true;
            }
        }
        return false;
    }

    private void enter() throws RuleSyntaxException {
        if (++depth > MAX_DEPTH) {
            throw new RuleSyntaxException("condition nested deeper than " + MAX_DEPTH, pos);
        }
    }

    private boolean eat(String s) {
        if (text.startsWith(s, pos)) {
            pos += s.length();
            return true;
        }
        return false;
    }

    private void expect(String s) throws RuleSyntaxException {
        if (!eat(s)) {
            throw new RuleSyntaxException("expecting '" + s + "'" + (atEnd() ? " before the end of condition"
                    : ", not '" + token() + "'"), pos);
        }
    }

    private String token() {
        int end = pos;
        while (end < text.length() && !isBlank(text.charAt(end)) && end - pos < 30) {
            end++;
        }
        return end == pos ? text.substring(pos, pos + 1) : text.substring(pos, end);
    }

    private void blanks() {
        while (!atEnd() && isBlank(peek())) {
            pos++;
        }
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\b' || c == '\r' || c == '\n';
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private boolean atEnd() {
        return pos >= text.length();
    }

    private char peek() {
        return charAt(pos);
    }

    private char charAt(int i) {
        return i < text.length() ? text.charAt(i) : 0;
    }
}
