package io.trailhound.core.rules.sigma;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.ir.Accessor;
import io.trailhound.core.rules.ir.Accessors;
import io.trailhound.core.rules.ir.EventMemo;
import io.trailhound.core.rules.ir.OutputTemplate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

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
        // Shown, not matched: an object field shows as its JSON text alone.
        this(title, (fieldNames.isEmpty() ? DEFAULT_FIELDS : fieldNames).stream().distinct() // a name shows once
                .map(f -> Accessors.path(f, Accessors.ObjectValues.JSON_TEXT)).toArray(Accessor[]::new));
    }

    private SigmaOutput(String title, Accessor[] fields) {
        this.title = title;
        this.fields = List.of(fields);
    }

    @Override
    public String render(CloudTrailEvent event) {
        return render(event, fields(event));
    }

    /** From the values {@link #fields} read: a rule such as AssumeRole Misuse alerts on most events, each field is read once. */
    @Override
    public String render(CloudTrailEvent event, Map<String, String> values) {
        StringBuilder sb = new StringBuilder(title.length() + 32 * fields.size()).append(title);
        // The values come in the fields' order (fields made them), so each is found without a lookup.
        java.util.Iterator<Map.Entry<String, String>> given = values.entrySet().iterator();
        for (Accessor a : fields) {
            Map.Entry<String, String> next = given.hasNext() ? given.next() : null;
            String v = next != null && next.getKey().equals(a.name()) ? next.getValue() : values.get(a.name());
            sb.append(' ').append(a.name()).append('=').append(v == null ? "<NA>" : v);
        }
        return sb.toString();
    }

    @Override
    public Map<String, String> fields(CloudTrailEvent event) {
        return fields(event, null);
    }

    @Override
    public Map<String, String> fields(CloudTrailEvent event, EventMemo memo) {
        Map<String, String> out = new LinkedHashMap<>(fields.size() * 2);
        for (Accessor a : fields) {
            out.put(a.name(), text(EventMemo.extract(a, event, memo)));
        }
        return out;
    }

    @Override
    public OutputTemplate sharing(UnaryOperator<Accessor> share) {
        return new SigmaOutput(title, fields.stream().map(share).toArray(Accessor[]::new));
    }

    /** A field's values as shown: one value as it is, several joined by commas, none as null. */
    private static String text(Object v) {
        return v == null ? null : v instanceof String s ? s : String.join(",", Accessor.valuesOf(v));
    }
}
