package io.trailhound.core.rules;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailhound.core.rules.ir.CompiledRule;
import io.trailhound.core.rules.ir.Predicates;
import io.trailhound.core.rules.ir.RuleInfo;
import java.util.Set;

/**
 * One loaded rule as JSON ({@code rules list --format json} and the web UI's rules page): format,
 * id, name, type, status and why it is off, severity, where it is defined, what data it needs, and
 * the event names its condition requires. The keys are public.
 */
public final class RuleJson {
    private RuleJson() {
    }

    public static ObjectNode of(CompiledRule c) {
        RuleInfo r = c.info();
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("format", r.format().id()).put("id", r.id()).put("name", r.name()).put("type", type(r))
                .put("enabled", r.enabled()).put("disabledReason", r.disabledReason())
                .put("severity", r.severity() == null ? null : r.severity().id()).put("priority", r.priority())
                .put("file", r.file()).put("line", r.line());
        if (r.riskScore() != null) {
            o.put("risk_score", r.riskScore());
        }
        ArrayNode tags = o.putArray("tags");
        r.tags().forEach(tags::add);
        ArrayNode needs = o.putArray("needs");
        r.needs().forEach(needs::add);
        Set<String> names = c.condition() == null ? null : Predicates.requiredEventNames(c.condition());
        if (names != null) {
            ArrayNode ev = o.putArray("eventNames");
            names.forEach(ev::add);
        }
        o.put("stateful", c.stateful() == null ? null : c.stateful().getClass().getSimpleName());
        return o;
    }

    /** The rule's type in its language's words ({@code query}, {@code new_terms}, ...). */
    public static String type(RuleInfo r) {
        return RuleFormats.standard().of(r.format()).ruleType(r);
    }
}
