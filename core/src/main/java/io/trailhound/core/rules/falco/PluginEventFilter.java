package io.trailhound.core.rules.falco;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.ir.Accessor;
import io.trailhound.core.rules.ir.Matchers;
import io.trailhound.core.rules.ir.Predicate;
import io.trailhound.core.rules.ir.Predicates;
import io.trailhound.core.rules.ir.Quantifier;
import java.util.List;
import java.util.function.Function;

/**
 * The records the CloudTrail plugin never turns into Falco events (source.go): no string
 * {@code eventType}, {@code eventType} {@code AwsCloudTrailInsight}, or an {@code eventTime} that
 * is not a time. Falco rules never see them, so each compiled Falco rule carries this guard; it
 * comes after the rule's own tests so the usual event-name test still runs first.
 */
final class PluginEventFilter {
    /** A decoded top-level value, under the name it has in the record. */
    private record Decoded(String name, Function<CloudTrailEvent, Object> read) implements Accessor {
        @Override
        public Object extract(CloudTrailEvent event) {
            return read.apply(event);
        }
    }

    private static final Accessor EVENT_TYPE = new Decoded("eventType", CloudTrailEvent::eventType);
    private static final Accessor HAS_EVENT_TIME = new Decoded("eventTime is a time",
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
