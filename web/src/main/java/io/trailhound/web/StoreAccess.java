package io.trailhound.web;

import io.trailhound.store.EventStore;
import io.trailhound.store.StoreException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The store, opened read-only while requests come and closed after {@code idleMillis} without
 * one: DuckDB locks the file while it is open, so holding it for good would stop a
 * {@code scan --db} from writing. One query at a time (a DuckDB connection is not shared across
 * threads). A file locked by a writer gives {@link StoreBusyException}, which the pages show and
 * retry, rather than an error.
 */
final class StoreAccess implements AutoCloseable {
    private final String location;
    private final long idleMillis;
    private final ScheduledExecutorService closer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "trailhound-store-closer");
        t.setDaemon(true);
        return t;
    });
    private EventStore store;
    private long lastUse;

    StoreAccess(String location, long idleMillis) {
        this.location = location;
        this.idleMillis = idleMillis;
        long period = Math.max(50, idleMillis / 2);
        closer.scheduleWithFixedDelay(this::closeIfIdle, period, period, TimeUnit.MILLISECONDS);
    }

    String location() {
        return location;
    }

    /** Runs {@code query} on the open store. */
    synchronized <T> T read(Function<EventStore, T> query) {
        if (store == null) {
            store = open(location);
        }
        lastUse = System.nanoTime();
        try {
            return query.apply(store);
        } finally {
            lastUse = System.nanoTime();
        }
    }

    /** Opens read-only; a lock held by a writer is {@link StoreBusyException}, other failures stay {@link StoreException}. */
    static EventStore open(String location) {
        try {
            return EventStore.open(location, true);
        } catch (StoreException e) {
            if (lockedByWriter(e)) {
                throw new StoreBusyException("the store " + location + " is being written by another trailhound run "
                        + "(scan --db); the page retries until the run commits", e);
            }
            throw e;
        }
    }

    /** DuckDB says "Could not set lock on file ... Conflicting lock is held in ... (PID n)". */
    static boolean lockedByWriter(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && m.contains("Could not set lock")) {
                return true;
            }
        }
        return false;
    }

    private synchronized void closeIfIdle() {
        if (store != null && System.nanoTime() - lastUse > TimeUnit.MILLISECONDS.toNanos(idleMillis)) {
            closeStore();
        }
    }

    private void closeStore() {
        try {
            store.close();
        } catch (StoreException ignored) {
            // a read-only store has nothing to lose
        }
        store = null;
    }

    @Override
    public synchronized void close() {
        closer.shutdownNow();
        if (store != null) {
            closeStore();
        }
    }
}
