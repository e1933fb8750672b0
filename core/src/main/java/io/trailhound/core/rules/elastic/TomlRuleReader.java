package io.trailhound.core.rules.elastic;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.toml.TomlFactory;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.trailhound.core.rules.RuleFile;
import io.trailhound.core.rules.load.Position;
import io.trailhound.core.rules.load.RuleLimits;
import io.trailhound.core.rules.load.RuleSyntaxException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a detection-rules TOML file (Jackson's TOML parser) into its two tables, and finds the
 * lines of {@code [rule]} and of the query in the text so later stages can report positions:
 * Jackson's tree keeps no line numbers. Values of the wrong type fail the file ({@link RuleValueTypes}).
 */
final class TomlRuleReader {
    /** Jackson refuses nesting past 1,000 but recurses two frames a level to get there: too deep for small stacks. */
    private static final TomlMapper MAPPER = TomlMapper.builder(TomlFactory.builder().streamReadConstraints(
            StreamReadConstraints.builder().maxNestingDepth(RuleLimits.MAX_DOCUMENT_DEPTH).build()).build()).build();
    private static final Pattern RULE_HEADER = Pattern.compile("(?m)^[ \\t]*\\[rule\\][ \\t]*(#.*)?$");
    private static final Pattern QUERY_KEY = Pattern.compile("(?m)^[ \\t]*query[ \\t]*=[ \\t]*('''|\"\"\"|'|\")(\\r?\\n)?");

    /**
     * The file's tables; a file that is not valid TOML, or not a rule, throws a
     * {@link RuleSyntaxException} at the line and column of the problem (0 when unknown), under its
     * code when it is not {@code ELASTIC_TOML}.
     */
    public ElasticRuleDocument read(RuleFile file) {
        JsonNode root;
        try {
            root = MAPPER.readTree(file.text());
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new RuleSyntaxException("not valid TOML: " + e.getOriginalMessage(),
                    new Position(null, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr()));
        }
        if (root == null || !root.isObject()) {
            throw new RuleSyntaxException("empty file", new Position(null, 0, 0));
        }
        JsonNode rule = root.get("rule");
        if (rule == null || !rule.isObject()) {
            throw new RuleSyntaxException("no [rule] table", new Position(null, 0, 0));
        }
        Matcher header = RULE_HEADER.matcher(file.text());
        RuleValueTypes.check(file.text(), header.find() ? header.end() : 0, rule);
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
