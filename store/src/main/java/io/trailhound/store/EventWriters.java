package io.trailhound.store;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.output.parquet.Compression;
import io.trailhound.core.output.parquet.EventColumns;
import io.trailhound.core.output.parquet.EventRow;
import io.trailhound.core.output.parquet.PartitionedEventsWriter;
import io.trailhound.core.output.parquet.PartitionedEventsWriter.WrittenFile;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A run's events into Parquet partition files of the store's events folder ({@link EventFiles}),
 * on threads of their own. Encoding and compressing the events is most of what the store costs a
 * run; on one thread, the scan's reading threads waited for it (measured: the scan's thread was
 * blocked handing rows over for a third of a 200,000-event run on two cores). Each input's events
 * go to one thread (chosen by the input's name), so they stay together, in order, in that thread's
 * file of their partition; a partition may so have one file per thread in a batch. At a batch's
 * cut ({@link #cut}) every thread completes its files, which the batch's commit then lists.
 * Called by one thread (the store writer's caller).
 */
final class EventWriters {
    /** Events handed to a thread at a time. */
    static final int CHUNK = 256;
    /**
     * Chunks waiting for a thread before the caller waits: events in flight are held on the heap
     * until written, and live objects are what a young collection copies.
     */
    static final int QUEUED_CHUNKS = 4;
    /**
     * Partition files open at once per thread: a thread's events mostly come a file (one account,
     * one hour) at a time, and each open file holds one row group in memory.
     */
    static final int MAX_OPEN_FILES = 8;
    /**
     * Row groups of about 4 MB of values (some 3,000 events): an open file holds one; at 8 MB and
     * 16 files that was most of the heap a run kept (measured: 514 MB live after a young collection
     * at 1,000,000 events). The raw records, most of those bytes, are held compressed a page at a
     * time as the row group fills (the Parquet writer cuts a PLAIN column's pages as they come).
     */
    static final long ROW_GROUP_BYTES = 4L << 20;

    /** An event on its way to a file, with the credential row that holds its origin. */
    record Staged(CloudTrailEvent event, String credentialId) {
    }

    /** A batch's files, complete once every thread has reached the cut. */
    static final class Cut {
        private final List<Future<List<WrittenFile>>> parts;

        private Cut(List<Future<List<WrittenFile>>> parts) {
            this.parts = parts;
        }

        /** Waits for every thread's files of the batch (also those of a thread that failed, to delete them). */
        List<WrittenFile> files() throws InterruptedException, ExecutionException {
            List<WrittenFile> all = new ArrayList<>();
            for (Future<List<WrittenFile>> p : parts) {
                all.addAll(p.get());
            }
            return all;
        }
    }

    private final EventFiles files;
    private final AtomicReference<Throwable> failure;
    private final Worker[] workers;
    /** The thread that takes the next chunk of events read from no named input (stdin streams): turn by turn. */
    private int unnamed;

    /** {@code failure}: the writer's first error, set by a thread that fails; while set, threads drop what they are given. */
    EventWriters(EventFiles files, int threads, AtomicReference<Throwable> failure) {
        this.files = files;
        this.failure = failure;
        this.workers = new Worker[Math.max(1, threads)];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new Worker("trailhound-store-events-" + i);
        }
    }

    /** Threads for a machine with {@code cores} cores: half of them (the reading threads take the rest), at least two, at most four. */
    static int threadsFor(int cores) {
        return Math.min(4, Math.max(2, cores / 2));
    }

    void add(Staged s) {
        String source = s.event().position() == null ? null : s.event().position().source();
        if (source != null) {
            workers[Math.floorMod(source.hashCode(), workers.length)].add(s);
        } else if (workers[unnamed].add(s)) {
            unnamed = (unnamed + 1) % workers.length;
        }
    }

    /** Cuts the batch: the events given so far go into files that each thread completes; later events start new files. */
    Cut cut() {
        List<Future<List<WrittenFile>>> parts = new ArrayList<>(workers.length);
        for (Worker w : workers) {
            parts.add(w.cut());
        }
        return new Cut(parts);
    }

    /** Writes what was given and stops the threads (after the last {@link #cut}). */
    void finish() {
        for (Worker w : workers) {
            w.thread.finish();
        }
    }

    /** Drops what was not written, stops the threads and deletes the files not completed (completed ones no row lists go at the next open for writing). */
    void abandon() {
        for (Worker w : workers) {
            w.thread.abandon();
            w.abort();
        }
    }

    /** One thread's events: the chunk being filled (caller's side) and the batch's open files (its thread's side). */
    private final class Worker {
        final OneThread thread;
        private List<Staged> chunk = new ArrayList<>(CHUNK);
        /** Used by the thread only (and by {@link #abort} once it stopped). */
        private final EventRow row = new EventRow();
        /** The run's writer: one for all batches, so a completed file's buffers go to the next batch's files. */
        private PartitionedEventsWriter out;

        Worker(String name) {
            this.thread = new OneThread(name, QUEUED_CHUNKS);
        }

        /** Adds an event; true when that handed a full chunk to the thread. */
        boolean add(Staged s) {
            chunk.add(s);
            if (chunk.size() < CHUNK) {
                return false;
            }
            flush();
            return true;
        }

        private void flush() {
            if (chunk.isEmpty()) {
                return;
            }
            List<Staged> rows = chunk;
            chunk = new ArrayList<>(CHUNK);
            thread.execute(() -> write(rows));
        }

        private void write(List<Staged> rows) {
            if (failure.get() != null) {
                return;
            }
            try {
                if (out == null) {
                    out = new PartitionedEventsWriter(files.dir(), EventColumns.STORE, EventColumns::writeStoreEvent,
                            Compression.ZSTD, ROW_GROUP_BYTES, MAX_OPEN_FILES);
                }
                for (Staged s : rows) {
                    row.fill(s.event(), null);
                    row.eventID = StoreWriter.idOf(s.event());
                    row.credentialId = s.credentialId();
                    out.write(row);
                }
            } catch (RuntimeException e) {
                failure.compareAndSet(null, new StoreException("cannot write the batch's events: " + e.getMessage(), e));
            }
        }

        Future<List<WrittenFile>> cut() {
            flush();
            FutureTask<List<WrittenFile>> done = new FutureTask<>(() -> {
                if (out == null) {
                    return List.of();
                }
                if (failure.get() == null) {
                    try {
                        return out.cut();
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, new StoreException("cannot write the batch's events: " + e.getMessage(), e));
                    }
                }
                out.abort();
                return out.written(); // the batch's files completed before the failure: to delete
            });
            thread.execute(done);
            return done;
        }

        void abort() {
            if (out != null) {
                out.abort();
                out = null;
            }
        }
    }
}
