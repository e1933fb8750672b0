package io.trailhound.core.rules.esql;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.trailhound.core.rules.ir.Regexes;
import io.trailhound.core.rules.ir.RequiredLiterals;
import io.trailhound.core.rules.load.RuleSyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code GROK}: a grok pattern ({@code %{NOTSPACE:key}}, {@code (?<name>regex)}) compiled to one
 * RE2 expression (linear time, the rules' regex limits), searched in the input; each named group
 * is a new column, null when the pattern does not match (or the input is null or multi-valued).
 * The predefined patterns are the common ones of Elasticsearch's grok library; another is
 * {@link Unsupported}.
 */
final class Grok {
    private static final Map<String, String> PATTERNS = Map.ofEntries(
            Map.entry("NOTSPACE", "\\S+"), Map.entry("SPACE", "\\s*"), Map.entry("DATA", ".*?"),
            Map.entry("GREEDYDATA", ".*"), Map.entry("WORD", "\\b\\w+\\b"),
            Map.entry("INT", "(?:[+-]?(?:[0-9]+))"), Map.entry("POSINT", "\\b(?:[1-9][0-9]*)\\b"),
            Map.entry("NONNEGINT", "\\b(?:[0-9]+)\\b"),
            Map.entry("BASE10NUM", "(?:[+-]?(?:(?:[0-9]+(?:\\.[0-9]+)?)|(?:\\.[0-9]+)))"),
            Map.entry("NUMBER", "(?:[+-]?(?:(?:[0-9]+(?:\\.[0-9]+)?)|(?:\\.[0-9]+)))"),
            Map.entry("USERNAME", "[a-zA-Z0-9._-]+"), Map.entry("USER", "[a-zA-Z0-9._-]+"),
            Map.entry("IPV4", "(?:(?:25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)\\.){3}(?:25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)"),
            Map.entry("UUID", "[A-Fa-f0-9]{8}-(?:[A-Fa-f0-9]{4}-){3}[A-Fa-f0-9]{12}"));

    private final Pattern pattern;
    private final List<String> names = new ArrayList<>();
    private final List<String> types = new ArrayList<>();

    Grok(String grok, int offset) {
        StringBuilder re = new StringBuilder();
        int i = 0;
        while (i < grok.length()) {
            if (grok.startsWith("%{", i)) {
                int end = grok.indexOf('}', i);
                if (end < 0) {
                    throw RuleSyntaxException.inQuery("GROK: unterminated %{", offset);
                }
                String[] parts = grok.substring(i + 2, end).split(":");
                String body = PATTERNS.get(parts[0]);
                if (body == null) {
                    throw new Unsupported("GROK pattern %{" + parts[0] + "} is not supported", offset);
                }
                if (parts.length > 1) {
                    re.append("(?P<g").append(names.size()).append('>').append(body).append(')');
                    names.add(parts[1]);
                    types.add(parts.length > 2 ? parts[2] : "");
                } else {
                    re.append("(?:").append(body).append(')');
                }
                i = end + 1;
            } else if (grok.startsWith("(?<", i) && i + 3 < grok.length() && grok.charAt(i + 3) != '='
                    && grok.charAt(i + 3) != '!') {
                int end = grok.indexOf('>', i);
                if (end < 0) {
                    throw RuleSyntaxException.inQuery("GROK: unterminated (?<name>", offset);
                }
                re.append("(?P<g").append(names.size()).append('>');
                names.add(grok.substring(i + 3, end));
                types.add("");
                i = end + 1;
            } else if (grok.charAt(i) == '\\' && i + 1 < grok.length()) {
                re.append(grok, i, i + 2);
                i += 2;
            } else {
                re.append(grok.charAt(i++));
            }
        }
        if (names.isEmpty()) {
            throw RuleSyntaxException.inQuery("GROK pattern names no column", offset);
        }
        try {
            this.pattern = Regexes.compile(re.toString(), Pattern.DOTALL);
        } catch (PatternSyntaxException e) {
            throw new Unsupported("GROK pattern is not one RE2 can run: " + e.getDescription(), offset);
        }
    }

    /** Texts every match contains (empty: none known), for {@link MemberPrefilter}. */
    List<String> requiredLiterals() {
        return RequiredLiterals.of(pattern);
    }

    /** The new columns, in order. */
    List<String> names() {
        return names;
    }

    /** Writes the captures of {@code input} into {@code out} (from index {@code at}); nulls when it does not match. */
    void apply(Object input, Object[] out, int[] slots) {
        Matcher m = input instanceof String s ? pattern.matcher(s) : null;
        boolean found = m != null && m.find();
        for (int g = 0; g < slots.length; g++) {
            String v = found ? m.group(g + 1) : null;
            out[slots[g]] = v == null ? null : typed(v, types.get(g));
        }
    }

    private static Object typed(String v, String type) {
        return switch (type) {
            case "int", "long" -> EsqlValues.toLong(v);
            case "float", "double" -> EsqlValues.toDouble(v);
            default -> v;
        };
    }
}
