package io.trailhound.core.rules.elastic;

import io.trailhound.core.rules.load.RuleSyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits EQL text into tokens: identifiers (backquoted ones too), strings ({@code "…"} with
 * escapes, {@code """raw"""}, {@code ?"raw"}), numbers (with a time unit suffix kept, for
 * {@code maxspan=15m}), and operators. Comments ({@code /* … *}{@code /}, {@code //}) are skipped.
 */
final class EqlLexer {
    enum Type { IDENT, STRING, NUMBER, OP, END }

    record Token(Type type, String text, int offset) {
        boolean is(String s) {
            return (type == Type.OP || type == Type.IDENT) && text.equalsIgnoreCase(s);
        }
    }

    private final String src;
    private int pos;
    private final List<Token> out = new ArrayList<>();

    private EqlLexer(String src) {
        this.src = src;
    }

    static List<Token> tokens(String src) {
        EqlLexer l = new EqlLexer(src);
        l.run();
        return l.out;
    }

    private void run() {
        while (true) {
            skipSpaceAndComments();
            if (pos >= src.length()) {
                out.add(new Token(Type.END, "", pos));
                return;
            }
            int start = pos;
            char c = src.charAt(pos);
            if (src.startsWith("\"\"\"", pos)) {
                int end = src.indexOf("\"\"\"", pos + 3);
                if (end < 0) {
                    throw RuleSyntaxException.inQuery("unterminated raw string", start);
                }
                out.add(new Token(Type.STRING, src.substring(pos + 3, end), start));
                pos = end + 3;
            } else if (c == '?' && pos + 1 < src.length() && src.charAt(pos + 1) == '"') {
                int end = src.indexOf('"', pos + 2);
                if (end < 0) {
                    throw RuleSyntaxException.inQuery("unterminated raw string", start);
                }
                out.add(new Token(Type.STRING, src.substring(pos + 2, end), start));
                pos = end + 1;
            } else if (c == '"' || c == '\'') {
                out.add(new Token(Type.STRING, string(c), start));
            } else if (c == '`') {
                int end = src.indexOf('`', pos + 1);
                if (end < 0) {
                    throw RuleSyntaxException.inQuery("unterminated `field`", start);
                }
                out.add(new Token(Type.IDENT, src.substring(pos + 1, end), start));
                pos = end + 1;
            } else if (Character.isDigit(c) || (c == '-' && pos + 1 < src.length()
                    && Character.isDigit(src.charAt(pos + 1)) && lastIsOperator())) {
                pos++;
                while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '.')) {
                    pos++;
                }
                out.add(new Token(Type.NUMBER, src.substring(start, pos), start));
            } else if (Character.isLetter(c) || c == '_' || c == '@') {
                while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos))
                        || "_@-.".indexOf(src.charAt(pos)) >= 0)) {
                    pos++;
                }
                out.add(new Token(Type.IDENT, src.substring(start, pos), start));
            } else {
                String two = pos + 1 < src.length() ? src.substring(pos, pos + 2) : "";
                if (two.equals("==") || two.equals("!=") || two.equals("<=") || two.equals(">=")) {
                    pos += 2;
                    out.add(new Token(Type.OP, two, start));
                } else if ("()[],<>:~=".indexOf(c) >= 0) {
                    pos++;
                    out.add(new Token(Type.OP, String.valueOf(c), start));
                } else {
                    throw RuleSyntaxException.inQuery("unexpected '" + c + "'", start);
                }
            }
        }
    }

    private boolean lastIsOperator() {
        return out.isEmpty() || out.get(out.size() - 1).type() == Type.OP;
    }

    private String string(char quote) {
        int start = pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= src.length()) {
                throw RuleSyntaxException.inQuery("unterminated string", start);
            }
            char c = src.charAt(pos++);
            if (c == quote) {
                return sb.toString();
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (pos >= src.length()) {
                throw RuleSyntaxException.inQuery("unterminated string", start);
            }
            char n = src.charAt(pos++);
            switch (n) {
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case '"', '\'', '\\' -> sb.append(n);
                case 'u' -> {
                    int close = src.indexOf('}', pos);
                    if (pos >= src.length() || src.charAt(pos) != '{' || close < 0) {
                        throw RuleSyntaxException.inQuery("bad \\u{…} escape", pos - 2);
                    }
                    try {
                        sb.appendCodePoint(Integer.parseInt(src.substring(pos + 1, close), 16));
                    } catch (IllegalArgumentException e) {
                        throw RuleSyntaxException.inQuery("bad \\u{…} escape", pos - 2);
                    }
                    pos = close + 1;
                }
                default -> throw RuleSyntaxException.inQuery("unknown escape '\\" + n + "'", pos - 2);
            }
        }
    }

    private void skipSpaceAndComments() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (src.startsWith("/*", pos)) {
                int end = src.indexOf("*/", pos + 2);
                if (end < 0) {
                    throw RuleSyntaxException.inQuery("unterminated comment", pos);
                }
                pos = end + 2;
            } else if (src.startsWith("//", pos)) {
                int end = src.indexOf('\n', pos);
                pos = end < 0 ? src.length() : end + 1;
            } else {
                return;
            }
        }
    }
}
