package io.trailhound.core.rules.ir;

import io.trailhound.core.event.CloudTrailEvent;

/**
 * An accessor that reads, is named, costs and is shared exactly as the one it wraps; a wrapper
 * overrides only what it changes.
 */
public interface ForwardingAccessor extends Accessor {
    Accessor inner();

    @Override
    default String name() {
        return inner().name();
    }

    @Override
    default Object extract(CloudTrailEvent event) {
        return inner().extract(event);
    }

    @Override
    default String canonical() {
        return inner().canonical();
    }

    @Override
    default View view() {
        return inner().view();
    }

    @Override
    default int cost() {
        return inner().cost();
    }

    @Override
    default Object shareKey() {
        return inner().shareKey();
    }
}
