package io.trailhound.core.rules.falco.compile;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.ir.Accessor;
import io.trailhound.core.rules.ir.Matchers;
import io.trailhound.core.rules.ir.Predicate;
import io.trailhound.core.rules.ir.Predicates;
import io.trailhound.core.rules.ir.Quantifier;
import java.util.List;

/**
 * The records the CloudTrail plugin never turns into Falco events (source.go): no string
 * {@code eventType}, {@code eventType} {@code AwsCloudTrailInsight}, or an {@code eventTime} that
 * is not a time. Falco rules never see them, so each compiled Falco rule carries this guard; it
 * comes after the rule's own tests so the usual event-name test still runs first.
 */
public final class PluginEventFilter {
    private static final Accessor EVENT_TYPE = new Accessor() {
        @Override
        public String name() {
            return "eventType";
        }

        @Override
        public Object extract(CloudTrailEvent event) {
            return event.eventType();
        }
    };

    private static final Accessor HAS_EVENT_TIME = new Accessor() {
        @Override
        public String name() {
            return "eventTime is a time";
        }

        @Override
        public Object extract(CloudTrailEvent event) {
            return event.eventTimeMillis() == Long.MIN_VALUE ? null : "true";
        }
    };

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
