package io.trailhound.bench.s3;

import io.trailhound.core.ingest.BadRecord;
import io.trailhound.core.ingest.InputFeed;
import io.trailhound.core.ingest.InputSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/** A feed that tells {@code listed} once, when a reader first sees it complete (every input found). */
final class ListingClock implements InputFeed {
    private final InputFeed inner;
    private final Runnable listed;
    private final AtomicBoolean told = new AtomicBoolean();

    ListingClock(InputFeed inner, Runnable listed) {
        this.inner = inner;
        this.listed = listed;
        seen();
    }

    @Override
    public InputSource next(Consumer<BadRecord> unreadable, Runnable beforeWaiting) throws InterruptedException {
        InputSource in = inner.next(unreadable, beforeWaiting);
        seen();
        return in;
    }

    private void seen() {
        if (inner.complete() && told.compareAndSet(false, true)) {
            listed.run();
        }
    }

    @Override
    public List<BadRecord> unreadable() {
        return inner.unreadable();
    }

    @Override
    public int found() {
        return inner.found();
    }

    @Override
    public long bytesFound() {
        return inner.bytesFound();
    }

    @Override
    public boolean complete() {
        return inner.complete();
    }
}
