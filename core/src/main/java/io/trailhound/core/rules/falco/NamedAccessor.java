package io.trailhound.core.rules.falco;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.ir.Accessor;
import java.util.function.Function;

/**
 * A Falco field: its Falco name, how it reads an event, and (for {@code ct.name} and
 * {@code ct.src}) the CloudTrail field it reads unchanged, so the engine can index rules by it.
 */
record NamedAccessor(String name, Function<CloudTrailEvent, Object> read, String canonical) implements Accessor {
    static NamedAccessor of(String name, Function<CloudTrailEvent, Object> read) {
        return new NamedAccessor(name, read, null);
    }

    /** Reads what {@code delegate} reads and keeps its canonical name. */
    static NamedAccessor wrap(String name, Accessor delegate) {
        return new NamedAccessor(name, delegate::extract, delegate.canonical());
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
