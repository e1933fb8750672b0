package io.trailhound.core.rules.ir;

import io.trailhound.core.event.CloudTrailEvent;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * How a rule describes a matching event: Falco's {@code output} with {@code %field} substitution,
 * or a front end's own summary for languages without one. Rendered while the whole event is still
 * in memory, once per alert.
 */
public interface OutputTemplate {
    /** The message for people; log fields inside it are not escaped here (sinks escape for their medium). */
    String render(CloudTrailEvent event);

    /** The fields the message names, with their values (null when absent): Falco's {@code output_fields}. */
    Map<String, String> fields(CloudTrailEvent event);

    /**
     * The message, given {@code fields}, what {@link #fields} gave for the same event: a template
     * whose message shows only those fields renders from them and reads no field twice (an alert
     * needs both). The default renders from the event.
     */
    default String render(CloudTrailEvent event, Map<String, String> fields) {
        return render(event);
    }

    /**
     * As {@link #fields(CloudTrailEvent)}, each field read through {@code memo} (null: none): a
     * field that several rules read ({@link SharedAccessor}, see {@link #sharing}) is then read once
     * per event, however many of them alert on it.
     */
    default Map<String, String> fields(CloudTrailEvent event, EventMemo memo) {
        return fields(event);
    }

    /** As {@link #render(CloudTrailEvent, Map)}, any other field the message shows read through {@code memo}. */
    default String render(CloudTrailEvent event, Map<String, String> fields, EventMemo memo) {
        return render(event, fields);
    }

    /**
     * This template with each field it reads replaced by what {@code share} gives for it (the
     * engine's {@link SharedAccessor}: the same values, name and cost); {@code share} is called once
     * for each field the template reads, in order. The default shares nothing: the template itself.
     */
    default OutputTemplate sharing(UnaryOperator<Accessor> share) {
        return this;
    }
}
