package io.trailhound.web;

import io.trailhound.store.StoreException;
import io.trailhound.store.StoreQueries;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The store as the pages read it, through a {@link io.trailhound.store.StoreReader}: while a
 * process writes the store (a {@code scan --db}, {@code watch}), that process answers on its
 * socket, with every batch it committed; otherwise the file is opened read-only here, and closed
 * after {@code idleMillis} without a request, since DuckDB locks the file while it is open and
 * holding it for good would stop a writer from starting. One query at a time. A file locked by a
 * writer that does not answer readers (one starting, or on a file system without Unix sockets)
 * gives {@link StoreBusyException}, which the pages show and retry, rather than an error.
 */
final class StoreAccess implements AutoCloseable {
    private final String location;
    private final long idleMillis;
    private final ScheduledExecutorService closer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "trailhound-store-closer");
        t.setDaemon(true);
        return t;
    });
    private StoreQueries store;
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

    /**
     * Runs {@code query} on the store. When the writer that answered went away (its run ended), the
     * store is opened again, read-only or through the next writer, and the query runs once more.
     */
    synchronized <T> T read(Function<StoreQueries, T> query) {
        if (store == null) {
            store = open(location);
        }
        lastUse = System.nanoTime();
        try {
            return query.apply(store);
        } catch (StoreException e) {
            if (!store.reader().viaWriter()) {
                throw e;
            }
            closeStore();
            store = open(location);
            return query.apply(store);
        } finally {
            lastUse = System.nanoTime();
        }
    }

    /** Opens a reader; a lock held by a writer that does not answer is {@link StoreBusyException}, other failures stay {@link StoreException}. */
    static StoreQueries open(String location) {
        try {
            return StoreQueries.open(location);
        } catch (StoreException e) {
            if (lockedByWriter(e)) {
                throw new StoreBusyException("the store " + location + " is being written by another trailhound run "
                        + "that does not answer readers (yet); the page retries until it does or the run ends", e);
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
