package io.trailhound.core.output;

import io.trailhound.core.Severity;
import io.trailhound.core.alert.Alert;
import io.trailhound.core.alert.AlertEvent;
import io.trailhound.core.rules.ir.RuleInfo;
import io.trailhound.core.rules.ir.Threat;
import java.util.List;

/**
 * What the finding formats (OCSF Detection Finding, ASFF) say about an alert, from a live
 * {@link Alert} ({@link #of}) or from the store's alerts table: the alert's stable {@code id}, the
 * rule, the event and the origin. Threat, tags and description are empty for a stored alert (the
 * store keeps the rule's id, name, format and levels only).
 */
public record AlertFacts(String id, long timeMillis, String ruleId, String ruleName, String format, Severity severity,
                         String priority, String output, String description, List<Threat> threat, List<String> tags,
                         String eventID, String eventName, String eventSource, String region, String account,
                         String sourceIp, String identityType, String principalArn, EventOrigin origin) {
    public AlertFacts {
        threat = threat == null ? List.of() : List.copyOf(threat);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    public static AlertFacts of(Alert a) {
        RuleInfo r = a.rule();
        AlertEvent e = a.event();
        return new AlertFacts(a.id(), e.timeMillis(), r.id(), r.name(), r.format().id(), r.severity(), r.priority(),
                a.output(), r.description(), r.threat(), r.tags(), e.eventID(), e.eventName(), e.eventSource(),
                e.awsRegion(), e.recipientAccountId(), e.sourceIPAddress(), e.identityType(), e.principalArn(),
                EventOrigin.of(a.attribution()));
    }

    /** The rule's message, or its name when it has none. */
    public String message() {
        return output != null ? output : ruleName;
    }
}
