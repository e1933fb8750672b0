package io.trailhound.core.rules.falco;

import io.trailhound.core.rules.load.RuleLimits;
import io.trailhound.core.rules.load.RuleSyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the {@code %field} tokens of a Falco output as libsinsp's event formatter does: after
 * {@code %} come optional width digits, then the longest prefix that is a known field (so
 * {@code %ct.user.arn,} is {@code ct.user.arn} and {@code %ct.srcip.} is {@code ct.srcip}), with a
 * bracketed argument ({@code %json.value[/a/b]}) or a transformer ({@code %tolower(ct.user)}).
 * Anything else is literal text. A name that starts like a field but is none is an error.
 */
final class OutputParser {
    private final FieldCatalog catalog;
    private final FieldResolver resolver;

    public OutputParser(FieldCatalog catalog) {
        this.catalog = catalog;
        this.resolver = new FieldResolver(catalog);
    }

    public FalcoOutput parse(String format) throws RuleSyntaxException {
        if (format.endsWith("%")) {
            throw new RuleSyntaxException("output ends with '%'", format.length() - 1);
        }
        List<FalcoOutput.Part> parts = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int i = 0;
        while (i < format.length()) {
            char c = format.charAt(i);
            if (c != '%') {
                text.append(c);
                i++;
                continue;
            }
            int start = i++;
            int width = 0;
            while (i < format.length() && Character.isDigit(format.charAt(i)) && width < 10_000) {
                width = width * 10 + (format.charAt(i++) - '0');
            }
            int[] end = new int[1];
            Ast.FieldExpr expr = token(format, i, end, 0);
            if (expr == null) {
                text.append(format, start, i);
                continue;
            }
            if (text.length() > 0) {
                parts.add(new FalcoOutput.Text(text.toString()));
                text.setLength(0);
            }
            TypedField f = resolver.resolve(expr);
            parts.add(new FalcoOutput.FieldToken(format.substring(i, end[0]), f.accessor(), width));
            i = end[0];
        }
        if (text.length() > 0) {
            parts.add(new FalcoOutput.Text(text.toString()));
        }
        return new FalcoOutput(parts);
    }

    /**
     * The field expression starting at {@code i}, its end in {@code end[0]}; null when no name
     * starts there. Transformers nest at most {@link RuleLimits#MAX_NESTING} deep, as in conditions.
     */
    private Ast.FieldExpr token(String s, int i, int[] end, int depth) throws RuleSyntaxException {
        int nameEnd = scanName(s, i);
        if (nameEnd == i) {
            return null;
        }
        String name = s.substring(i, nameEnd);
        if (nameEnd < s.length() && s.charAt(nameEnd) == '(' && ConditionParser.TRANSFORMERS.contains(name)) {
            if (depth >= RuleLimits.MAX_NESTING) {
                throw new RuleSyntaxException("transformers nested deeper than " + RuleLimits.MAX_NESTING, i);
            }
            Ast.FieldExpr inner = token(s, nameEnd + 1, end, depth + 1);
            if (inner == null || end[0] >= s.length() || s.charAt(end[0]) != ')') {
                throw new RuleSyntaxException("expecting a field and ')' after " + name + "(", i);
            }
            end[0]++;
            return new Ast.Transform(name, inner, i);
        }
        // Longest known prefix: drop trailing '.segment's until a field is found.
        String n = name;
        while (catalog.find(n) == null && n.lastIndexOf('.') > 0) {
            n = n.substring(0, n.lastIndexOf('.'));
        }
        if (catalog.find(n) == null) {
            if (name.indexOf('.') < 0) {
                return null; // "%d", "100%abc": not a field reference at all
            }
            throw new RuleSyntaxException("unknown field '" + name + "' in output", i);
        }
        int e = i + n.length();
        String arg = null;
        if (n.equals(name) && e < s.length() && s.charAt(e) == '[') {
            int close = s.indexOf(']', e);
            if (close < 0) {
                throw new RuleSyntaxException("missing ']' after %" + n + "[", e);
            }
            arg = s.substring(e + 1, close);
            e = close + 1;
        }
        end[0] = e;
        return new Ast.Field(n, arg, i);
    }

    private static int scanName(String s, int i) {
        int j = i;
        while (j < s.length()) {
            int seg = j;
            while (j < s.length() && Character.isLetter(s.charAt(j)) && s.charAt(j) < 128) {
                j++;
            }
            if (j == seg) {
                return seg > i ? seg - 1 : i; // back off a dot not followed by a segment
            }
            while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) && s.charAt(j) < 128
                    || s.charAt(j) == '_')) {
                j++;
            }
            if (j >= s.length() || s.charAt(j) != '.') {
                return j;
            }
            j++;
        }
        return j;
    }
}
