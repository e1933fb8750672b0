package io.trailhound.core.alert;

import io.trailhound.core.identity.Attribution;
import io.trailhound.core.rules.ir.RuleInfo;
import java.util.Map;

/**
 * One rule firing on one event (or, for a stateful rule, on the event that completed the pattern),
 * with the person or service behind it.
 *
 * @param output       the rule's message with the event's values filled in (not escaped)
 * @param outputFields the fields the message names and their values (null when absent)
 * @param attribution  who was behind the event; null when the run did not attribute
 * @param context      what a stateful rule counted or saw new ({@code count}, {@code new_terms}, …), may be empty
 */
public record Alert(RuleInfo rule, String output, Map<String, String> outputFields, AlertEvent event,
                    Attribution attribution, Map<String, String> context) {

    /**
     * The alert's stable id: format, rule and event (its eventID, or where it was read when it has
     * none), and for a stateful rule the group, term or sequence it completed (one event may
     * complete several). The same logs give the same ids, so the store, Security Hub and other
     * consumers update rather than duplicate on a re-run; an {@link AlertUpdate} names its alert by it.
     */
    public String id() {
        String where = event.eventID() != null ? "id:" + event.eventID() : "at:" + event.file() + "@" + event.offset();
        String group = context.getOrDefault("group", context.getOrDefault("new_terms", context.get("sequence")));
        return rule.format().id() + ":" + (rule.id() != null ? rule.id() : rule.name()) + ":" + where
                + (group == null ? "" : ":" + group);
    }

    /** The same alert with another attribution (its credential's answer improved). */
    public Alert withAttribution(Attribution a) {
        return new Alert(rule, output, outputFields, event, a, context);
    }
}
