package io.trailhound.core.rules.elastic.toml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.trailhound.core.rules.RuleFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a detection-rules TOML file (Jackson's TOML parser) into its two tables, and finds the
 * lines of {@code [rule]} and of the query in the text so later stages can report positions:
 * Jackson's tree keeps no line numbers.
 */
public final class TomlRuleReader {
    private static final TomlMapper MAPPER = new TomlMapper();
    private static final Pattern RULE_HEADER = Pattern.compile("(?m)^[ \\t]*\\[rule\\][ \\t]*(#.*)?$");
    private static final Pattern QUERY_KEY = Pattern.compile("(?m)^[ \\t]*query[ \\t]*=[ \\t]*('''|\"\"\"|'|\")(\\r?\\n)?");

    /** A file that is not valid TOML, with the line and column the parser stopped at (0 when unknown). */
    public static final class TomlError extends Exception {
        private final int line;
        private final int column;

        TomlError(String message, int line, int column) {
            super(message);
            this.line = line;
            this.column = column;
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
        JsonNode metadata = root.has("metadata") ? root.get("metadata") : MissingNode.getInstance();
        return new ElasticRuleDocument(file.name(), metadata, rule, lineOf(file.text(), RULE_HEADER, false),
                lineOf(file.text(), QUERY_KEY, true));
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
