package io.trailhound.core.rules.sigma;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.trailhound.core.rules.ir.Accessor;
import io.trailhound.core.rules.ir.Matcher;
import io.trailhound.core.rules.ir.Matchers;
import io.trailhound.core.rules.ir.Predicate;
import io.trailhound.core.rules.ir.Predicates;
import io.trailhound.core.rules.ir.Quantifier;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Compiles one {@code field|modifiers: value(s)} entry of a search identifier to a predicate.
 * Several values are alternatives (AND with {@code |all}); strings compare case-insensitively
 * unless {@code |cased}; {@code null} means the field is missing or null.
 */
final class FieldSearchCompiler {
    private final ValueExpander expander;

    FieldSearchCompiler(ValueExpander expander) {
        this.expander = expander;
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
                    throw new SigmaLoadException(v.line(), "SIGMA_BAD_VALUE", "a keyword search cannot be null");
                }
                perValue.add(Predicates.not(new Predicate.Exists(field)));
            } else if (key.has(Modifier.FIELDREF)) {
                perValue.add(fieldRef(key, field, v));
            } else {
                List<Matcher> alternatives = matchers(key, v);
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
                    throw new SigmaLoadException(n.line(), "SIGMA_BAD_VALUE", "'" + key
                            + "' takes plain values or a list of them, not nested lists or maps");
                }
                out.add(s);
            }
        } else {
            throw new SigmaLoadException(line, "SIGMA_BAD_VALUE", "'" + key + "' takes a value or a list of values,"
                    + " not a map");
        }
        if (out.isEmpty()) {
            throw new SigmaLoadException(line, "SIGMA_BAD_VALUE", "'" + key + "' has an empty list of values");
        }
        return out;
    }

    private static Predicate exists(String key, Accessor field, List<YamlNode.Scalar> values, int line) {
        if (values.size() != 1 || values.get(0).kind() != YamlNode.Scalar.Kind.BOOLEAN) {
            throw new SigmaLoadException(line, "SIGMA_BAD_VALUE", "'" + key + "' takes true or false");
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

    /** The matchers one written value stands for (several after expand / windash / base64offset). */
    private List<Matcher> matchers(FieldKey key, YamlNode.Scalar v) {
        if (key.has(Modifier.RE)) {
            return List.of(regex(key, v));
        }
        if (key.has(Modifier.CIDR)) {
            try {
                return List.of(Matchers.cidr(v.text()));
            } catch (IllegalArgumentException e) {
                throw new SigmaLoadException(v.line(), "SIGMA_BAD_VALUE", "cidr: " + e.getMessage());
            }
        }
        Matchers.NumericOp op = numericOp(key);
        if (op != null) {
            try {
                return List.of(Matchers.compare(op, new BigDecimal(v.text().trim())));
            } catch (NumberFormatException e) {
                throw new SigmaLoadException(v.line(), "SIGMA_BAD_VALUE", "'" + v.text() + "' is not a number, as "
                        + op.symbol() + " needs");
            }
        }
        boolean ignoreCase = !key.has(Modifier.CASED);
        List<Matcher> out = new ArrayList<>();
        for (SigmaString s : strings(key, v)) {
            if (key.has(Modifier.CONTAINS) || (key.field().isEmpty() && !key.has(Modifier.STARTSWITH)
                    && !key.has(Modifier.ENDSWITH))) {
                s = s.withLeadingAny().withTrailingAny(); // keywords are searched inside values
            } else if (key.has(Modifier.STARTSWITH)) {
                s = s.withTrailingAny();
            } else if (key.has(Modifier.ENDSWITH)) {
                s = s.withLeadingAny();
            }
            out.add(s.matcher(ignoreCase));
        }
        return out;
    }

    private List<SigmaString> strings(FieldKey key, YamlNode.Scalar v) {
        if (v.kind() != YamlNode.Scalar.Kind.STRING) {
            // Numbers and booleans compare by their text with the record's JSON text: 'false' == false.
            return List.of(SigmaString.literal(v.text()));
        }
        List<SigmaString> out = new ArrayList<>();
        for (String raw : expander.expandText(key, v.text(), v.line())) {
            SigmaString s = SigmaString.parse(raw);
            if (ValueExpander.encodes(key)) {
                if (s.hasWildcards()) {
                    throw new SigmaLoadException(v.line(), "SIGMA_BAD_VALUE",
                            "base64 cannot encode a value with wildcards: '" + raw + "'");
                }
                for (String enc : ValueExpander.encode(key, s.plain())) {
                    out.add(SigmaString.literal(enc));
                }
            } else {
                out.add(s);
            }
        }
        return out;
    }

    private static Matcher regex(FieldKey key, YamlNode.Scalar v) {
        int flags = (key.has(Modifier.I) ? Pattern.CASE_INSENSITIVE : 0)
                | (key.has(Modifier.M) ? Pattern.MULTILINE : 0)
                | (key.has(Modifier.S) ? Pattern.DOTALL : 0);
        try {
            // Sigma's re is an unanchored search, case-sensitive unless |i.
            return new SigmaRegex(Pattern.compile(v.text(), flags));
        } catch (PatternSyntaxException e) {
            throw new SigmaLoadException(v.line(), "SIGMA_BAD_REGEX", "bad regular expression '" + v.text() + "': "
                    + e.getDescription());
        }
    }

    private static Matchers.NumericOp numericOp(FieldKey key) {
        if (key.has(Modifier.GT)) {
            return Matchers.NumericOp.GT;
        }
        if (key.has(Modifier.GTE)) {
            return Matchers.NumericOp.GE;
        }
        if (key.has(Modifier.LT)) {
            return Matchers.NumericOp.LT;
        }
        if (key.has(Modifier.LTE)) {
            return Matchers.NumericOp.LE;
        }
        return null;
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
