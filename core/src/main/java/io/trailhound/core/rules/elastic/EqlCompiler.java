package io.trailhound.core.rules.elastic;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.trailhound.core.rules.ir.Accessor;
import io.trailhound.core.rules.ir.Matcher;
import io.trailhound.core.rules.ir.Matchers;
import io.trailhound.core.rules.ir.Predicate;
import io.trailhound.core.rules.ir.Predicates;
import io.trailhound.core.rules.ir.Quantifier;
import io.trailhound.core.rules.ir.Regexes;
import io.trailhound.core.rules.ir.Wildcard;
import io.trailhound.core.rules.load.RuleSyntaxException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Compiles an EQL event query to the rule IR with Elasticsearch's semantics on keyword fields:
 * {@code ==}, {@code in}, {@code like}, {@code regex} and the string functions are case-sensitive,
 * their {@code ~} forms and {@code :} are not; a multi-valued field matches when any value does;
 * {@code not} and {@code !=} hold on a missing field (Elasticsearch runs them as
 * {@code must_not}). The category before {@code where} is a test on {@code event.category}, or on
 * the rule's {@code event_category_override} field; {@code any} is no test.
 */
final class EqlCompiler {
    private final FieldResolver fields;
    private final String categoryField;

    /** @param categoryField the rule's {@code event_category_override}, or null for {@code event.category} */
    public EqlCompiler(FieldResolver fields, String categoryField) {
        this.fields = fields;
        this.categoryField = categoryField == null ? "event.category" : categoryField;
    }

    /** One step: its category test and its condition. */
    public Predicate compile(EqlQuery.Step step) {
        Predicate condition = node(step.condition());
        if (step.category().equalsIgnoreCase("any")) {
            return condition;
        }
        Predicate category = new Predicate.Match(fields.field(categoryField),
                Matchers.equalTo(step.category(), false), Quantifier.ANY);
        return Predicates.and(List.of(category, condition));
    }

    private Predicate node(EqlNode n) {
        if (n instanceof EqlNode.And a) {
            return Predicates.and(a.children().stream().map(this::node).toList());
        }
        if (n instanceof EqlNode.Or o) {
            return Predicates.or(o.children().stream().map(this::node).toList());
        }
        if (n instanceof EqlNode.Not x) {
            return Predicates.not(node(x.child()));
        }
        if (n instanceof EqlNode.Field f) {
            // A bare field is a boolean test.
            return new Predicate.Match(fields.field(f.name()), Matchers.equalTo("true", false), Quantifier.ANY);
        }
        if (n instanceof EqlNode.Literal l) {
            if (l.kind() == EqlNode.Literal.Kind.BOOLEAN) {
                return Boolean.parseBoolean(l.text()) ? Predicate.Const.TRUE : Predicate.Const.FALSE;
            }
            throw new RuleSyntaxException("a " + l.kind().name().toLowerCase(Locale.ROOT)
                    + " literal is not a condition");
        }
        if (n instanceof EqlNode.Compare c) {
            return compare(c);
        }
        if (n instanceof EqlNode.In in) {
            return in(in);
        }
        if (n instanceof EqlNode.Call call) {
            return call(call);
        }
        throw new RuleSyntaxException("a value list is not a condition");
    }

    private Predicate compare(EqlNode.Compare c) {
        EqlNode left = c.left();
        EqlNode right = c.right();
        String op = c.op();
        if (left instanceof EqlNode.Literal && right instanceof EqlNode.Field) {
            EqlNode t = left;
            left = right;
            right = t;
            op = flip(op);
        }
        if (left instanceof EqlNode.Call call) {
            throw new RuleSyntaxException("function " + call.function() + "() is not supported as a value");
        }
        if (!(left instanceof EqlNode.Field field)) {
            throw new RuleSyntaxException("the left of '" + op + "' must be a field");
        }
        Accessor f = fields.field(field.name());
        if (right instanceof EqlNode.Field other) {
            Accessor g = fields.field(other.name());
            return switch (op) {
                case "==" -> new Predicate.FieldCompare(f, g, String::equals);
                case "!=" -> Predicates.not(new Predicate.FieldCompare(f, g, String::equals));
                default -> throw new RuleSyntaxException("'" + op + "' between two fields is not supported");
            };
        }
        if (right instanceof EqlNode.ListOf list) {
            List<Matcher> ms = new ArrayList<>();
            List<String> literals = new ArrayList<>();
            for (EqlNode v : list.values()) {
                String pattern = literal(v);
                ms.add(patternMatcher(op, c.insensitive(), pattern));
                literals.add(unescape(pattern));
            }
            boolean allLiteral = !op.equals("regex") && ms.stream().allMatch(m -> m instanceof Predicates.Literal);
            // A list without wildcards is one set test, which the engine can index by event name.
            return match(f, allLiteral ? Matchers.in(literals, op.equals(":") || c.insensitive()) : Matchers.anyOf(ms));
        }
        EqlNode.Literal lit = (EqlNode.Literal) right;
        if (lit.kind() == EqlNode.Literal.Kind.NULL) {
            return switch (op) {
                case "==" -> Predicates.not(new Predicate.Exists(f));
                case "!=" -> new Predicate.Exists(f);
                default -> throw new RuleSyntaxException("null only compares with == and !=");
            };
        }
        return switch (op) {
            case "==" -> match(f, Matchers.equalTo(lit.text(), false));
            case "!=" -> Predicates.not(match(f, Matchers.equalTo(lit.text(), false)));
            case "<", "<=", ">", ">=" -> match(f, ordering(op, lit));
            default -> match(f, patternMatcher(op, c.insensitive(), lit.text()));
        };
    }

    /** {@code :} and {@code like} take wildcards ({@code *}, {@code ?}); {@code regex} an RE2 pattern over the whole value. */
    private static Matcher patternMatcher(String op, boolean insensitive, String pattern) {
        if (op.equals("regex")) {
            try {
                return Matchers.regex(Regexes.compile(pattern, insensitive ? Pattern.CASE_INSENSITIVE : 0), true);
            } catch (PatternSyntaxException e) {
                throw new RuleSyntaxException("bad regex \"" + pattern + "\": " + e.getMessage());
            }
        }
        boolean ignoreCase = op.equals(":") || insensitive;
        Wildcard w = Wildcard.parse(pattern, ignoreCase);
        // A pattern without wildcards is an equality: a literal set, which also indexes by event name.
        return w.isLiteral() ? Matchers.equalTo(unescape(pattern), ignoreCase) : w;
    }

    private static String unescape(String pattern) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length() && "*?\\".indexOf(pattern.charAt(i + 1)) >= 0) {
                c = pattern.charAt(++i);
            }
            sb.append(c);
        }
        return sb.toString();
    }

    private static Matcher ordering(String op, EqlNode.Literal lit) {
        Matchers.NumericOp o = switch (op) {
            case "<" -> Matchers.NumericOp.LT;
            case "<=" -> Matchers.NumericOp.LE;
            case ">" -> Matchers.NumericOp.GT;
            default -> Matchers.NumericOp.GE;
        };
        if (lit.kind() == EqlNode.Literal.Kind.NUMBER) {
            try {
                return Matchers.compare(o, new BigDecimal(lit.text()));
            } catch (NumberFormatException e) {
                throw new RuleSyntaxException("bad number '" + lit.text() + "'");
            }
        }
        return Matchers.compareText(o, lit.text());
    }

    private static String flip(String op) {
        return switch (op) {
            case "<" -> ">";
            case "<=" -> ">=";
            case ">" -> "<";
            case ">=" -> "<=";
            default -> op;
        };
    }

    private Predicate in(EqlNode.In in) {
        if (!(in.left() instanceof EqlNode.Field field)) {
            throw new RuleSyntaxException("the left of 'in' must be a field");
        }
        List<String> values = new ArrayList<>();
        for (EqlNode v : in.values()) {
            values.add(literal(v));
        }
        return match(fields.field(field.name()), Matchers.in(values, in.insensitive()));
    }

    private Predicate call(EqlNode.Call call) {
        String fn = call.function().toLowerCase(Locale.ROOT);
        List<EqlNode> args = call.args();
        boolean ic = call.insensitive();
        if (args.isEmpty() || !(args.get(0) instanceof EqlNode.Field source)) {
            throw new RuleSyntaxException(call.function() + "() needs a field as its first argument");
        }
        Accessor f = fields.field(source.name());
        switch (fn) {
            case "stringcontains", "startswith", "endswith" -> {
                if (args.size() != 2) {
                    throw new RuleSyntaxException(call.function() + "() takes two arguments");
                }
                if (args.get(1) instanceof EqlNode.Field other) {
                    return new Predicate.FieldCompare(f, fields.field(other.name()), relation(fn, ic));
                }
                String s = literal(args.get(1));
                return match(f, switch (fn) {
                    case "startswith" -> Matchers.startsWith(s, ic);
                    case "endswith" -> Matchers.endsWith(s, ic);
                    // Elasticsearch runs stringContains on a keyword as a wildcard query *s*, so a '*'
                    // or '?' in the argument is a wildcard and a backslash escapes it: rules rely on
                    // that ("masterUserPassword=*", "principal=\\*").
                    default -> Wildcard.parse("*" + s + "*", ic);
                });
            }
            case "wildcard" -> {
                List<Matcher> ms = new ArrayList<>();
                for (EqlNode a : args.subList(1, args.size())) {
                    ms.add(Wildcard.parse(literal(a), ic));
                }
                return match(f, Matchers.anyOf(ms));
            }
            case "cidrmatch" -> {
                List<Matcher> ms = new ArrayList<>();
                for (EqlNode a : args.subList(1, args.size())) {
                    try {
                        ms.add(Matchers.cidr(literal(a)));
                    } catch (IllegalArgumentException e) {
                        throw new RuleSyntaxException("bad CIDR \"" + literal(a) + "\"");
                    }
                }
                return match(f, Matchers.anyOf(ms));
            }
            default -> throw new RuleSyntaxException("function " + call.function() + "() is not supported");
        }
    }

    private static Predicate.Relation relation(String fn, boolean ic) {
        return switch (fn) {
            case "startswith" -> (a, b) -> a.regionMatches(ic, 0, b, 0, b.length());
            case "endswith" -> (a, b) -> a.length() >= b.length()
                    && a.regionMatches(ic, a.length() - b.length(), b, 0, b.length());
            default -> ic ? (a, b) -> a.toLowerCase(Locale.ROOT).contains(b.toLowerCase(Locale.ROOT))
                    : String::contains;
        };
    }

    private static String literal(EqlNode n) {
        if (n instanceof EqlNode.Literal l && l.kind() != EqlNode.Literal.Kind.NULL) {
            return l.text();
        }
        throw new RuleSyntaxException("expected a literal value");
    }

    private static Predicate match(Accessor f, Matcher m) {
        return new Predicate.Match(f, m, Quantifier.ANY);
    }
}
