package io.trailhound.store;

import io.trailhound.core.ingest.BadRecord;
import io.trailhound.core.ingest.InputFeed;
import io.trailhound.core.ingest.InputSource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A feed's inputs less those the store's ingest log already holds, and less a second input of the
 * same identity in this run, decided as each is handed out: an S3 object's identity is its key and
 * ETag; a file's, the SHA-256 of its bytes, read here by the reading thread that takes it. Of two
 * files with the same bytes in one run, the one whose checksum is done first is read (the other
 * counts as already ingested).
 */
final class NotYetIngested implements InputFeed {
    private final InputFeed inner;
    private final Set<String> known;
    private final Set<String> thisRun = ConcurrentHashMap.newKeySet();
    private final Map<InputSource, String> checksums = new ConcurrentHashMap<>();
    private final Set<String> logged = ConcurrentHashMap.newKeySet();
    private final AtomicInteger already = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicLong alreadyBytes = new java.util.concurrent.atomic.AtomicLong();

    NotYetIngested(InputFeed inner, Set<String> known) {
        this.inner = inner;
        this.known = known;
    }

    @Override
    public InputSource next(Consumer<BadRecord> unreadable, Runnable beforeWaiting) throws InterruptedException {
        for (InputSource in; (in = nextInner(unreadable, beforeWaiting)) != null; ) {
            // A file's checksum is read by the reading thread that takes it, outside the lock: the
            // reading threads checksum in parallel, each beside the others' reading.
            String sum = in.identity() != null ? in.identity() : in.path() != null ? StoreScan.sha256(in.path()) : null;
            if (sum == null) {
                return in; // stdin, or a file that cannot be read (the scan reports it)
            }
            if (known.contains(sum) || !thisRun.add(sum)) {
                alreadyBytes.addAndGet(Math.max(0, in.size()));
                already.incrementAndGet();
                continue;
            }
            checksums.put(in, sum);
            logged.add(in.name()); // before a reader has it: its rows find it here
            return in;
        }
        return null;
    }

    /** The inner feed's next input, one reading thread at a time. */
    private synchronized InputSource nextInner(Consumer<BadRecord> unreadable, Runnable beforeWaiting) throws InterruptedException {
        return inner.next(unreadable, beforeWaiting);
    }

    /** The input's identity in the ingest log, or null (stdin). */
    String checksum(InputSource in) {
        return checksums.get(in);
    }

    /** Whether the input (by name) goes into the ingest log, so its rows go into batches whole. */
    boolean logged(String name) {
        return logged.contains(name);
    }

    int already() {
        return already.get();
    }

    @Override
    public List<BadRecord> unreadable() {
        return inner.unreadable();
    }

    @Override
    public int found() {
        return inner.found() - already.get();
    }

    @Override
    public long bytesFound() {
        long b = inner.bytesFound();
        return b < 0 ? b : b - alreadyBytes.get();
    }

    @Override
    public boolean complete() {
        return inner.complete();
    }
}
