package io.trailhound.core.rules.sigma;

import io.trailhound.core.rules.ir.Predicate;
import io.trailhound.core.rules.ir.Predicates;
import io.trailhound.core.rules.ir.Wildcard;
import io.trailhound.core.rules.load.RuleLimits;
import io.trailhound.core.rules.load.RuleSyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses a Sigma condition ({@code selection and not 1 of filter_*}) over the compiled search
 * identifiers. Grammar, loosest first: {@code or}, {@code and}, {@code not}, then parentheses,
 * {@code 1 of X}, {@code all of X} (X a name pattern with {@code *}, or {@code them}: every
 * identifier not starting with {@code _}) and identifiers. The v1 aggregation pipe
 * ({@code | count() > 5}) is refused with a pointer to correlation rules. Parentheses nest at most
 * {@link RuleLimits#MAX_NESTING} deep, so a hostile condition cannot overflow the stack.
 */
final class ConditionParser {
    private final Map<String, Predicate> searches;
    private final int line;
    private List<String> tokens;
    private final List<Integer> starts = new ArrayList<>(); // each token's offset in the condition
    private int pos;
    private int depth;

    /** @param searches the identifiers in document order */
    ConditionParser(Map<String, Predicate> searches, int line) {
        this.searches = searches;
        this.line = line;
    }

    Predicate parse(String condition) {
        tokens = tokenize(condition);
        pos = 0;
        depth = 0;
        if (tokens.isEmpty()) {
            throw error("empty condition");
        }
        Predicate p = or();
        if (pos < tokens.size()) {
            throw error("unexpected '" + tokens.get(pos) + "' in condition '" + condition + "'");
        }
        return p;
    }

    private Predicate or() {
        List<Predicate> parts = new ArrayList<>(List.of(and()));
        while (accept("or")) {
            parts.add(and());
        }
        return Predicates.or(parts);
    }

    private Predicate and() {
        List<Predicate> parts = new ArrayList<>(List.of(not()));
        while (accept("and")) {
            parts.add(not());
        }
        return Predicates.and(parts);
    }

    /** A run of {@code not}s is read in a loop: only its parity matters. */
    private Predicate not() {
        boolean negate = false;
        while (accept("not")) {
            negate = !negate;
        }
        Predicate p = primary();
        return negate ? Predicates.not(p) : p;
    }

    private Predicate primary() {
        String t = next("a search identifier, 'not', '(' or 'N of'");
        if (t.equals("(")) {
            if (++depth > RuleLimits.MAX_NESTING) {
                throw error("parentheses nested deeper than " + RuleLimits.MAX_NESTING + " (at character "
                        + (starts.get(pos - 1) + 1) + " of the condition)");
            }
            Predicate p = or();
            if (!accept(")")) {
                throw error("missing ')'");
            }
            depth--;
            return p;
        }
        String lower = t.toLowerCase(Locale.ROOT);
        if ((lower.equals("1") || lower.equals("all") || lower.equals("any")) && peekIs("of")) {
            pos++;
            return quantified(!lower.equals("all"), next("a name pattern or 'them' after 'of'"));
        }
        if (t.equals(")") || isKeyword(lower)) {
            throw error("unexpected '" + t + "'");
        }
        if (lower.matches("\\d+") && peekIs("of")) {
            throw error("'" + t + " of' is not Sigma: only '1 of' and 'all of'");
        }
        Predicate p = searches.get(t);
        if (p == null) {
            throw error("condition names '" + t + "', which is not a search identifier of this rule");
        }
        return p;
    }

    private Predicate quantified(boolean any, String pattern) {
        List<Predicate> matched = new ArrayList<>();
        boolean them = pattern.equalsIgnoreCase("them");
        Wildcard w = Wildcard.parse(pattern, false);
        for (Map.Entry<String, Predicate> e : searches.entrySet()) {
            if (them ? !e.getKey().startsWith("_") : w.test(e.getKey())) {
                matched.add(e.getValue());
            }
        }
        if (matched.isEmpty()) {
            throw error("'of " + pattern + "' matches no search identifier");
        }
        return any ? Predicates.or(matched) : Predicates.and(matched);
    }

    private boolean isKeyword(String lower) {
        return lower.equals("and") || lower.equals("or") || lower.equals("not") || lower.equals("of");
    }

    private boolean accept(String word) {
        if (pos < tokens.size() && tokens.get(pos).equalsIgnoreCase(word)) {
            pos++;
            return true;
        }
        return false;
    }

    private boolean peekIs(String word) {
        return pos < tokens.size() && tokens.get(pos).equalsIgnoreCase(word);
    }

    private String next(String expected) {
        if (pos >= tokens.size()) {
            throw error("condition ends where " + expected + " was expected");
        }
        return tokens.get(pos++);
    }

    private List<String> tokenize(String text) {
        List<String> out = new ArrayList<>();
        starts.clear();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')') {
                starts.add(i);
                out.add(String.valueOf(c));
                i++;
            } else if (c == '|') {
                throw error("aggregation ('| count() ...', '| near') is the obsolete Sigma v1 syntax;"
                        + " write a correlation rule instead");
            } else {
                int start = i;
                while (i < text.length() && !Character.isWhitespace(text.charAt(i)) && "()|".indexOf(text.charAt(i)) < 0) {
                    i++;
                }
                starts.add(start);
                out.add(text.substring(start, i));
            }
        }
        return out;
    }

    private RuleSyntaxException error(String message) {
        return RuleSyntaxException.atLine(line, "SIGMA_BAD_CONDITION", message);
    }
}
