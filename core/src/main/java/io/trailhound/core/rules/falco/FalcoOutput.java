package io.trailhound.core.rules.falco;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.ir.Accessor;
import io.trailhound.core.rules.ir.EventMemo;
import io.trailhound.core.rules.ir.OutputTemplate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A compiled Falco {@code output}: literal text and {@code %field} tokens, each rendered as the
 * field's value, {@code <NA>} when absent, a list as {@code (a,b)}, padded or cut to N characters
 * for {@code %Nfield}. See {@link OutputParser} for how tokens are found.
 */
final class FalcoOutput implements OutputTemplate {
    /** A piece of the format: literal text, or a field with its optional width (0 = as is). */
    sealed interface Part {
    }

    record Text(String text) implements Part {
    }

    record FieldToken(String key, Accessor accessor, int width) implements Part {
    }

    private final List<Part> parts;

    FalcoOutput(List<Part> parts) {
        this.parts = List.copyOf(parts);
    }

    @Override
    public String render(CloudTrailEvent event) {
        return render(event, fields(event));
    }

    /** The message from the values {@link #fields} read: each field is read once per alert. */
    @Override
    public String render(CloudTrailEvent event, Map<String, String> fields) {
        StringBuilder sb = new StringBuilder();
        for (Part p : parts) {
            if (p instanceof Text t) {
                sb.append(t.text());
            } else {
                FieldToken f = (FieldToken) p;
                String v = fields.get(f.key());
                sb.append(f.width() > 0 ? pad(v == null ? "<NA>" : v, f.width()) : v == null ? "<NA>" : v);
            }
        }
        return sb.toString();
    }

    @Override
    public Map<String, String> fields(CloudTrailEvent event) {
        return fields(event, null);
    }

    @Override
    public Map<String, String> fields(CloudTrailEvent event, EventMemo memo) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Part p : parts) {
            if (p instanceof FieldToken f) {
                out.put(f.key(), text(EventMemo.extract(f.accessor(), event, memo)));
            }
        }
        return Collections.unmodifiableMap(out);
    }

    @Override
    public OutputTemplate sharing(UnaryOperator<Accessor> share) {
        List<Part> shared = new ArrayList<>(parts.size());
        for (Part p : parts) {
            shared.add(p instanceof FieldToken f ? new FieldToken(f.key(), share.apply(f.accessor()), f.width()) : p);
        }
        return new FalcoOutput(shared);
    }

    /** The field names the format uses, in order, for {@code rules list} and tests. */
    public List<String> fieldNames() {
        return parts.stream().filter(p -> p instanceof FieldToken).map(p -> ((FieldToken) p).key()).distinct()
                .toList();
    }

    private static String text(Object v) {
        if (v == null || v instanceof String) {
            return (String) v;
        }
        return "(" + String.join(",", Accessor.valuesOf(v)) + ")";
    }

    private static String pad(String v, int width) {
        return v.length() >= width ? v.substring(0, width) : v + " ".repeat(width - v.length());
    }
}
