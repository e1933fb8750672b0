package io.trailhound.core.rules.sigma;

import io.trailhound.core.rules.ir.Accessor;
import io.trailhound.core.rules.ir.Matcher;
import io.trailhound.core.rules.ir.Matchers;
import io.trailhound.core.rules.ir.Predicate;
import io.trailhound.core.rules.ir.Predicates;
import io.trailhound.core.rules.ir.Quantifier;
import io.trailhound.core.rules.load.RuleSyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Compiles one {@code field|modifiers: value(s)} entry of a search identifier to a predicate:
 * {@code exists}, {@code fieldref}, {@code null} here, value tests through {@link ValueMatcherCompiler}.
 * Several values are alternatives (AND with {@code |all}); strings compare case-insensitively
 * unless {@code |cased}; {@code null} means the field is missing or null.
 */
final class FieldSearchCompiler {
    private final ValueMatcherCompiler valueMatchers;

    FieldSearchCompiler(ValueMatcherCompiler valueMatchers) {
        this.valueMatchers = valueMatchers;
    }

    Predicate compile(String keyText, YamlNode value, int line) {
        FieldKey key = FieldKey.parse(keyText, line);
        List<YamlNode.Scalar> values = scalars(keyText, value, line);
        Accessor field = key.field().isEmpty() ? SigmaFieldAccessors.everyValue() : SigmaFieldAccessors.of(key.field());
        if (key.has(Modifier.EXISTS)) {
            return exists(keyText, field, values, line);
        }
        List<Predicate> perValue = new ArrayList<>();
        List<Matcher> pooled = new ArrayList<>(); // alternatives without |all: one Match, so eventName stays a set
        for (YamlNode.Scalar v : values) {
            if (v.isNull()) {
                if (key.field().isEmpty()) {
                    throw RuleSyntaxException.atLine(v.line(), "SIGMA_BAD_VALUE", "a keyword search cannot be null");
                }
                perValue.add(Predicates.not(new Predicate.Exists(field)));
            } else if (key.has(Modifier.FIELDREF)) {
                perValue.add(fieldRef(key, field, v));
            } else {
                List<Matcher> alternatives = valueMatchers.matchers(key, v);
                if (key.has(Modifier.ALL)) {
                    perValue.add(new Predicate.Match(field, Matchers.anyOf(literalsFirst(alternatives, key)),
                            Quantifier.ANY));
                } else {
                    pooled.addAll(alternatives);
                }
            }
        }
        if (!pooled.isEmpty()) {
            perValue.add(new Predicate.Match(field, Matchers.anyOf(literalsFirst(pooled, key)), Quantifier.ANY));
        }
        return key.has(Modifier.ALL) ? Predicates.and(perValue) : Predicates.or(perValue);
    }

    private static List<YamlNode.Scalar> scalars(String key, YamlNode value, int line) {
        List<YamlNode.Scalar> out = new ArrayList<>();
        if (value instanceof YamlNode.Scalar s) {
            out.add(s);
        } else if (value instanceof YamlNode.ListNode l) {
            for (YamlNode n : l.items()) {
                if (!(n instanceof YamlNode.Scalar s)) {
                    throw RuleSyntaxException.atLine(n.line(), "SIGMA_BAD_VALUE", "'" + key
                            + "' takes plain values or a list of them, not nested lists or maps");
                }
                out.add(s);
            }
        } else {
            throw RuleSyntaxException.atLine(line, "SIGMA_BAD_VALUE", "'" + key + "' takes a value or a list of values,"
                    + " not a map");
        }
        if (out.isEmpty()) {
            throw RuleSyntaxException.atLine(line, "SIGMA_BAD_VALUE", "'" + key + "' has an empty list of values");
        }
        return out;
    }

    private static Predicate exists(String key, Accessor field, List<YamlNode.Scalar> values, int line) {
        if (values.size() != 1 || values.get(0).kind() != YamlNode.Scalar.Kind.BOOLEAN) {
            throw RuleSyntaxException.atLine(line, "SIGMA_BAD_VALUE", "'" + key + "' takes true or false");
        }
        Predicate present = new Predicate.Exists(field);
        return Boolean.parseBoolean(values.get(0).text().toLowerCase(Locale.ROOT))
                ? present : Predicates.not(present);
    }

    /** {@code fieldref}: the value names another field of the same event; compare the two values. */
    private static Predicate fieldRef(FieldKey key, Accessor field, YamlNode.Scalar v) {
        boolean ignoreCase = !key.has(Modifier.CASED);
        Accessor other = SigmaFieldAccessors.of(v.text());
        Predicate.Relation rel;
        if (key.has(Modifier.CONTAINS)) {
            rel = ignoreCase ? (a, b) -> a.toLowerCase(Locale.ROOT).contains(b.toLowerCase(Locale.ROOT))
                    : String::contains;
        } else if (key.has(Modifier.STARTSWITH)) {
            rel = (a, b) -> a.regionMatches(ignoreCase, 0, b, 0, b.length());
        } else if (key.has(Modifier.ENDSWITH)) {
            rel = (a, b) -> a.length() >= b.length() && a.regionMatches(ignoreCase, a.length() - b.length(), b, 0,
                    b.length());
        } else {
            rel = ignoreCase ? String::equalsIgnoreCase : String::equals;
        }
        return new Predicate.FieldCompare(field, other, rel);
    }

    /**
     * Equality tests pooled into one set lookup (first, so the common case is one hash probe), the
     * rest after it. A single set keeps {@code eventName} lists indexable.
     */
    private static List<Matcher> literalsFirst(List<Matcher> ms, FieldKey key) {
        Set<String> literals = new LinkedHashSet<>();
        List<Matcher> others = new ArrayList<>();
        for (Matcher m : ms) {
            if (m instanceof Predicates.Literal l && l.literals().size() == 1) {
                literals.addAll(l.literals());
            } else {
                others.add(m);
            }
        }
        List<Matcher> out = new ArrayList<>();
        if (!literals.isEmpty()) {
            out.add(Matchers.in(literals, !key.has(Modifier.CASED)));
        }
        out.addAll(others);
        return out;
    }
}
