package io.trailhound.core.rules.ir;

/**
 * A dear field (one that parses the record or builds text from it, such as ECS
 * {@code aws.cloudtrail.request_parameters}) that several rules' tests read: with an
 * {@link EventMemo} it is read once per event, at {@code slot}. Made only by the engine when it
 * indexes rules; reads, is named and costs exactly as {@code inner}.
 */
public record SharedAccessor(int slot, Accessor inner) implements ForwardingAccessor {
    @Override
    public String member() {
        return inner.member();
    }

    @Override
    public String memberSeparators() {
        return inner.memberSeparators();
    }

    @Override
    public String toString() {
        return inner.toString();
    }
}
