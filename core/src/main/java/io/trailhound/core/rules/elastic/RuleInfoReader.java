package io.trailhound.core.rules.elastic;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhound.core.Severity;
import io.trailhound.core.rules.ir.RuleFormat;
import io.trailhound.core.rules.ir.RuleInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an Elastic rule is, apart from its query: {@code rule_id}, name, severity and risk score,
 * tags, MITRE threat, authors, and the execution settings kept as {@code extra} for
 * {@code rules list} and the engine ({@code type}, {@code language}, {@code from},
 * {@code interval}, {@code max_signals}, …) with Kibana's defaults filled in.
 */
final class RuleInfoReader {
    /** Kibana's defaults when the rule does not say. */
    public static final String DEFAULT_FROM = "now-6m";
    public static final String DEFAULT_INTERVAL = "5m";
    public static final int DEFAULT_MAX_SIGNALS = 100;

    private RuleInfoReader() {
    }

    public static RuleInfo read(ElasticRuleDocument doc, boolean enabled, String disabledReason, List<String> needs) {
        String severityWord = doc.text("severity");
        JsonNode risk = doc.rule().get("risk_score");
        return new RuleInfo(doc.text("rule_id") != null ? doc.text("rule_id") : doc.name(), doc.name(),
                RuleFormat.ELASTIC, doc.file(), doc.ruleLine(), severityWord,
                Severity.parse(severityWord) != null ? Severity.parse(severityWord) : Severity.MEDIUM,
                risk != null && risk.canConvertToInt() ? risk.intValue() : null, doc.list("tags"),
                ThreatReader.read(doc.rule().get("threat")), doc.list("author"), doc.text("description"), enabled,
                enabled ? null : disabledReason, needs, extra(doc));
    }

    private static Map<String, String> extra(ElasticRuleDocument doc) {
        Map<String, String> x = new LinkedHashMap<>();
        put(x, "type", doc.text("type"));
        put(x, "language", doc.text("language"));
        x.put("from", orDefault(doc.text("from"), DEFAULT_FROM));
        x.put("interval", orDefault(doc.text("interval"), DEFAULT_INTERVAL));
        x.put("max_signals", orDefault(doc.text("max_signals"), String.valueOf(DEFAULT_MAX_SIGNALS)));
        put(x, "building_block_type", doc.text("building_block_type"));
        put(x, "timestamp_override", doc.text("timestamp_override"));
        put(x, "event_category_override", doc.text("event_category_override"));
        put(x, "license", doc.text("license"));
        if (!doc.list("index").isEmpty()) {
            x.put("index", String.join(",", doc.list("index")));
        }
        JsonNode md = doc.metadata();
        put(x, "maturity", md.path("maturity").isValueNode() ? md.path("maturity").asText() : null);
        put(x, "updated_date", md.path("updated_date").isValueNode() ? md.path("updated_date").asText() : null);
        put(x, "history_window_start", NewTermsReader.historyWindowStart(doc));
        return x;
    }

    private static void put(Map<String, String> x, String k, String v) {
        if (v != null) {
            x.put(k, v);
        }
    }

    private static String orDefault(String v, String d) {
        return v != null ? v : d;
    }
}
