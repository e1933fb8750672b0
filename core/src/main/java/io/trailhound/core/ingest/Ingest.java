package io.trailhound.core.ingest;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.stage.Stage;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads many inputs with all cores and delivers their events, once each, to one sink. Workers each
 * take whole inputs and decode them (and, when there are fewer inputs than workers, inflate on a
 * read-ahead thread), run the per-event preparation that needs no shared state, and pass batches
 * of a few hundred events, spanning inputs, through a bounded queue to the calling thread. There,
 * in one thread, duplicates are dropped, the sink runs, the quarantine is kept and progress is
 * reported. Workers never wait on the sink unless the queue is full, so decoding and the stateful
 * stages overlap.
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
        return runStage(inputs, unreadablePaths, (event, nothing) -> sink.accept(event), quarantine, progress);
    }

    /**
     * Reads {@code inputs} into {@code stage}: its preparation runs in the reading threads, in
     * parallel, and its ordered part in the calling thread, once per event (duplicates dropped).
     * The stage's finish is the caller's to call.
     */
    public <T> IngestSummary runStage(List<InputSource> inputs, List<BadRecord> unreadablePaths, Stage<T> stage,
                                      Quarantine quarantine, IngestProgress progress) {
        return runStage(inputs, unreadablePaths, stage, quarantine, progress, in -> { });
    }

    /**
     * As above; {@code inputDone} hears of each input read to its end, in the calling thread, after
     * every event and bad record of that input went to {@code stage} and the quarantine (a host that
     * commits whole inputs cuts there).
     */
    public <T> IngestSummary runStage(List<InputSource> inputs, List<BadRecord> unreadablePaths, Stage<T> stage,
                                      Quarantine quarantine, IngestProgress progress,
                                      java.util.function.Consumer<InputSource> inputDone) {
        return runStage(InputFeed.of(new InputFinder.Found(inputs, unreadablePaths)), stage, quarantine, progress, inputDone);
    }

    /**
     * As above, over inputs handed out as they are found ({@link InputFeed}): reading starts with
     * the first, and the feed's unreadable inputs are counted and quarantined as they come.
     */
    public <T> IngestSummary runStage(InputFeed feed, Stage<T> stage, Quarantine quarantine, IngestProgress progress,
                                      java.util.function.Consumer<InputSource> inputDone) {
        long startNanos = System.nanoTime();
        Consumer<T> consumer = new Consumer<>(stage, quarantine, inputDone);
        List<BadRecord> unreadablePaths = feed.unreadable();
        synchronized (consumer) {
            unreadablePaths.forEach(consumer::keep);
        }
        // A feed still finding inputs gets every reader; a list as many as it has inputs.
        int workers = feed.complete() ? Math.min(threads, Math.max(1, feed.found())) : threads;
        AtomicInteger unreadableFound = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        BlockingQueue<Delivery<T>> queue = new ArrayBlockingQueue<>(workers * 4);
        List<Thread> started = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            Thread t = new Thread(() -> work(feed, stage, queue, unreadableFound, failure), "trailhound-read-" + w);
            t.setDaemon(true);
            t.start();
            started.add(t);
        }
        try {
            int done = 0;
            long lastReport = System.nanoTime();
            while (done < workers) {
                Delivery<T> d = queue.poll(PROGRESS_EVERY_MILLIS, TimeUnit.MILLISECONDS);
                if (d != null) {
                    if (d.workerDone) {
                        done++;
                    } else {
                        try {
                            consumer.consume(d);
                        } catch (RuntimeException | Error e) {
                            // The workers would wait forever on a full queue: stop them, then fail.
                            failure.compareAndSet(null, e);
                            started.forEach(Thread::interrupt);
                            throw e;
                        }
                    }
                }
                if (System.nanoTime() - lastReport > PROGRESS_EVERY_MILLIS * 1_000_000L) {
                    report(consumer, feed, progress);
                    lastReport = System.nanoTime();
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
        report(consumer, feed, progress);
        synchronized (consumer) {
            return new IngestSummary(feed.found() + unreadablePaths.size() + unreadableFound.get(), consumer.records,
                    consumer.records - consumer.duplicates, consumer.duplicates, consumer.quarantined,
                    quarantine != null && quarantine.entries() > 0 && quarantine.file() != null ? quarantine.file() : null,
                    consumer.skipped, consumer.unreadable, consumer.bytesDone, consumer.byReason,
                    (System.nanoTime() - startNanos) / 1e9);
        }
    }

    /** Totals are what the feed found so far; bytes only once it is complete (a share of a partial total is no progress). */
    private static void report(Consumer<?> c, InputFeed feed, IngestProgress progress) {
        int filesTotal = feed.found();
        long bytesTotal = feed.complete() ? feed.bytesFound() : -1;
        int files;
        long bytes, records;
        synchronized (c) {
            files = c.filesDone;
            bytes = c.bytesDone;
            records = c.records;
        }
        progress.update(files, filesTotal, bytes, bytesTotal, records);
    }

    private <T> void work(InputFeed feed, Stage<T> stage, BlockingQueue<Delivery<T>> queue, AtomicInteger unreadableFound,
                          AtomicReference<Throwable> failure) {
        RecordReader reader = null;
        Batch<T> batch = new Batch<>(stage, queue);
        java.util.function.Consumer<BadRecord> unreadable = b -> {
            unreadableFound.incrementAndGet();
            batch.bad(b);
        };
        try {
            InputSource in;
            // Before waiting for the listing, what this reader holds goes on (its inputs are done, a batch may commit).
            while (failure.get() == null && (in = feed.next(unreadable, batch::deliverIfAny)) != null) {
                if (reader == null) {
                    // Inflate on a read-ahead thread when readers outnumber inputs (one big file, stdin).
                    reader = new RecordReader(limits, feed.complete() && feed.found() < threads);
                }
                reader.read(in, batch);
                batch.inputDone(in);
            }
            batch.deliver();
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
        } finally {
            try {
                queue.put(new Delivery<>(List.of(), List.of(), null, List.of(), List.of(), 0, true));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * What a worker hands over: events with what their preparation returned and their eventIDs'
     * keys ({@link EventIdSet#keyOf}, two longs an event), bad records, and the inputs (and their
     * stored bytes) it finished since.
     */
    private record Delivery<T>(List<CloudTrailEvent> events, List<T> prepared, long[] idKeys, List<BadRecord> bad,
                               List<InputSource> inputsFinished, long bytesFinished, boolean workerDone) {
    }

    /** The single-threaded stage's state; its monitor guards what progress reports read. */
    private static final class Consumer<T> {
        private final Stage<T> stage;
        private final Quarantine quarantine;
        private final java.util.function.Consumer<InputSource> inputDone;
        private final EventIdSet seen = new EventIdSet();
        private final Map<QuarantineReason, Long> byReason = new EnumMap<>(QuarantineReason.class);
        private long records, duplicates, quarantined, skipped, unreadable, bytesDone;
        private int filesDone;

        Consumer(Stage<T> stage, Quarantine quarantine, java.util.function.Consumer<InputSource> inputDone) {
            this.stage = stage;
            this.quarantine = quarantine;
            this.inputDone = inputDone;
        }

        synchronized void consume(Delivery<T> d) {
            List<CloudTrailEvent> events = d.events;
            long[] ids = d.idKeys;
            for (int i = 0; i < events.size(); i++) {
                CloudTrailEvent e = events.get(i);
                records++;
                if (e.eventID() != null && !seen.add(ids[2 * i], ids[2 * i + 1])) {
                    duplicates++;
                    stage.dropped(e, d.prepared.get(i));
                    continue;
                }
                stage.accept(e, d.prepared.get(i));
            }
            d.bad.forEach(this::keep);
            filesDone += d.inputsFinished.size();
            bytesDone += d.bytesFinished;
            // A worker reads its inputs one after another: everything of these came in this or an earlier delivery.
            d.inputsFinished.forEach(inputDone);
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
    private static final class Batch<T> implements RecordHandler {
        private final Stage<T> stage;
        private final BlockingQueue<Delivery<T>> queue;
        private List<CloudTrailEvent> events = new ArrayList<>(BATCH);
        private List<T> prepared = new ArrayList<>(BATCH);
        /** The events' eventID keys, worked out here while the IDs are in this thread's cache. */
        private long[] idKeys = new long[2 * BATCH];
        private List<BadRecord> bad = new ArrayList<>();
        private List<InputSource> inputsFinished = new ArrayList<>(4);
        private long bytesFinished;

        Batch(Stage<T> stage, BlockingQueue<Delivery<T>> queue) {
            this.stage = stage;
            this.queue = queue;
        }

        @Override
        public void event(CloudTrailEvent event) {
            prepared.add(stage.prepare(event));
            if (event.eventID() != null) {
                EventIdSet.keyOf(event.eventID(), idKeys, 2 * events.size());
            }
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
            inputsFinished.add(input);
            bytesFinished += Math.max(0, input.size());
            if (bad.size() >= BATCH) {
                deliver();
            }
        }

        /** Delivers what this batch holds, if anything. */
        void deliverIfAny() {
            if (!events.isEmpty() || !bad.isEmpty() || !inputsFinished.isEmpty()) {
                deliver();
            }
        }

        void deliver() {
            try {
                queue.put(new Delivery<>(events, prepared, idKeys, bad, inputsFinished, bytesFinished, false));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading", e);
            }
            events = new ArrayList<>(BATCH);
            prepared = new ArrayList<>(BATCH);
            idKeys = new long[2 * BATCH];
            bad = new ArrayList<>();
            inputsFinished = new ArrayList<>(4);
            bytesFinished = 0;
        }
    }
}
