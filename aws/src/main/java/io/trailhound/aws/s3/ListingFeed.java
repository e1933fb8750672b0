package io.trailhound.aws.s3;

import io.trailhound.aws.AwsErrors.AwsCallException;
import io.trailhound.core.event.SourcePosition;
import io.trailhound.core.ingest.BadRecord;
import io.trailhound.core.ingest.InputFeed;
import io.trailhound.core.ingest.InputSource;
import io.trailhound.core.ingest.QuarantineReason;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One {@code s3://} location's objects as inputs, handed to the readers while the listing goes on.
 * A location that cannot be listed to its end is reported unreadable once, naming the location and
 * why; the objects handed out before were read, and nothing after them is.
 */
final class ListingFeed implements InputFeed {
    private final S3Location where;
    private final TrailListing listing;
    private final S3Inputs inputs;
    private final AtomicBoolean failureTold = new AtomicBoolean();

    ListingFeed(S3Location where, TrailListing listing, S3Inputs inputs) {
        this.where = where;
        this.listing = listing;
        this.inputs = inputs;
    }

    @Override
    public InputSource next(Consumer<BadRecord> unreadable, Runnable beforeWaiting) throws InterruptedException {
        S3Object o = listing.next(beforeWaiting);
        if (o != null) {
            return inputs.input(o, !o.key().equals(where.prefix()));
        }
        RuntimeException failure = listing.failure();
        if (failure instanceof AwsCallException) {
            if (failureTold.compareAndSet(false, true)) {
                unreadable.accept(S3Inputs.unlisted(where, failure));
            }
        } else if (failure != null) {
            throw failure; // not S3's answer: a fault of the run, as before reading
        }
        return null;
    }

    @Override
    public List<BadRecord> unreadable() {
        return List.of();
    }

    @Override
    public int found() {
        return listing.found();
    }

    @Override
    public long bytesFound() {
        return listing.bytesFound();
    }

    @Override
    public boolean complete() {
        return listing.complete();
    }
}
