package io.trailhound.core.rules.elastic;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The {@code [rule.new_terms]} table as detection-rules writes it:
 * {@code field = "new_terms_fields"}, {@code value = [...]} and a
 * {@code [[rule.new_terms.history_window_start]]} entry {@code value = "now-10d"}. Kibana's JSON
 * form ({@code new_terms_fields}, {@code history_window_start} directly under the rule) is read too.
 */
final class NewTermsReader {
    private NewTermsReader() {
    }

    public static List<String> fields(ElasticRuleDocument doc) {
        JsonNode nt = doc.rule().get("new_terms");
        if (nt != null && nt.isObject()) {
            return ElasticRuleDocument.strings(nt.get("value"));
        }
        return doc.list("new_terms_fields");
    }

    public static String historyWindowStart(ElasticRuleDocument doc) {
        JsonNode nt = doc.rule().get("new_terms");
        if (nt != null && nt.isObject()) {
            JsonNode h = nt.get("history_window_start");
            if (h != null && h.isArray() && !h.isEmpty()) {
                h = h.get(0);
            }
            if (h != null && h.isObject()) {
                h = h.get("value");
            }
            return h != null && h.isValueNode() ? h.asText() : null;
        }
        return doc.text("history_window_start");
    }
}
