package io.trailhound.store;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One daemon thread running tasks in the order given, with a bounded queue: a caller that
 * outruns it waits (back pressure) instead of holding more work in memory.
 */
final class OneThread {
    private final ThreadPoolExecutor thread;

    OneThread(String name, int queued) {
        this.thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queued), r -> {
            Thread t = new Thread(() -> {
                try {
                    r.run();
                } finally {
                    StoreTiming.threadCpu();
                }
            }, name);
            t.setDaemon(true);
            return t;
        }, (r, pool) -> {
            // Full: the caller waits for the thread.
            try {
                if (!pool.isShutdown()) {
                    pool.getQueue().put(r);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException("interrupted while handing rows to the store's writer", e);
            }
        });
    }

    void execute(Runnable task) {
        thread.execute(task);
    }

    /** Runs what was given, then stops the thread. */
    void finish() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(1, TimeUnit.HOURS)) {
                throw new StoreException("the store's writer did not finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while the store's writer finished", e);
        }
    }

    /** Drops what was not run yet and stops the thread. */
    void abandon() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
