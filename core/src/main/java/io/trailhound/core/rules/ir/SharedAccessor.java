package io.trailhound.core.rules.ir;

import io.trailhound.core.event.CloudTrailEvent;

/**
 * A dear field (one that parses the record or builds text from it, such as ECS
 * {@code aws.cloudtrail.request_parameters}) that several rules' tests read: with an
 * {@link EventMemo} it is read once per event, at {@code slot}. Made only by the engine when it
 * indexes rules; reads, is named and costs exactly as {@code inner}.
 */
public record SharedAccessor(int slot, Accessor inner) implements Accessor {
    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public Object extract(CloudTrailEvent event) {
        return inner.extract(event);
    }

    @Override
    public String canonical() {
        return inner.canonical();
    }

    @Override
    public View view() {
        return inner.view();
    }

    @Override
    public int cost() {
        return inner.cost();
    }

    @Override
    public Object shareKey() {
        return inner.shareKey();
    }

    @Override
    public String toString() {
        return inner.toString();
    }
}
