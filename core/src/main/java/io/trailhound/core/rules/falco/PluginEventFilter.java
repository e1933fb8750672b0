package io.trailhound.core.rules.falco;

import io.trailhound.core.rules.ir.Accessor;
import io.trailhound.core.rules.ir.Accessors;
import io.trailhound.core.rules.ir.Matchers;
import io.trailhound.core.rules.ir.Predicate;
import io.trailhound.core.rules.ir.Predicates;
import io.trailhound.core.rules.ir.Quantifier;
import java.util.List;

/**
 * The records the CloudTrail plugin never turns into Falco events (source.go): no string
 * {@code eventType}, {@code eventType} {@code AwsCloudTrailInsight}, or an {@code eventTime} that
 * is not a time. Falco rules never see them, so each compiled Falco rule carries this guard. Its
 * tests read what the decoder holds; put after the rule's own, they stay behind the rule's
 * event-name test when the engine orders tests cheapest first, and ahead of tests that parse the
 * record.
 */
final class PluginEventFilter {
    private static final Accessor EVENT_TYPE = Accessors.path("eventType", Accessors.ObjectValues.ABSENT);
    private static final Accessor HAS_EVENT_TIME = Accessors.derived("eventTime is a time",
            e -> e.eventTimeMillis() == Long.MIN_VALUE ? null : "true");

    private static final Predicate ACCEPTED = Predicates.and(List.of(
            new Predicate.Match(EVENT_TYPE, Matchers.not(Matchers.equalTo("AwsCloudTrailInsight", false)),
                    Quantifier.ANY),
            new Predicate.Exists(HAS_EVENT_TIME)));

    private PluginEventFilter() {
    }

    /** {@code condition} and "the plugin would have produced this event". */
    public static Predicate guard(Predicate condition) {
        return Predicates.and(List.of(condition, ACCEPTED));
    }
}
