package io.trailhound.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailhound.core.alert.Alert;
import io.trailhound.core.identity.Attribution;
import io.trailhound.core.rules.ir.RuleInfo;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Alerts as JSON (rendered by the core) and as table rows. The JSON keys are public: Falco's ({@code time}, {@code rule},
 * {@code priority}, {@code output}, {@code output_fields}, {@code source}, {@code tags}) so tools
 * reading Falco's JSON read ours, plus {@code eventID}, {@code origin}, {@code rule_id},
 * {@code format}, {@code severity}, {@code risk_score}, {@code threat}, {@code author}.
 */
final class AlertJson {
    private AlertJson() {
    }

    /** The one alert rendering, in core ({@link io.trailhound.core.alert.AlertJson}): the Flink job prints the same bytes. */
    static ObjectNode json(Alert a) {
        return io.trailhound.core.alert.AlertJson.json(a);
    }

    /** The alert as one NDJSON line, as {@code scan --format ndjson} prints it (kept so in the store for the web UI). */
    static String line(Alert a) {
        return io.trailhound.core.alert.AlertJson.line(a);
    }

    /** The rule's level in its language's words (Falco capitalises: {@code Warning}). */
    static String priorityWord(RuleInfo r) {
        return io.trailhound.core.alert.AlertJson.priorityWord(r);
    }

    /** An {@code attribution_update} record, rendered by the core as the Flink job renders it. */
    static ObjectNode update(io.trailhound.core.alert.AlertUpdate u) {
        return io.trailhound.core.alert.AlertJson.update(u);
    }

    /** People's view: one row per alert in event-time order; every log-derived cell escaped by {@link Table}. */
    static void table(PrintStream out, List<Alert> alerts) {
        Table t = new Table("time", "severity", "rule", "event", "account", "origin", "confidence");
        List<Alert> sorted = new ArrayList<>(alerts);
        sorted.sort(java.util.Comparator.comparingLong(a -> a.event().timeMillis()));
        for (Alert a : sorted) {
            Attribution at = a.attribution();
            t.row(a.event().time(), a.rule().severity() == null ? "" : a.rule().severity().id(), a.rule().name(),
                    a.event().eventName(), a.event().recipientAccountId(),
                    at == null ? "-" : at.origin() == null ? "unknown" : at.origin().label(),
                    at == null ? "-" : at.confidence().jsonName());
        }
        t.print(out);
    }
}
