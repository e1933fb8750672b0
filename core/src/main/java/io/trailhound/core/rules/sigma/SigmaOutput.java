package io.trailhound.core.rules.sigma;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.ir.Accessor;
import io.trailhound.core.rules.ir.Accessors;
import io.trailhound.core.rules.ir.OutputTemplate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a Sigma rule words an alert: Sigma has no output line, so the title followed by the rule's
 * {@code fields} (or, when it lists none, who did what from where: eventName, eventSource,
 * userIdentity.arn, sourceIPAddress) as {@code name=value}.
 */
final class SigmaOutput implements OutputTemplate {
    static final List<String> DEFAULT_FIELDS = List.of("eventName", "eventSource", "userIdentity.arn",
            "sourceIPAddress");

    private final String title;
    private final List<Accessor> fields;

    SigmaOutput(String title, List<String> fieldNames) {
        this.title = title;
        // Shown, not matched: an object field shows as its JSON text alone.
        this.fields = (fieldNames.isEmpty() ? DEFAULT_FIELDS : fieldNames).stream()
                .map(f -> Accessors.path(f, Accessors.ObjectValues.JSON_TEXT)).toList();
    }

    @Override
    public String render(CloudTrailEvent event) {
        StringBuilder sb = new StringBuilder(title);
        for (Map.Entry<String, String> e : fields(event).entrySet()) {
            sb.append(' ').append(e.getKey()).append('=').append(e.getValue() == null ? "<NA>" : e.getValue());
        }
        return sb.toString();
    }

    @Override
    public Map<String, String> fields(CloudTrailEvent event) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Accessor a : fields) {
            Object v = a.extract(event);
            out.put(a.name(), v == null ? null : String.join(",", Accessor.valuesOf(v)));
        }
        return out;
    }
}
