package io.trailhound.core.rules.elastic;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.ir.Accessor;
import io.trailhound.core.rules.ir.OutputTemplate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Elastic rules have no output string, so an alert reads
 * {@code <rule name>: <event.action> by <user.name or user_identity.arn> from <source.ip or source.address>},
 * and its fields are the rule's {@code investigation_fields} (what Kibana shows in the alert
 * flyout), or the fields its query names when it has none.
 */
final class ElasticOutputTemplate implements OutputTemplate {
    private final String ruleName;
    private final Map<String, Accessor> fields = new LinkedHashMap<>();
    private final Accessor action;
    private final Accessor userName;
    private final Accessor arn;
    private final Accessor sourceIp;
    private final Accessor sourceAddress;

    ElasticOutputTemplate(String ruleName, List<String> fieldNames, GeoIp geo) {
        this.ruleName = ruleName;
        for (String f : fieldNames) {
            fields.put(f, EcsFields.forDisplay(f, geo));
        }
        action = EcsFields.forDisplay("event.action", geo);
        userName = EcsFields.forDisplay("user.name", geo);
        arn = EcsFields.forDisplay("aws.cloudtrail.user_identity.arn", geo);
        sourceIp = EcsFields.forDisplay("source.ip", geo);
        sourceAddress = EcsFields.forDisplay("source.address", geo);
    }

    @Override
    public String render(CloudTrailEvent event) {
        return ruleName + ": " + orDash(text(action, event)) + " by " + orDash(first(event, userName, arn))
                + " from " + orDash(first(event, sourceIp, sourceAddress));
    }

    @Override
    public Map<String, String> fields(CloudTrailEvent event) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, Accessor> e : fields.entrySet()) {
            out.put(e.getKey(), text(e.getValue(), event));
        }
        return out;
    }

    private static String first(CloudTrailEvent event, Accessor a, Accessor b) {
        String v = text(a, event);
        return v != null ? v : text(b, event);
    }

    private static String text(Accessor a, CloudTrailEvent event) {
        Object v = a.extract(event);
        return v == null ? null : String.join(", ", Accessor.valuesOf(v));
    }

    private static String orDash(String s) {
        return s == null ? "-" : s;
    }
}
