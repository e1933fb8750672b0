package io.trailhound.core.rules.elastic;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhound.core.rules.load.Position;
import io.trailhound.core.rules.load.RuleSyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The types the keys of {@code [rule]} must have. Later stages read values as text, so
 * {@code query = 5} would otherwise be taken for the query {@code "5"}: a value of the wrong type
 * fails the file, at that key's value.
 */
final class RuleValueTypes {
    /** Keys of {@code [rule]} that must be strings when present. */
    private static final List<String> STRINGS = List.of("name", "rule_id", "type", "language", "query", "description",
            "severity", "from", "interval", "timestamp_override", "event_category_override", "building_block_type",
            "license", "note", "setup", "history_window_start");
    /** Keys of {@code [rule]} that must be arrays of strings when present. */
    private static final List<String> STRING_ARRAYS = List.of("author", "tags", "index", "false_positives", "references",
            "new_terms_fields");
    /** Keys of {@code [rule]} that must be whole numbers when present. */
    private static final List<String> INTEGERS = List.of("risk_score", "max_signals");

    private RuleValueTypes() {
    }

    /**
     * @param text    the file's text, to find the key's position in
     * @param ruleAt  where the {@code [rule]} table's content starts in {@code text}
     */
    static void check(String text, int ruleAt, JsonNode rule) {
        for (String key : STRINGS) {
            JsonNode v = rule.get(key);
            if (v != null && !v.isTextual()) {
                throw wrongType(text, ruleAt, key, v, "a string");
            }
        }
        for (String key : STRING_ARRAYS) {
            JsonNode v = rule.get(key);
            if (v != null && !(v.isArray() && allText(v))) {
                throw wrongType(text, ruleAt, key, v, "an array of strings");
            }
        }
        for (String key : INTEGERS) {
            JsonNode v = rule.get(key);
            if (v != null && !v.canConvertToExactIntegral()) {
                throw wrongType(text, ruleAt, key, v, "a whole number");
            }
        }
    }

    private static boolean allText(JsonNode array) {
        for (JsonNode el : array) {
            if (!el.isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static RuleSyntaxException wrongType(String text, int ruleAt, String key, JsonNode v, String wanted) {
        String was = kind(v);
        if (v.isArray()) {
            for (JsonNode el : v) {
                if (!el.isTextual()) {
                    was = "an array holding " + kind(el);
                    break;
                }
            }
        }
        int[] at = valuePosition(text, ruleAt, key);
        return new RuleSyntaxException("rule." + key + " must be " + wanted + ", not " + was, new Position(null, at[0], at[1]),
                "ELASTIC_BAD_VALUE");
    }

    private static String kind(JsonNode v) {
        return switch (v.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "a table";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case STRING -> "a string";
            default -> v.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    /** Line and column (1-based) of the value of {@code key} in the {@code [rule]} table; 0, 0 when not found. */
    private static int[] valuePosition(String text, int from, String key) {
        Matcher m = Pattern.compile("(?m)^[ \\t]*(?:" + Pattern.quote(key) + "|\"" + Pattern.quote(key) + "\")[ \\t]*=[ \\t]*")
                .matcher(text);
        if (!m.find(from)) {
            return new int[] {0, 0};
        }
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < m.end(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new int[] {line, m.end() - lineStart + 1};
    }
}
