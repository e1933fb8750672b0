package io.trailhound.core.rules.elastic;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One Elastic detection-rule TOML file as read: its {@code [metadata]} and {@code [rule]} tables
 * and where things are in the text, for messages.
 *
 * @param ruleLine  1-based line of the {@code [rule]} header, 0 when not found
 * @param queryLine 1-based line where the query's first character is, 0 when not found
 */
record ElasticRuleDocument(String file, JsonNode metadata, JsonNode rule, int ruleLine, int queryLine) {
    public String text(String key) {
        JsonNode n = rule.get(key);
        return n != null && n.isValueNode() ? n.asText() : null;
    }

    public List<String> list(String key) {
        return strings(rule.get(key));
    }

    public String name() {
        String n = text("name");
        return n != null ? n : file;
    }

    /** The 1-based line of a character offset inside the query (the query's line for a negative offset). */
    public int lineOfQueryOffset(int offset) {
        if (queryLine == 0) {
            return ruleLine;
        }
        if (offset < 0) {
            return queryLine;
        }
        String q = text("query");
        int line = queryLine;
        for (int i = 0; q != null && i < Math.min(offset, q.length()); i++) {
            if (q.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n == null) {
            return out;
        }
        if (n.isArray()) {
            for (JsonNode el : n) {
                if (el.isValueNode()) {
                    out.add(el.asText());
                }
            }
        } else if (n.isValueNode()) {
            out.add(n.asText());
        }
        return out;
    }
}
