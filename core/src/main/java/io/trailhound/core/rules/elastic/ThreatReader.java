package io.trailhound.core.rules.elastic;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhound.core.rules.ir.Threat;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code [[rule.threat]]} tables to {@link Threat} records: one per sub-technique, else one per
 * technique, else one for the tactic alone, so each record is one row of an ATT&amp;CK mapping.
 */
final class ThreatReader {
    private ThreatReader() {
    }

    static List<Threat> read(JsonNode threats) {
        List<Threat> out = new ArrayList<>();
        if (threats == null || !threats.isArray()) {
            return out;
        }
        for (JsonNode t : threats) {
            JsonNode tactic = t.path("tactic");
            String tacticId = text(tactic, "id");
            String tacticName = text(tactic, "name");
            JsonNode techniques = t.path("technique");
            if (!techniques.isArray() || techniques.isEmpty()) {
                out.add(new Threat(tacticId, tacticName, null, null, null, null));
                continue;
            }
            for (JsonNode tech : techniques) {
                JsonNode subs = tech.path("subtechnique");
                if (!subs.isArray() || subs.isEmpty()) {
                    out.add(new Threat(tacticId, tacticName, text(tech, "id"), text(tech, "name"), null, null));
                    continue;
                }
                for (JsonNode sub : subs) {
                    out.add(new Threat(tacticId, tacticName, text(tech, "id"), text(tech, "name"), text(sub, "id"),
                            text(sub, "name")));
                }
            }
        }
        return out;
    }

    private static String text(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v != null && v.isValueNode() ? v.asText() : null;
    }
}
