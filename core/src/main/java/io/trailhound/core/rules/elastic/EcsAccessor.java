package io.trailhound.core.rules.elastic;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.ir.Accessor;
import java.util.function.Function;

/**
 * One ECS field of the view, computed from the CloudTrail event when a rule asks for it. Nothing is
 * stored per event: the pipeline's output is never materialised as a second document.
 *
 * @param canonical the CloudTrail field read unchanged ({@code eventName} for {@code event.action}),
 *                  so the engine can index KQL and EQL rules by event name; null otherwise
 * @param cost      see {@link Accessor#cost()}: 2 unless built from a shared accessor that knows better
 */
record EcsAccessor(String name, Function<CloudTrailEvent, Object> read, String canonical, int cost) implements Accessor {
    static EcsAccessor of(String name, Function<CloudTrailEvent, Object> read) {
        return new EcsAccessor(name, read, null, 2);
    }

    /** An ECS name for a shared accessor, keeping what it reads, its canonical name and its cost. */
    static EcsAccessor renamed(String name, Accessor inner) {
        return new EcsAccessor(name, inner::extract, inner.canonical(), inner.cost());
    }

    @Override
    public Object extract(CloudTrailEvent event) {
        return read.apply(event);
    }

    @Override
    public String toString() {
        return name;
    }
}
