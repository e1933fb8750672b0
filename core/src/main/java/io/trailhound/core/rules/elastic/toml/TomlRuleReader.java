package io.trailhound.core.rules.elastic.toml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.toml.TomlFactory;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.trailhound.core.rules.RuleFile;
import io.trailhound.core.rules.load.RuleLimits;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a detection-rules TOML file (Jackson's TOML parser) into its two tables, and finds the
 * lines of {@code [rule]} and of the query in the text so later stages can report positions:
 * Jackson's tree keeps no line numbers. A key of {@code [rule]} whose value has the wrong type
 * ({@code query = 5}) fails the file at that key: later stages read values as text and would
 * otherwise take the number for a query.
 */
public final class TomlRuleReader {
    /** Jackson refuses nesting past 1,000 but recurses two frames a level to get there: too deep for small stacks. */
    private static final TomlMapper MAPPER = TomlMapper.builder(TomlFactory.builder().streamReadConstraints(
            StreamReadConstraints.builder().maxNestingDepth(RuleLimits.MAX_DOCUMENT_DEPTH).build()).build()).build();
    private static final Pattern RULE_HEADER = Pattern.compile("(?m)^[ \\t]*\\[rule\\][ \\t]*(#.*)?$");
    private static final Pattern QUERY_KEY = Pattern.compile("(?m)^[ \\t]*query[ \\t]*=[ \\t]*('''|\"\"\"|'|\")(\\r?\\n)?");

    /** Keys of {@code [rule]} that must be strings when present. */
    private static final List<String> STRINGS = List.of("name", "rule_id", "type", "language", "query", "description",
            "severity", "from", "interval", "timestamp_override", "event_category_override", "building_block_type",
            "license", "note", "setup", "history_window_start");
    /** Keys of {@code [rule]} that must be arrays of strings when present. */
    private static final List<String> STRING_ARRAYS = List.of("author", "tags", "index", "false_positives", "references",
            "new_terms_fields");
    /** Keys of {@code [rule]} that must be whole numbers when present. */
    private static final List<String> INTEGERS = List.of("risk_score", "max_signals");

    /**
     * A file that is not valid TOML, or not a rule, with the line and column the problem is at (0
     * when unknown) and its problem code.
     */
    public static final class TomlError extends Exception {
        private final int line;
        private final int column;
        private final String code;

        TomlError(String message, int line, int column) {
            this(message, line, column, "ELASTIC_TOML");
        }

        TomlError(String message, int line, int column, String code) {
            super(message);
            this.line = line;
            this.column = column;
            this.code = code;
        }

        public String code() {
            return code;
        }

        public int line() {
            return line;
        }

        public int column() {
            return column;
        }
    }

    public ElasticRuleDocument read(RuleFile file) throws TomlError {
        JsonNode root;
        try {
            root = MAPPER.readTree(file.text());
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new TomlError("not valid TOML: " + e.getOriginalMessage(), at == null ? 0 : at.getLineNr(),
                    at == null ? 0 : at.getColumnNr());
        }
        if (root == null || !root.isObject()) {
            throw new TomlError("empty file", 0, 0);
        }
        JsonNode rule = root.get("rule");
        if (rule == null || !rule.isObject()) {
            throw new TomlError("no [rule] table", 0, 0);
        }
        checkTypes(file.text(), rule);
        JsonNode metadata = root.has("metadata") ? root.get("metadata") : MissingNode.getInstance();
        return new ElasticRuleDocument(file.name(), metadata, rule, lineOf(file.text(), RULE_HEADER, false),
                lineOf(file.text(), QUERY_KEY, true));
    }

    private static void checkTypes(String text, JsonNode rule) throws TomlError {
        for (String key : STRINGS) {
            JsonNode v = rule.get(key);
            if (v != null && !v.isTextual()) {
                throw wrongType(text, key, v, "a string");
            }
        }
        for (String key : STRING_ARRAYS) {
            JsonNode v = rule.get(key);
            if (v != null && !(v.isArray() && allText(v))) {
                throw wrongType(text, key, v, "an array of strings");
            }
        }
        for (String key : INTEGERS) {
            JsonNode v = rule.get(key);
            if (v != null && !v.canConvertToExactIntegral()) {
                throw wrongType(text, key, v, "a whole number");
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

    private static TomlError wrongType(String text, String key, JsonNode v, String wanted) {
        String was = kind(v);
        if (v.isArray()) {
            for (JsonNode el : v) {
                if (!el.isTextual()) {
                    was = "an array holding " + kind(el);
                    break;
                }
            }
        }
        int[] at = valuePosition(text, key);
        return new TomlError("rule." + key + " must be " + wanted + ", not " + was, at[0], at[1], "ELASTIC_BAD_VALUE");
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
    private static int[] valuePosition(String text, String key) {
        Matcher header = RULE_HEADER.matcher(text);
        int from = header.find() ? header.end() : 0;
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

    /** 1-based line of the first match (of its end, when {@code atEnd}), 0 when none. */
    private static int lineOf(String text, Pattern p, boolean atEnd) {
        Matcher m = p.matcher(text);
        if (!m.find()) {
            return 0;
        }
        int upTo = atEnd ? m.end() : m.start();
        int line = 1;
        for (int i = 0; i < upTo; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
