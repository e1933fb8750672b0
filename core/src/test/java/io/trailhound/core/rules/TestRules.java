package io.trailhound.core.rules;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.ir.Accessor;
import io.trailhound.core.rules.ir.Accessors;
import io.trailhound.core.rules.ir.CompiledRule;
import io.trailhound.core.rules.ir.Matchers;
import io.trailhound.core.rules.ir.OutputTemplate;
import io.trailhound.core.rules.ir.Predicate;
import io.trailhound.core.rules.ir.Quantifier;
import io.trailhound.core.rules.ir.RuleFormat;
import io.trailhound.core.rules.ir.RuleInfo;
import io.trailhound.core.Severity;
import io.trailhound.core.rules.ir.Stateful;
import java.util.List;
import java.util.Map;

/** Rules built directly in the IR, for engine tests that must not depend on a front end. */
public final class TestRules {
    private TestRules() {
    }

    public static Predicate field(String path, String value) {
        return new Predicate.Match(Accessors.path(path, Accessors.ObjectValues.ABSENT), Matchers.equalTo(value, false),
                Quantifier.ANY);
    }

    public static Accessor path(String p) {
        return Accessors.path(p, Accessors.ObjectValues.ABSENT);
    }

    public static CompiledRule rule(String name, RuleFormat format, Severity severity, Predicate condition) {
        return stateful(name, format, severity, condition, null, Map.of());
    }

    public static CompiledRule stateful(String name, RuleFormat format, Severity severity, Predicate condition,
                                        Stateful stateful, Map<String, String> extra) {
        RuleInfo info = new RuleInfo(name, name, format, "test", 1, severity.id(), severity, null, List.of("t-" + name),
                List.of(), List.of(), "test rule", true, null, List.of(), extra);
        OutputTemplate out = new OutputTemplate() {
            @Override
            public String render(CloudTrailEvent e) {
                return name + " on " + e.eventName();
            }

            @Override
            public Map<String, String> fields(CloudTrailEvent e) {
                return Map.of("eventName", e.eventName());
            }
        };
        return new CompiledRule(info, condition, stateful, out);
    }
}
