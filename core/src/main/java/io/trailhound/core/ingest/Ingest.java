package io.trailhound.core.ingest;

import io.trailhound.core.event.CloudTrailEvent;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads many inputs with all cores and delivers their events, once each, to one sink on the
 * calling thread. Workers each take whole inputs and decode them (and, when there are fewer
 * inputs than workers, inflate on a read-ahead thread); batches flow through a bounded queue, so
 * memory does not grow with the input. The caller's thread drops duplicate eventIDs, feeds the
 * sink, keeps the quarantine and reports progress.
 */
public final class Ingest {
    private static final int BATCH = 512;
    private static final long PROGRESS_EVERY_NANOS = 200_000_000L;

    private final ReadLimits limits;
    private final int threads;

    public Ingest(ReadLimits limits, int threads) {
        this.limits = limits;
        this.threads = Math.max(1, threads);
    }

    /** Items passed from workers to the consumer: events and bad records in input order, then the input's end. */
    private record Batch(List<CloudTrailEvent> events, List<BadRecord> bad, InputSource finished, boolean workerDone) {
    }

    public IngestSummary run(List<InputSource> inputs, List<BadRecord> unreadablePaths, EventSink sink,
                             Quarantine quarantine, IngestProgress progress) {
        long startNanos = System.nanoTime();
        Map<QuarantineReason, Long> byReason = new EnumMap<>(QuarantineReason.class);
        long[] counts = new long[6]; // records, duplicates, quarantined, skipped, unreadable, bytes
        for (BadRecord b : unreadablePaths) {
            keep(b, quarantine, byReason, counts);
        }
        long bytesTotal = 0;
        for (InputSource in : inputs) {
            bytesTotal = in.size() < 0 || bytesTotal < 0 ? -1 : bytesTotal + in.size();
        }
        int workers = Math.min(threads, Math.max(1, inputs.size()));
        boolean readAhead = inputs.size() < threads;
        BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(workers * 8);
        AtomicInteger next = new AtomicInteger();
        List<Thread> started = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            Thread t = new Thread(() -> work(inputs, next, queue, readAhead), "trailhound-read-" + w);
            t.setDaemon(true);
            t.start();
            started.add(t);
        }
        EventIdSet seen = new EventIdSet();
        int filesDone = 0, workersDone = 0;
        long bytesDone = 0, lastReport = System.nanoTime();
        try {
            while (workersDone < workers) {
                Batch b = queue.take();
                if (b.workerDone) {
                    workersDone++;
                    continue;
                }
                for (CloudTrailEvent e : b.events) {
                    counts[0]++;
                    if (e.eventID() != null && !seen.add(e.eventID())) {
                        counts[1]++;
                        continue;
                    }
                    sink.accept(e);
                }
                for (BadRecord bad : b.bad) {
                    keep(bad, quarantine, byReason, counts);
                }
                if (b.finished != null) {
                    filesDone++;
                    bytesDone += Math.max(0, b.finished.size());
                }
                long now = System.nanoTime();
                if (now - lastReport > PROGRESS_EVERY_NANOS) {
                    progress.update(filesDone, inputs.size(), bytesDone, bytesTotal, counts[0]);
                    lastReport = now;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            started.forEach(Thread::interrupt);
            throw new IllegalStateException("interrupted", e);
        }
        progress.update(filesDone, inputs.size(), bytesDone, bytesTotal, counts[0]);
        counts[5] = bytesDone;
        long quarantined = counts[2];
        return new IngestSummary(inputs.size() + unreadablePaths.size(), counts[0], counts[0] - counts[1], counts[1],
                quarantined, quarantine != null && quarantine.entries() > 0 ? quarantine.file() : null,
                counts[3], counts[4], counts[5], byReason, (System.nanoTime() - startNanos) / 1e9);
    }

    private static void keep(BadRecord b, Quarantine quarantine, Map<QuarantineReason, Long> byReason, long[] counts) {
        byReason.merge(b.reason(), 1L, Long::sum);
        if (b.reason() == QuarantineReason.SKIPPED) {
            counts[3]++;
            return;
        }
        if (b.reason() == QuarantineReason.UNREADABLE) {
            counts[4]++;
        }
        counts[2]++;
        if (quarantine != null) {
            quarantine.add(b);
        }
    }

    private void work(List<InputSource> inputs, AtomicInteger next, BlockingQueue<Batch> queue, boolean readAhead) {
        RecordReader reader = new RecordReader(limits, readAhead);
        try {
            int i;
            while ((i = next.getAndIncrement()) < inputs.size()) {
                InputSource in = inputs.get(i);
                BatchingHandler h = new BatchingHandler(queue);
                reader.read(in, h);
                h.flush(in);
            }
        } catch (InterruptedRuntime e) {
            return;
        } finally {
            try {
                queue.put(new Batch(List.of(), List.of(), null, true));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Groups a reader's output into batches, so the queue is touched once per few hundred events. */
    private static final class BatchingHandler implements RecordHandler {
        private final BlockingQueue<Batch> queue;
        private List<CloudTrailEvent> events = new ArrayList<>(BATCH);
        private List<BadRecord> bad = new ArrayList<>();

        BatchingHandler(BlockingQueue<Batch> queue) {
            this.queue = queue;
        }

        @Override
        public void event(CloudTrailEvent event) {
            events.add(event);
            if (events.size() == BATCH) {
                send(null);
            }
        }

        @Override
        public void bad(BadRecord b) {
            // Flush first so events and bad records keep their input order.
            if (!events.isEmpty()) {
                send(null);
            }
            bad.add(b);
        }

        void flush(InputSource finished) {
            send(finished);
        }

        private void send(InputSource finished) {
            try {
                queue.put(new Batch(events, bad, finished, false));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedRuntime();
            }
            events = new ArrayList<>(BATCH);
            bad = new ArrayList<>();
        }
    }

    private static final class InterruptedRuntime extends RuntimeException {
        InterruptedRuntime() {
            super(null, null, false, false);
        }
    }
}
