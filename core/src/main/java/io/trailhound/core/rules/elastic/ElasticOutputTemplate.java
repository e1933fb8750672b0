package io.trailhound.core.rules.elastic;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.ir.Accessor;
import io.trailhound.core.rules.ir.EventMemo;
import io.trailhound.core.rules.ir.OutputTemplate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Elastic rules have no output string, so an alert reads
 * {@code <rule name>: <event.action> by <user.name or user_identity.arn> from <source.ip or source.address>},
 * and its fields are the rule's {@code investigation_fields} (what Kibana shows in the alert
 * flyout), or the fields its query names when it has none.
 */
final class ElasticOutputTemplate implements OutputTemplate {
    private final String ruleName;
    private final Map<String, Accessor> fields;
    private final Accessor action;
    private final Accessor userName;
    private final Accessor arn;
    private final Accessor sourceIp;
    private final Accessor sourceAddress;

    ElasticOutputTemplate(String ruleName, List<String> fieldNames, GeoIp geo) {
        this(ruleName, displayed(fieldNames, geo), EcsFields.forDisplay("event.action", geo),
                EcsFields.forDisplay("user.name", geo), EcsFields.forDisplay("aws.cloudtrail.user_identity.arn", geo),
                EcsFields.forDisplay("source.ip", geo), EcsFields.forDisplay("source.address", geo));
    }

    private ElasticOutputTemplate(String ruleName, Map<String, Accessor> fields, Accessor action, Accessor userName,
                                  Accessor arn, Accessor sourceIp, Accessor sourceAddress) {
        this.ruleName = ruleName;
        this.fields = fields;
        this.action = action;
        this.userName = userName;
        this.arn = arn;
        this.sourceIp = sourceIp;
        this.sourceAddress = sourceAddress;
    }

    private static Map<String, Accessor> displayed(List<String> fieldNames, GeoIp geo) {
        Map<String, Accessor> out = new LinkedHashMap<>();
        for (String f : fieldNames) {
            out.put(f, EcsFields.forDisplay(f, geo));
        }
        return out;
    }

    @Override
    public String render(CloudTrailEvent event) {
        return render(event, null, null);
    }

    /** The message reads no field {@link #fields} gives, so {@code fields} is not needed. */
    @Override
    public String render(CloudTrailEvent event, Map<String, String> fields, EventMemo memo) {
        return ruleName + ": " + orDash(text(action, event, memo)) + " by " + orDash(first(event, memo, userName, arn))
                + " from " + orDash(first(event, memo, sourceIp, sourceAddress));
    }

    @Override
    public Map<String, String> fields(CloudTrailEvent event) {
        return fields(event, null);
    }

    @Override
    public Map<String, String> fields(CloudTrailEvent event, EventMemo memo) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, Accessor> e : fields.entrySet()) {
            out.put(e.getKey(), text(e.getValue(), event, memo));
        }
        return out;
    }

    @Override
    public OutputTemplate sharing(UnaryOperator<Accessor> share) {
        Map<String, Accessor> shared = new LinkedHashMap<>();
        fields.forEach((name, a) -> shared.put(name, share.apply(a)));
        return new ElasticOutputTemplate(ruleName, shared, share.apply(action), share.apply(userName), share.apply(arn),
                share.apply(sourceIp), share.apply(sourceAddress));
    }

    private static String first(CloudTrailEvent event, EventMemo memo, Accessor a, Accessor b) {
        String v = text(a, event, memo);
        return v != null ? v : text(b, event, memo);
    }

    private static String text(Accessor a, CloudTrailEvent event, EventMemo memo) {
        Object v = EventMemo.extract(a, event, memo);
        return v == null ? null : String.join(", ", Accessor.valuesOf(v));
    }

    private static String orDash(String s) {
        return s == null ? "-" : s;
    }
}
