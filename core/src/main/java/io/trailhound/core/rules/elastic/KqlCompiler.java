package io.trailhound.core.rules.elastic;

import io.trailhound.core.rules.ir.Accessor;
import io.trailhound.core.rules.ir.Matcher;
import io.trailhound.core.rules.ir.Matchers;
import io.trailhound.core.rules.ir.Predicate;
import io.trailhound.core.rules.ir.Predicates;
import io.trailhound.core.rules.ir.Quantifier;
import io.trailhound.core.rules.ir.Wildcard;
import io.trailhound.core.rules.load.RuleSyntaxException;
import io.trailhound.core.rules.load.TermBudget;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles parsed KQL to the rule IR with Kibana's semantics on the integration's keyword fields:
 * exact, case-sensitive, whole-value matches ({@code *} wildcards likewise); a multi-valued field
 * matches when any value does; {@code not} holds on a missing field; {@code field:*} is "has a
 * value"; a number matches the keyword string that spells it. An equality list on
 * {@code event.action} becomes one set test so the engine can index the rule by event name.
 * Free text and field wildcards expand to a test per field, so the tests a query compiles to are
 * counted ({@link TermBudget}): {@code a or a or ...} fails to load rather than filling the memory.
 */
final class KqlCompiler {
    private final FieldResolver fields;
    private TermBudget budget;

    public KqlCompiler(FieldResolver fields) {
        this.fields = fields;
    }

    public Predicate compile(KqlNode node) {
        budget = new TermBudget();
        return compile(node, "");
    }

    /** Counts {@code n} more tests against the query's budget. */
    private void spend(int n) {
        if (!budget.take(n)) {
            throw new RuleSyntaxException(TermBudget.exceeded("(free text and field wildcards test every field they name)"));
        }
    }

    private Predicate compile(KqlNode node, String prefix) {
        if (node instanceof KqlNode.Or o) {
            return Predicates.or(all(o.children(), prefix));
        }
        if (node instanceof KqlNode.And a) {
            return Predicates.and(all(a.children(), prefix));
        }
        if (node instanceof KqlNode.Not n) {
            return Predicates.not(compile(n.child(), prefix));
        }
        if (node instanceof KqlNode.FieldMatch m) {
            List<Predicate> perField = new ArrayList<>();
            List<Accessor> named = accessors(m.field(), prefix);
            spend(named.size());
            for (Accessor f : named) {
                perField.add(values(f, m.values()));
            }
            return Predicates.or(perField);
        }
        if (node instanceof KqlNode.Range r) {
            List<Predicate> perField = new ArrayList<>();
            List<Accessor> named = accessors(r.field(), prefix);
            spend(named.size());
            for (Accessor f : named) {
                perField.add(new Predicate.Match(f, range(r.op(), r.bound()), Quantifier.ANY));
            }
            return Predicates.or(perField);
        }
        if (node instanceof KqlNode.Nested n) {
            // ECS over CloudTrail has no nested-type fields, so the inner fields are simply under the prefix.
            return compile(n.query(), prefix + n.field().text() + ".");
        }
        KqlNode.FreeText t = (KqlNode.FreeText) node;
        spend(fields.producedNames().size());
        List<Predicate> anyField = new ArrayList<>();
        for (String name : fields.producedNames()) {
            if (!name.equals("event.original")) {
                anyField.add(values(fields.field(name), t.values()));
            }
        }
        return Predicates.or(anyField);
    }

    private List<Predicate> all(List<KqlNode> nodes, String prefix) {
        List<Predicate> out = new ArrayList<>(nodes.size());
        for (KqlNode n : nodes) {
            out.add(compile(n, prefix));
        }
        return out;
    }

    /** The field, or every produced field its {@code *} pattern names (KQL allows wildcards in field names). */
    private List<Accessor> accessors(KqlValue field, String prefix) {
        if (!field.hasWildcard()) {
            return List.of(fields.field(prefix + field.text()));
        }
        Wildcard pattern = wildcard(new KqlValue(prefixed(field, prefix), false));
        List<Accessor> out = new ArrayList<>();
        for (String name : fields.producedNames()) {
            if (pattern.test(name)) {
                out.add(fields.field(name));
            }
        }
        return out;
    }

    private static List<String> prefixed(KqlValue field, String prefix) {
        List<String> parts = new ArrayList<>(field.parts());
        parts.set(0, prefix + parts.get(0));
        return parts;
    }

    private Predicate values(Accessor f, KqlNode.ValueExpr v) {
        if (v instanceof KqlNode.One one) {
            KqlValue value = one.value();
            if (value.isStar()) {
                return new Predicate.Exists(f);
            }
            Matcher ip = ipMatcher(f, value);
            return new Predicate.Match(f, ip != null ? ip : matcher(value), Quantifier.ANY);
        }
        if (v instanceof KqlNode.AnyOf any) {
            List<String> literals = IP_FIELDS.contains(f.name()) ? null : literalsOnly(any.children());
            if (literals != null) {
                return new Predicate.Match(f, Matchers.in(literals, false), Quantifier.ANY);
            }
            List<Predicate> out = new ArrayList<>();
            spend(any.children().size());
            for (KqlNode.ValueExpr c : any.children()) {
                out.add(values(f, c));
            }
            return Predicates.or(out);
        }
        if (v instanceof KqlNode.AllOf all) {
            List<Predicate> out = new ArrayList<>();
            spend(all.children().size());
            for (KqlNode.ValueExpr c : all.children()) {
                out.add(values(f, c));
            }
            return Predicates.and(out);
        }
        return Predicates.not(values(f, ((KqlNode.NoneOf) v).child()));
    }

    /** The values when every alternative is a plain literal, else null. */
    private static List<String> literalsOnly(List<KqlNode.ValueExpr> alternatives) {
        List<String> out = new ArrayList<>();
        for (KqlNode.ValueExpr c : alternatives) {
            if (!(c instanceof KqlNode.One one) || one.value().hasWildcard()) {
                return null;
            }
            out.add(one.value().text());
        }
        return out;
    }

    /** ECS fields of type ip: Elasticsearch compares them as addresses and takes CIDR notation. */
    private static final java.util.Set<String> IP_FIELDS = java.util.Set.of("source.ip", "related.ip",
            "destination.ip", "client.ip", "server.ip", "host.ip");

    /**
     * On an ip field, an address or a network ({@code 203.0.113.0/24}) matches by address, so
     * {@code 2001:db8::1} equals {@code 2001:0db8:0:0:0:0:0:1}; null for other fields or values.
     */
    private static Matcher ipMatcher(Accessor f, KqlValue value) {
        if (!IP_FIELDS.contains(f.name()) || value.hasWildcard()) {
            return null;
        }
        try {
            return Matchers.cidr(value.text());
        } catch (IllegalArgumentException notAnAddress) {
            return null; // Elasticsearch would reject the query; as text it simply matches nothing
        }
    }

    private static Matcher matcher(KqlValue value) {
        if (!value.hasWildcard()) {
            return Matchers.equalTo(value.text(), false);
        }
        return wildcard(value);
    }

    private static Wildcard wildcard(KqlValue value) {
        Wildcard.Builder b = Wildcard.builder();
        List<String> parts = value.parts();
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                b.any();
            }
            b.literal(parts.get(i));
        }
        return b.build(false);
    }

    /** A number bound compares numerically; anything else as text (keyword order, ISO dates). */
    private static Matcher range(String op, KqlValue bound) {
        Matchers.NumericOp o = switch (op) {
            case "<" -> Matchers.NumericOp.LT;
            case "<=" -> Matchers.NumericOp.LE;
            case ">" -> Matchers.NumericOp.GT;
            default -> Matchers.NumericOp.GE;
        };
        String text = bound.text();
        try {
            return Matchers.compare(o, new BigDecimal(text.trim()));
        } catch (NumberFormatException e) {
            return Matchers.compareText(o, text);
        }
    }
}
