package io.trailhound.core.rules.esql;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.trailhound.core.rules.ir.Matcher;
import io.trailhound.core.rules.ir.Matchers;
import io.trailhound.core.rules.ir.Regexes;

/**
 * {@code RLIKE} patterns: Lucene's regular-expression syntax (what ES|QL uses), translated to RE2
 * and matched against the whole value, case-sensitive. Lucene's {@code .} matches any character
 * (line breaks too); {@code "..."} is literal text; {@code \x} is the character x. Its optional
 * operators ({@code @ & ~ # <n-m>}) are refused rather than misread.
 */
final class LuceneRegex {
    private LuceneRegex() {
    }

    static Matcher matcher(String lucene) {
        Pattern p = Regexes.compile(toRe2(lucene), Pattern.DOTALL);
        return Matchers.named(Matchers.regex(p, true), "rlike \"" + lucene + "\"");
    }

    static String toRe2(String lucene) {
        StringBuilder re = new StringBuilder(lucene.length() + 8);
        boolean inClass = false;
        for (int i = 0; i < lucene.length(); i++) {
            char c = lucene.charAt(i);
            if (c == '\\' && i + 1 < lucene.length()) {
                char n = lucene.charAt(++i);
                if (Character.isLetterOrDigit(n)) {
                    re.append(n == 'd' || n == 's' || n == 'w' || n == 'D' || n == 'S' || n == 'W' ? "\\" + n
                            : String.valueOf(n));
                } else {
                    re.append('\\').append(n);
                }
            } else if (inClass) {
                if (c == ']') {
                    inClass = false;
                }
                re.append(c == '[' ? "\\[" : String.valueOf(c));
            } else if (c == '[') {
                inClass = true;
                re.append(c);
            } else if (c == '"') {
                int end = lucene.indexOf('"', i + 1);
                if (end < 0) {
                    throw new PatternSyntaxException("unterminated quoted string", lucene);
                }
                re.append(Pattern.quote(lucene.substring(i + 1, end)));
                i = end;
            } else if (c == '@' || c == '&' || c == '~' || c == '#' || c == '<') {
                throw new PatternSyntaxException("Lucene operator '" + c + "' is not supported", lucene);
            } else if (c == '^' || c == '$') {
                re.append('\\').append(c); // literal in Lucene: there are no anchors
            } else if (c == '}' && !closesInterval(re)) {
                re.append("\\}");
            } else {
                re.append(c);
            }
        }
        return re.toString();
    }

    /** Whether a {@code }} closes a {@code {n,m}} repetition opened in what was written so far. */
    private static boolean closesInterval(StringBuilder re) {
        int open = re.lastIndexOf("{");
        if (open < 0 || open > 0 && re.charAt(open - 1) == '\\') {
            return false;
        }
        for (int i = open + 1; i < re.length(); i++) {
            char c = re.charAt(i);
            if (!Character.isDigit(c) && c != ',') {
                return false;
            }
        }
        return true;
    }
}
