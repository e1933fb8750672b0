package io.trailhound.core.rules.falco;

import com.google.re2j.PatternSyntaxException;
import io.trailhound.core.rules.ir.Matcher;
import io.trailhound.core.rules.ir.Matchers;
import io.trailhound.core.rules.ir.Regexes;
import io.trailhound.core.rules.load.RuleSyntaxException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/**
 * Falco's comparison operators as value matchers, with the checks Falco makes at compile time: the
 * literal must parse as the field's type, the operator must be allowed on it, a regex must compile.
 * Equality and {@code in} use {@link Matchers#equalTo} / {@link Matchers#in} so the engine can index
 * rules by {@code ct.name}.
 */
final class Operators {
    private Operators() {
    }

    /** The matcher for {@code field op literal}; {@code offset} locates errors. */
    static Matcher scalar(String op, TypedField field, String literal, int offset) throws RuleSyntaxException {
        boolean numeric = field.type() == FieldType.UINT64;
        switch (op) {
            case "=":
                return numeric ? Matchers.compare(Matchers.NumericOp.EQ, number(literal, offset))
                        : Matchers.equalTo(literal, false);
            case "!=":
                return numeric ? Matchers.compare(Matchers.NumericOp.NE, number(literal, offset))
                        : Matchers.not(Matchers.equalTo(literal, false));
            case "<", "<=", ">", ">=":
                Matchers.NumericOp o = numericOp(op);
                return numeric ? Matchers.compare(o, number(literal, offset)) : Matchers.compareText(o, literal);
            default:
                break;
        }
        if (numeric) {
            throw new RuleSyntaxException("operator '" + op + "' is not allowed on the numeric field "
                    + field.text(), offset);
        }
        return switch (op) {
            case "contains" -> Matchers.contains(literal, false);
            case "icontains" -> Matchers.contains(literal, true);
            case "startswith" -> Matchers.startsWith(literal, false);
            case "endswith" -> Matchers.endsWith(literal, false);
            case "glob" -> glob(literal, false, offset);
            case "iglob" -> glob(literal, true, offset);
            case "regex" -> regex(literal, offset);
            case "bcontains", "bstartswith" -> throw new RuleSyntaxException("operator '" + op
                    + "' works on binary buffers only; " + field.text() + " is a string", offset);
            default -> throw new RuleSyntaxException("operator '" + op + "' needs a list", offset);
        };
    }

    /** {@code in}, {@code intersects}, {@code pmatch} over a list of literals. */
    static Matcher list(String op, TypedField field, List<String> items, int offset) throws RuleSyntaxException {
        if (op.equals("pmatch")) {
            if (field.type() != FieldType.STRING) {
                throw new RuleSyntaxException("pmatch needs a string field, not " + field.text(), offset);
            }
            try {
                return new PathPrefix(items);
            } catch (PatternSyntaxException e) {
                throw new RuleSyntaxException("invalid pmatch pattern: " + e.getDescription(), offset);
            }
        }
        if (field.type() == FieldType.UINT64) {
            // Numbers compare as numbers (0x96 is 150), as the plugin's uint64 values do.
            List<Matcher> each = new java.util.ArrayList<>();
            for (String i : items) {
                each.add(scalar("=", field, i, offset));
            }
            return Matchers.anyOf(each);
        }
        return Matchers.in(items, false);
    }

    /** {@code op anyof|allof|oneof (…)}: the operator against each item, combined. */
    static Matcher modified(String op, String modifier, TypedField field, List<String> items, int offset)
            throws RuleSyntaxException {
        List<Matcher> each = new java.util.ArrayList<>();
        for (String i : items) {
            each.add(scalar(op, field, i, offset));
        }
        return switch (modifier) {
            case "anyof" -> Matchers.anyOf(each);
            case "allof" -> Matchers.allOf(each);
            default -> Matchers.oneOf(each);
        };
    }

    static Matchers.NumericOp numericOp(String op) {
        return switch (op) {
            case "<" -> Matchers.NumericOp.LT;
            case "<=" -> Matchers.NumericOp.LE;
            case ">" -> Matchers.NumericOp.GT;
            case ">=" -> Matchers.NumericOp.GE;
            case "!=" -> Matchers.NumericOp.NE;
            default -> Matchers.NumericOp.EQ;
        };
    }

    private static Matcher glob(String literal, boolean ignoreCase, int offset) throws RuleSyntaxException {
        try {
            return Matchers.named(Globs.compile(literal, ignoreCase)::matches,
                    (ignoreCase ? "iglob \"" : "glob \"") + literal + '"');
        } catch (PatternSyntaxException e) {
            throw new RuleSyntaxException("invalid glob '" + literal + "': " + e.getDescription(), offset);
        }
    }

    private static Matcher regex(String literal, int offset) throws RuleSyntaxException {
        try {
            // Falco runs RE2 in POSIX mode and requires the whole value to match.
            return Matchers.regex(Regexes.compile(literal), true);
        } catch (PatternSyntaxException e) {
            throw new RuleSyntaxException("invalid regex '" + literal + "': " + e.getDescription(), offset);
        }
    }

    /** Falco's Number: decimal, with optional fraction and exponent, or 0x hex. */
    static BigDecimal number(String literal, int offset) throws RuleSyntaxException {
        String s = literal.trim();
        try {
            if (s.startsWith("0x") || s.startsWith("0X")) {
                return new BigDecimal(new BigInteger(s.substring(2), 16));
            }
            return new BigDecimal(s.startsWith("+") ? s.substring(1) : s);
        } catch (NumberFormatException e) {
            throw new RuleSyntaxException("'" + literal + "' is not a number", offset);
        }
    }
}
