package io.trailhound.core.rules.sigma;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.trailhound.core.rules.ir.Matcher;
import io.trailhound.core.rules.ir.Matchers;
import io.trailhound.core.rules.ir.Regexes;
import io.trailhound.core.rules.load.RuleSyntaxException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * One written value and its key's modifiers to the matchers that test a field's value:
 * {@code re}, {@code cidr}, {@code gt}/{@code gte}/{@code lt}/{@code lte}, or a string (after
 * {@code expand}, {@code windash} and the base64 encodings) with {@code contains} /
 * {@code startswith} / {@code endswith} turned into wildcards, case-insensitive unless
 * {@code cased}.
 */
final class ValueMatcherCompiler {
    private final ValueExpander expander;

    ValueMatcherCompiler(ValueExpander expander) {
        this.expander = expander;
    }

    /** The matchers one written value stands for (several after expand / windash / base64offset). */
    List<Matcher> matchers(FieldKey key, YamlNode.Scalar v) {
        if (key.has(Modifier.RE)) {
            return List.of(regex(key, v));
        }
        if (key.has(Modifier.CIDR)) {
            try {
                return List.of(Matchers.cidr(v.text()));
            } catch (IllegalArgumentException e) {
                throw RuleSyntaxException.atLine(v.line(), "SIGMA_BAD_VALUE", "cidr: " + e.getMessage());
            }
        }
        Matchers.NumericOp op = numericOp(key);
        if (op != null) {
            try {
                return List.of(Matchers.compare(op, new BigDecimal(v.text().trim())));
            } catch (NumberFormatException e) {
                throw RuleSyntaxException.atLine(v.line(), "SIGMA_BAD_VALUE", "'" + v.text() + "' is not a number, as "
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
                    throw RuleSyntaxException.atLine(v.line(), "SIGMA_BAD_VALUE",
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
            return new SigmaRegex(Regexes.compile(v.text(), flags));
        } catch (PatternSyntaxException e) {
            throw RuleSyntaxException.atLine(v.line(), "SIGMA_BAD_REGEX", "bad regular expression '" + v.text() + "': "
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
}
