package io.trailhound.core.ingest;

import io.trailhound.core.event.CloudTrailEvent;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads many inputs with all cores and delivers their events, once each, to one sink. Workers each
 * take whole inputs and decode them (and, when there are fewer inputs than workers, inflate on a
 * read-ahead thread). Every few hundred events a worker enters the one serialized section, where
 * duplicates are dropped, the sink runs and the quarantine is kept: the events are still in that
 * core's cache, no thread hand-off is paid, and the sink sees one batch at a time, never two at
 * once. The calling thread waits and reports progress.
 */
public final class Ingest {
    private static final int BATCH = 512;
    private static final long PROGRESS_EVERY_MILLIS = 200;

    private final ReadLimits limits;
    private final int threads;

    public Ingest(ReadLimits limits, int threads) {
        this.limits = limits;
        this.threads = Math.max(1, threads);
    }

    /**
     * Reads {@code inputs}; {@code unreadablePaths} are the paths already found unreadable, counted
     * and quarantined here. {@code sink} is called for each event, by one thread at a time.
     */
    public IngestSummary run(List<InputSource> inputs, List<BadRecord> unreadablePaths, EventSink sink,
                             Quarantine quarantine, IngestProgress progress) {
        long startNanos = System.nanoTime();
        Consumer consumer = new Consumer(sink, quarantine);
        synchronized (consumer) {
            unreadablePaths.forEach(consumer::keep);
        }
        long bytesTotal = 0;
        for (InputSource in : inputs) {
            bytesTotal = in.size() < 0 || bytesTotal < 0 ? -1 : bytesTotal + in.size();
        }
        int workers = Math.min(threads, Math.max(1, inputs.size()));
        boolean readAhead = inputs.size() < threads;
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> started = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            Thread t = new Thread(() -> work(inputs, next, consumer, readAhead, failure), "trailhound-read-" + w);
            t.setDaemon(true);
            t.start();
            started.add(t);
        }
        try {
            for (Thread t : started) {
                while (t.isAlive()) {
                    t.join(PROGRESS_EVERY_MILLIS);
                    report(consumer, inputs.size(), bytesTotal, progress);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure.compareAndSet(null, e);
            started.forEach(Thread::interrupt);
        }
        Throwable f = failure.get();
        if (f instanceof RuntimeException re) {
            throw re;
        }
        if (f instanceof Error err) {
            throw err;
        }
        if (f != null) {
            throw new IllegalStateException("reading stopped: " + f, f);
        }
        report(consumer, inputs.size(), bytesTotal, progress);
        synchronized (consumer) {
            return new IngestSummary(inputs.size() + unreadablePaths.size(), consumer.records,
                    consumer.records - consumer.duplicates, consumer.duplicates, consumer.quarantined,
                    quarantine != null && quarantine.entries() > 0 ? quarantine.file() : null,
                    consumer.skipped, consumer.unreadable, consumer.bytesDone, consumer.byReason,
                    (System.nanoTime() - startNanos) / 1e9);
        }
    }

    private static void report(Consumer c, int filesTotal, long bytesTotal, IngestProgress progress) {
        int files;
        long bytes, records;
        synchronized (c) {
            files = c.filesDone;
            bytes = c.bytesDone;
            records = c.records;
        }
        progress.update(files, filesTotal, bytes, bytesTotal, records);
    }

    private void work(List<InputSource> inputs, AtomicInteger next, Consumer consumer, boolean readAhead,
                      AtomicReference<Throwable> failure) {
        RecordReader reader = new RecordReader(limits, readAhead);
        Batch batch = new Batch(consumer);
        try {
            int i;
            while (failure.get() == null && (i = next.getAndIncrement()) < inputs.size()) {
                InputSource in = inputs.get(i);
                reader.read(in, batch);
                batch.inputDone(in);
            }
            batch.deliver();
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
        }
    }

    /** The serialized section's state: guarded by the object's own monitor. */
    private static final class Consumer {
        private final EventSink sink;
        private final Quarantine quarantine;
        private final EventIdSet seen = new EventIdSet();
        private final Map<QuarantineReason, Long> byReason = new EnumMap<>(QuarantineReason.class);
        private long records, duplicates, quarantined, skipped, unreadable, bytesDone;
        private int filesDone;

        Consumer(EventSink sink, Quarantine quarantine) {
            this.sink = sink;
            this.quarantine = quarantine;
        }

        synchronized void consume(List<CloudTrailEvent> events, List<BadRecord> bad, int inputsFinished, long bytesFinished) {
            for (CloudTrailEvent e : events) {
                records++;
                if (e.eventID() != null && !seen.add(e.eventID())) {
                    duplicates++;
                    continue;
                }
                sink.accept(e);
            }
            bad.forEach(this::keep);
            filesDone += inputsFinished;
            bytesDone += bytesFinished;
        }

        void keep(BadRecord b) {
            byReason.merge(b.reason(), 1L, Long::sum);
            if (b.reason() == QuarantineReason.SKIPPED) {
                skipped++;
                return;
            }
            if (b.reason() == QuarantineReason.UNREADABLE) {
                unreadable++;
            }
            quarantined++;
            if (quarantine != null) {
                quarantine.add(b);
            }
        }
    }

    /** One worker's output since its last delivery: a few hundred events, and the inputs finished. */
    private static final class Batch implements RecordHandler {
        private final Consumer consumer;
        private final List<CloudTrailEvent> events = new ArrayList<>(BATCH);
        private final List<BadRecord> bad = new ArrayList<>();
        private int inputsFinished;
        private long bytesFinished;

        Batch(Consumer consumer) {
            this.consumer = consumer;
        }

        @Override
        public void event(CloudTrailEvent event) {
            events.add(event);
            if (events.size() == BATCH) {
                deliver();
            }
        }

        @Override
        public void bad(BadRecord b) {
            bad.add(b);
        }

        void inputDone(InputSource input) {
            inputsFinished++;
            bytesFinished += Math.max(0, input.size());
            if (bad.size() >= BATCH) {
                deliver();
            }
        }

        void deliver() {
            consumer.consume(events, bad, inputsFinished, bytesFinished);
            events.clear();
            bad.clear();
            inputsFinished = 0;
            bytesFinished = 0;
        }
    }
}
