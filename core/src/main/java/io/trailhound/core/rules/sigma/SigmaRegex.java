package io.trailhound.core.rules.sigma;

import com.google.re2j.Pattern;
import io.trailhound.core.rules.ir.Matcher;
import io.trailhound.core.rules.ir.Matchers;

/**
 * Sigma's {@code re}: an unanchored RE2 search. RE2/J's search is linear but slow on long values
 * when the pattern starts with {@code .+} (as {@code aws_cloudtrail_imds_malicious_usage} does,
 * on every event); so when the pattern has a literal run every match must contain, a plain
 * substring test runs first and the regex only where it passes. The regex alone decides a match.
 */
final class SigmaRegex implements Matcher {
    private final Pattern pattern;
    private final Matcher prefilter; // null when no literal could be proven required

    SigmaRegex(Pattern pattern) {
        this.pattern = pattern;
        String required = requiredLiteral(pattern.pattern());
        this.prefilter = required == null ? null
                : Matchers.contains(required, (pattern.flags() & Pattern.CASE_INSENSITIVE) != 0);
    }

    @Override
    public boolean test(String value) {
        if (prefilter != null && !prefilter.test(value)) {
            return false;
        }
        return pattern.matcher(value).find();
    }

    /**
     * The longest run of plain ASCII characters in a pattern made only of such runs and the
     * operators {@code . * + ^ $}; null for any pattern with groups, classes, escapes, alternation
     * or counted repetition, where proving a literal required would need a real regex parser.
     * A character followed by {@code *} is optional, so it ends the run before it.
     */
    static String requiredLiteral(String regex) {
        String best = "";
        StringBuilder run = new StringBuilder();
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (".*+^$".indexOf(c) >= 0) {
                if (c == '*' && run.length() > 0) {
                    run.setLength(run.length() - 1);
                }
                best = run.length() > best.length() ? run.toString() : best;
                run.setLength(0);
            } else if (c < 0x80 && "()[]{}\\|?".indexOf(c) < 0 && c >= 0x20) {
                run.append(c);
            } else {
                return null;
            }
        }
        best = run.length() > best.length() ? run.toString() : best;
        return best.isEmpty() ? null : best;
    }

    @Override
    public String describe() {
        return "regex/find \"" + pattern.pattern() + '"';
    }

    @Override
    public String toString() {
        return describe();
    }
}
