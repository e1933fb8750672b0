package io.trailhound.core.rules.falco;

import io.trailhound.core.rules.ir.Matchers;
import io.trailhound.core.rules.ir.Predicate;
import io.trailhound.core.rules.load.RuleSyntaxException;
import java.util.Locale;

/** The operators Falco allows against another field ({@code val(f)} or a transformer on the right). */
final class Relations {
    private Relations() {
    }

    static Predicate.Relation of(String op, FieldType type, int offset) throws RuleSyntaxException {
        boolean numeric = type == FieldType.UINT64;
        return switch (op) {
            case "=", "in", "intersects" -> numeric ? (a, b) -> compareNumbers(a, b, Matchers.NumericOp.EQ)
                    : String::equals;
            case "!=" -> numeric ? (a, b) -> compareNumbers(a, b, Matchers.NumericOp.NE) : (a, b) -> !a.equals(b);
            case "<", "<=", ">", ">=" -> {
                var o = Operators.numericOp(op);
                yield numeric ? (a, b) -> compareNumbers(a, b, o) : (a, b) -> o.holds(Integer.signum(a.compareTo(b)));
            }
            case "contains" -> String::contains;
            case "icontains" -> (a, b) -> a.toLowerCase(Locale.ROOT).contains(
                    b.toLowerCase(Locale.ROOT));
            case "startswith" -> String::startsWith;
            case "endswith" -> String::endsWith;
            default -> throw new RuleSyntaxException("operator '" + op + "' cannot compare against another field",
                    offset);
        };
    }

    private static boolean compareNumbers(String a, String b, Matchers.NumericOp op) {
        try {
            return op.holds(Double.compare(Double.parseDouble(a.trim()), Double.parseDouble(b.trim())));
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
