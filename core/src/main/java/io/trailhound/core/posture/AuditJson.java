package io.trailhound.core.posture;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * {@code audit --format json}: one object. Public keys (later releases add, never rename):
 * {@code summary[]} ({@code id}, {@code violations}, {@code applicable}, {@code percent}, ...) and
 * {@code findings[]} ({@code check}, {@code account}, {@code user} or {@code role}, {@code severity},
 * {@code detail}). Shared by {@code audit --format json} and the web UI's posture page.
 */
public final class AuditJson {
    private AuditJson() {
    }

    public static ObjectNode of(AuditResult r, List<Priority> priorities) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ArrayNode summary = root.putArray("summary");
        for (CheckInfo info : r.checks()) {
            ObjectNode s = tally(summary.addObject().put("id", info.id()), r.total().get(info.id()));
            s.put("title", info.title()).put("severity", info.severity().id()).put("unit", info.unit());
            CheckTally t = r.total().get(info.id());
            ArrayNode tiers = s.putArray("tiers");
            for (int i = 0; i < t.tierDays().size(); i++) {
                tiers.addObject().put("overDays", t.tierDays().get(i)).put("violations", t.overTier(i))
                        .put("percent", round(t.percentOf(t.overTier(i))));
            }
            s.put("cis", info.cis()).put("configRule", info.configRule()).put("securityHub", info.securityHub())
                    .put("rationale", info.rationale()).put("remediation", info.remediation());
            ArrayNode accounts = s.putArray("accounts");
            for (Map.Entry<String, Map<String, CheckTally>> a : r.byAccount().entrySet()) {
                tally(accounts.addObject().put("account", a.getKey()), a.getValue().get(info.id()));
            }
        }
        ArrayNode findings = root.putArray("findings");
        for (Finding f : r.findings()) {
            ObjectNode o = findings.addObject().put("check", f.check()).put("account", f.account());
            if (f.role() != null) {
                o.put("role", f.role());
            } else {
                o.put("user", f.user());
            }
            o.put("severity", f.severity().id()).put("detail", f.detail());
            if (f.ageDays() >= 0) {
                o.put("ageDays", f.ageDays());
            }
        }
        ArrayNode prio = root.putArray("priorities");
        for (Priority p : priorities) {
            ObjectNode o = prio.addObject().put("account", p.account()).put("principal", p.principal())
                    .put("worst", p.worst().id()).put("oldestDays", p.oldestDays());
            p.checks().forEach(o.putArray("checks")::add);
        }
        ObjectNode asOf = root.putObject("asOf");
        r.asOf().forEach((k, v) -> asOf.put(k, v.toString()));
        r.notes().forEach(root.putArray("notes")::add);
        return root;
    }

    private static ObjectNode tally(ObjectNode o, CheckTally t) {
        return o.put("violations", t.violations()).put("applicable", t.applicable()).put("percent", round(t.percent()));
    }

    /** Rounded to one decimal, for JSON. */
    static double round(double p) {
        return Math.round(p * 10) / 10.0;
    }
}
