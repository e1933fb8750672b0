package io.trailhound.core.rules.ir;

import io.trailhound.core.event.CloudTrailEvent;
import java.util.Map;

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
}
