package io.trailhound.core.output;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailhound.core.rules.ir.Threat;
import io.trailhound.core.rules.ir.IpLiteral;

/**
 * An alert as OCSF Detection Finding (class 2004, activity Create): {@code finding_info} names the
 * rule ({@code analytic}, type Rule), its MITRE mappings ({@code attacks}) and the event it fired
 * on ({@code related_events}, by eventID); {@code evidences} hold the event's actor, API and
 * source; the origin is an enrichment of {@code evidences.actor.user}. {@code metadata.uid} and
 * {@code finding_info.uid} are the alert's stable id.
 */
public final class OcsfDetectionFinding {
    public static final int CLASS_UID = 2004;

    private OcsfDetectionFinding() {
    }

    /** {@code version}: Trailhound's, for {@code metadata.product}, or null. */
    public static ObjectNode of(AlertFacts a, String version) {
        ObjectNode o = Ocsf.classified(2, "Findings", CLASS_UID, "Detection Finding", 1, "Create");
        Ocsf.severity(o, a.severity());
        o.put("time", a.timeMillis());
        Ocsf.metadata(o, a.id(), "Trailhound", "Trailhound", version);
        Ocsf.cloud(o, a.region(), a.account());
        o.put("message", a.message());
        o.put("status_id", 1).put("status", "New");
        o.put("is_alert", true);
        ObjectNode info = o.putObject("finding_info");
        info.put("uid", a.id());
        info.put("title", a.ruleName());
        Ocsf.put(info, "desc", a.description());
        info.put("created_time", a.timeMillis());
        ObjectNode analytic = info.putObject("analytic");
        analytic.put("uid", a.ruleId() != null ? a.ruleId() : a.ruleName()).put("name", a.ruleName());
        analytic.put("type_id", 1).put("type", "Rule");
        Ocsf.put(analytic, "category", a.format());
        ArrayNode types = info.putArray("types");
        types.add(a.format());
        if (!a.tags().isEmpty()) {
            ArrayNode tags = info.putArray("tags");
            for (String t : a.tags()) {
                tags.addObject().put("name", "tag").put("value", t);
            }
        }
        if (!a.threat().isEmpty()) {
            ArrayNode attacks = info.putArray("attacks");
            for (Threat t : a.threat()) {
                ObjectNode at = Ocsf.NODES.objectNode();
                entity(at, "tactic", t.tacticId(), t.tacticName());
                entity(at, "technique", t.techniqueId(), t.techniqueName());
                entity(at, "sub_technique", t.subtechniqueId(), t.subtechniqueName());
                if (!at.isEmpty()) {
                    attacks.add(at);
                }
            }
            if (attacks.isEmpty()) {
                info.remove("attacks");
            }
        }
        if (a.eventID() != null) {
            ObjectNode related = info.putArray("related_events").addObject();
            related.put("uid", a.eventID());
            related.put("type_uid", (long) OcsfApiActivity.CLASS_UID * 100 + OcsfApiActivity.activityId(a.eventName()));
            Ocsf.put(related, "type_name", a.eventName());
        }
        ObjectNode ev = o.putArray("evidences").addObject();
        ObjectNode actor = ev.putObject("actor");
        ObjectNode user = actor.putObject("user");
        Ocsf.put(user, "type", a.identityType());
        Ocsf.put(user, "uid", a.principalArn());
        if (a.account() != null) {
            user.putObject("account").put("uid", a.account()).put("type_id", 10).put("type", "AWS Account");
        }
        if (user.isEmpty()) {
            actor.remove("user");
            actor.put("app_name", a.eventSource() != null ? a.eventSource() : "unknown");
        }
        ObjectNode api = ev.putObject("api").put("operation", a.eventName());
        if (a.eventSource() != null) {
            api.putObject("service").put("name", a.eventSource());
        }
        if (a.sourceIp() != null && IpLiteral.isIp(a.sourceIp())) {
            ev.putObject("src_endpoint").put("ip", a.sourceIp());
        }
        Ocsf.origin(o, "evidences.actor.user", a.origin());
        return o;
    }

    /** {@code {uid, name}} under {@code key} when the rule gives either. */
    private static void entity(ObjectNode o, String key, String uid, String name) {
        if (uid == null && name == null) {
            return;
        }
        ObjectNode e = o.putObject(key);
        Ocsf.put(e, "uid", uid);
        Ocsf.put(e, "name", name);
    }
}
