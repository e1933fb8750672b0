package io.trailhound.core.rules.esql;

import io.trailhound.core.rules.load.RuleSyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an ES|QL query into tokens: identifiers (dotted, {@code @timestamp}, back-quoted),
 * strings ({@code "..."} with escapes, {@code """...""")} raw), numbers, operators and the pipe.
 * Comments ({@code //} and {@code /* *}{@code /}) are skipped. Keywords are identifiers; the
 * parser compares them case-insensitively, as ES|QL does.
 */
final class EsqlLexer {
    enum Kind { IDENT, QUOTED_IDENT, STRING, INTEGER, DECIMAL, OP, EOF }

    record Token(Kind kind, String text, int offset) {
        boolean is(String keyword) {
            return kind == Kind.IDENT && text.equalsIgnoreCase(keyword);
        }

        boolean op(String symbol) {
            return kind == Kind.OP && text.equals(symbol);
        }
    }

    private static final String[] OPS = {"==", "!=", "<=", ">=", "=~", "<", ">", "=", "+", "-", "*", "/", "%",
        "(", ")", ",", "|", "[", "]", "::"};

    private final String q;
    private int i;

    private EsqlLexer(String q) {
        this.q = q;
    }

    /** The tokens of {@code query} from offset {@code from} on (offsets stay those of the whole query). */
    static List<Token> tokens(String query, int from) {
        EsqlLexer l = new EsqlLexer(query);
        l.i = from;
        List<Token> out = new ArrayList<>();
        Token t;
        do {
            t = l.next();
            out.add(t);
        } while (t.kind() != Kind.EOF);
        return out;
    }

    private Token next() {
        skipSpaceAndComments();
        if (i >= q.length()) {
            return new Token(Kind.EOF, "", i);
        }
        int start = i;
        char c = q.charAt(i);
        if (c == '"') {
            return string(start);
        }
        if (c == '`') {
            int end = q.indexOf('`', i + 1);
            if (end < 0) {
                throw RuleSyntaxException.inQuery("unterminated quoted name", start);
            }
            i = end + 1;
            return new Token(Kind.QUOTED_IDENT, q.substring(start + 1, end), start);
        }
        if (Character.isDigit(c)) {
            while (i < q.length() && Character.isDigit(q.charAt(i))) {
                i++;
            }
            boolean decimal = false;
            if (i + 1 < q.length() && q.charAt(i) == '.' && Character.isDigit(q.charAt(i + 1))) {
                decimal = true;
                i++;
                while (i < q.length() && Character.isDigit(q.charAt(i))) {
                    i++;
                }
            }
            return new Token(decimal ? Kind.DECIMAL : Kind.INTEGER, q.substring(start, i), start);
        }
        if (identStart(c)) {
            i++;
            while (i < q.length() && (identPart(q.charAt(i))
                    || q.charAt(i) == '.' && i + 1 < q.length() && (identPart(q.charAt(i + 1)) || q.charAt(i + 1) == '*')
                    || q.charAt(i) == '*' && q.charAt(i - 1) == '.')) {
                i++;
            }
            return new Token(Kind.IDENT, q.substring(start, i), start);
        }
        for (String op : OPS) {
            if (q.startsWith(op, i)) {
                i += op.length();
                return new Token(Kind.OP, op, start);
            }
        }
        throw RuleSyntaxException.inQuery("unexpected character '" + c + "'", start);
    }

    private static boolean identStart(char c) {
        return Character.isLetter(c) || c == '_' || c == '@';
    }

    private static boolean identPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '@';
    }

    private void skipSpaceAndComments() {
        while (i < q.length()) {
            char c = q.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (q.startsWith("//", i)) {
                while (i < q.length() && q.charAt(i) != '\n') {
                    i++;
                }
            } else if (q.startsWith("/*", i)) {
                int end = q.indexOf("*/", i + 2);
                if (end < 0) {
                    throw RuleSyntaxException.inQuery("unterminated comment", i);
                }
                i = end + 2;
            } else {
                return;
            }
        }
    }

    /** {@code """raw"""} or {@code "with \" escapes"}. */
    private Token string(int start) {
        if (q.startsWith("\"\"\"", i)) {
            int end = q.indexOf("\"\"\"", i + 3);
            if (end < 0) {
                throw RuleSyntaxException.inQuery("unterminated string", start);
            }
            // As ES|QL's grammar: the closing quotes are the last of a run of quotes.
            while (end + 3 < q.length() && q.charAt(end + 3) == '"') {
                end++;
            }
            i = end + 3;
            return new Token(Kind.STRING, q.substring(start + 3, end), start);
        }
        StringBuilder sb = new StringBuilder();
        i++;
        while (i < q.length()) {
            char c = q.charAt(i++);
            if (c == '"') {
                return new Token(Kind.STRING, sb.toString(), start);
            }
            if (c == '\\' && i < q.length()) {
                char n = q.charAt(i++);
                switch (n) {
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case 'r' -> sb.append('\r');
                    case '"' -> sb.append('"');
                    case '\\' -> sb.append('\\');
                    default -> throw RuleSyntaxException.inQuery("invalid escape '\\" + n + "' in string", i - 2);
                }
            } else if (c == '\n' || c == '\r') {
                throw RuleSyntaxException.inQuery("line break in a quoted string", i - 1);
            } else {
                sb.append(c);
            }
        }
        throw RuleSyntaxException.inQuery("unterminated string", start);
    }
}
