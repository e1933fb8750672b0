package io.trailhound.aws.sqs;

import io.trailhound.aws.AwsErrors;
import io.trailhound.aws.AwsErrors.AwsCallException;
import io.trailhound.aws.s3.S3Inputs;
import io.trailhound.aws.s3.S3Location;
import io.trailhound.aws.s3.S3Object;
import io.trailhound.core.alert.Alert;
import io.trailhound.core.alert.AlertSink;
import io.trailhound.core.alert.AlertUpdate;
import io.trailhound.core.identity.TrustPolicies;
import io.trailhound.core.ingest.InputFinder;
import io.trailhound.core.ingest.InputSource;
import io.trailhound.core.rules.engine.Detector;
import io.trailhound.core.scan.ScanOptions;
import io.trailhound.store.EventStore;
import io.trailhound.store.StoreScan;
import io.trailhound.store.StoreWriter;
import java.io.PrintStream;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * {@code trailhound watch}: reads the objects S3 announces on an SQS queue, as they arrive, into
 * the store. Each receive (up to ten messages, long polling) is one batch and one store run: its
 * objects are read through the scan pipeline (rules; attribution by one attributor kept across
 * batches, its ledger read from the store once, see {@link StoreScan.Stream}), committed at once,
 * and only then are its messages deleted, so a crash at any point loses nothing (the
 * messages come back) and repeats nothing (objects already in the ingest log are not read again,
 * events already stored are not added again, and an alert is sent only for an event the store did
 * not have). The store stays open for writing while the service runs; readers ({@code who},
 * {@code timeline}, {@code search}, {@code serve}) get their answers through it (the store's
 * reader socket), with every batch committed.
 *
 * <p>A message that announces nothing readable is quarantined with the reason, then deleted; an
 * object that fails in a way worth retrying (throttling past the retries, a lost connection) keeps
 * its message, which SQS delivers again and, after the queue's maxReceiveCount, moves to the
 * dead-letter queue. While a batch is read its messages' visibility is extended.
 *
 * <p>An alert whose credential is still pending at the end of its batch goes out with the answer
 * it has; when a later batch reads the issuance, the credential's stored row and alerts take the
 * new answer and the alert sink gets an {@link AlertUpdate} (never a second alert). What the
 * attribution remembers is bounded by {@link #ATTRIBUTION_RETENTION} of event time.
 */
public final class WatchService {
    /**
     * @param visibility how long a received message stays hidden; extended every half of it while its batch runs
     * @param healthEvery how often the health line goes to stderr
     */
    public record Config(String queueUrl, int waitSeconds, int maxMessages, Duration visibility, Duration healthEvery,
                         ScanOptions scan, TrustPolicies trust, Detector detector, Instant learnUntil) {
    }

    /** Hooks into the loop (health, tests). */
    public interface Listener {
        /** The batch's objects are about to be read (its messages are in flight). */
        default void reading(int messages, int objects) {
        }

        /** The batch was committed and its messages settled. */
        default void settled(int deleted, int kept) {
        }

        /** A receive brought no message (long polling ran out): a moment for the host's own upkeep. */
        default void idle() {
        }
    }

    /**
     * How far back, in event time from the latest event read, the watch remembers credentials,
     * issuances and alerts for attribution: the longest a temporary credential lives, so an
     * issuance read late still answers the credentials it issued (and updates their alerts).
     */
    public static final Duration ATTRIBUTION_RETENTION = Duration.ofHours(36);

    private final Config config;
    private final SqsClient sqs;
    private final S3Client s3;
    private final EventStore store;
    private final AlertSink alerts;
    private final io.trailhound.core.output.EventsWithOrigin events;
    /** Attribution across batches (one attributor, the ledger read from the store once): made at the first batch. */
    private StoreScan.Stream stream;
    private final PrintStream err;
    private final Listener listener;
    private final WatchStats stats = new WatchStats();
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean stopping;
    private final Instant started = Instant.now();

    public WatchService(Config config, SqsClient sqs, S3Client s3, EventStore store, AlertSink alerts, PrintStream err,
                        Listener listener) {
        this(config, sqs, s3, store, alerts, null, err, listener);
    }

    /**
     * {@code alerts} gets each batch's new alerts and the attribution updates of alerts sent
     * earlier, after the batch's commit; {@code events} (null: none) every event read with its
     * origin, finished after each batch.
     */
    public WatchService(Config config, SqsClient sqs, S3Client s3, EventStore store, AlertSink alerts,
                        io.trailhound.core.output.EventsWithOrigin events, PrintStream err, Listener listener) {
        this.config = config;
        this.sqs = sqs;
        this.s3 = s3;
        this.store = store;
        this.alerts = alerts;
        this.events = events;
        this.err = err;
        this.listener = listener == null ? new Listener() { } : listener;
    }

    /** Asks the loop to stop after the batch in hand; messages received and not yet read are returned to the queue. */
    public void stop() {
        stopping = true;
    }

    /** Waits for the loop to end after {@link #stop}. */
    public boolean awaitStopped(Duration d) throws InterruptedException {
        return finished.await(d.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs until {@link #stop}. */
    public void run() {
        ScheduledExecutorService timers = Executors.newScheduledThreadPool(1, r -> {
            Thread t = new Thread(r, "trailhound-watch-timer");
            t.setDaemon(true);
            return t;
        });
        try {
            long health = config.healthEvery().toMillis();
            timers.scheduleAtFixedRate(this::health, health, health, TimeUnit.MILLISECONDS);
            long extend = Math.max(200, config.visibility().toMillis() / 2);
            timers.scheduleAtFixedRate(this::extendVisibility, extend, extend, TimeUnit.MILLISECONDS);
            while (!stopping) {
                List<Message> messages;
                try {
                    messages = sqs.receiveMessage(r -> r.queueUrl(config.queueUrl()).maxNumberOfMessages(config.maxMessages())
                            .waitTimeSeconds(config.waitSeconds()).visibilityTimeout((int) config.visibility().toSeconds())
                            .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages();
                } catch (SdkException e) {
                    err.println("watch: " + AwsErrors.explain("sqs:ReceiveMessage", config.queueUrl(), e)
                            + (AwsErrors.transientFailure(e) ? "; trying again" : ""));
                    if (!AwsErrors.transientFailure(e)) {
                        throw new AwsCallException("sqs:ReceiveMessage", config.queueUrl(), e);
                    }
                    pause(Duration.ofSeconds(2));
                    continue;
                }
                if (messages.isEmpty()) {
                    listener.idle();
                    continue;
                }
                if (stopping) {
                    release(messages);
                    break;
                }
                try {
                    batch(messages);
                } catch (RuntimeException e) {
                    // Nothing of the batch was deleted: its messages come back after their visibility timeout.
                    err.println("watch: batch of " + messages.size() + " messages failed, they will be delivered again: " + e);
                    messages.forEach(m -> inFlight.remove(m.receiptHandle()));
                    pause(Duration.ofSeconds(2));
                }
            }
        } finally {
            if (stream != null) {
                stream.close();
            }
            timers.shutdownNow();
            err.println(stats.line(-1, inFlight.size(), Duration.between(started, Instant.now())) + " (stopped)");
            finished.countDown();
        }
    }

    /** One receive's worth: parse, read and commit, then delete what is settled. */
    private void batch(List<Message> messages) {
        messages.forEach(m -> inFlight.add(m.receiptHandle()));
        Instant now = Instant.now();
        Map<Message, List<S3Object>> objects = new LinkedHashMap<>();
        Map<Message, String> bad = new LinkedHashMap<>();
        Set<Message> keep = ConcurrentHashMap.newKeySet();
        Map<String, Instant> announcedAt = new ConcurrentHashMap<>();
        S3Inputs inputs = new S3Inputs(s3);
        for (Message m : messages) {
            stats.messages++;
            try {
                List<S3Object> found = new ArrayList<>();
                for (S3Notifications.Announced a : S3Notifications.parse(m.body())) {
                    S3Object o = resolve(a, m, bad, keep, inputs);
                    if (o != null) {
                        found.add(o);
                        announcedAt.put(o.url(), a.time() != null ? a.time() : o.lastModified() != null ? o.lastModified() : now);
                    }
                }
                objects.put(m, found);
            } catch (S3Notifications.BadMessage e) {
                bad.put(m, "SQS message " + m.messageId() + " announces no object: " + e.getMessage());
            }
        }
        int count = objects.values().stream().mapToInt(List::size).sum();
        listener.reading(messages.size(), count);
        if (count > 0) {
            read(objects, inputs);
        }
        if (!bad.isEmpty()) {
            quarantineMessages(bad, now);
        }
        // Settle: a message whose object failed in a way worth retrying stays for redelivery.
        for (Map.Entry<Message, List<S3Object>> e : objects.entrySet()) {
            for (S3Object o : e.getValue()) {
                S3Inputs.Failure f = inputs.failure(o.url());
                if (f == S3Inputs.Failure.TRANSIENT) {
                    keep.add(e.getKey());
                    stats.objectsRetried++;
                } else if (f == S3Inputs.Failure.GONE) {
                    stats.objectsGone++;
                } else if (f == null) {
                    stats.lag(Math.max(0, Instant.now().toEpochMilli() - announcedAt.get(o.url()).toEpochMilli()));
                }
            }
        }
        List<Message> done = messages.stream().filter(m -> !keep.contains(m)).toList();
        delete(done);
        messages.forEach(m -> inFlight.remove(m.receiptHandle()));
        listener.settled(done.size(), messages.size() - done.size());
    }

    /** The announced object with its ETag (a CloudTrail notification names none: S3 is asked), or null when it is not read. */
    private S3Object resolve(S3Notifications.Announced a, Message m, Map<Message, String> bad, Set<Message> keep,
                             S3Inputs inputs) {
        if (a.etag() != null) {
            return new S3Object(a.bucket(), a.key(), a.etag(), a.size(), a.time());
        }
        try {
            return inputs.describe(a.bucket(), a.key());
        } catch (SdkException e) {
            if (AwsErrors.status(e) == 404) {
                stats.objectsGone++;
                bad.put(m, "object announced by SQS message " + m.messageId() + " is gone: " + S3Location.url(a.bucket(), a.key()));
            } else if (AwsErrors.transientFailure(e)) {
                keep.add(m);
                stats.objectsRetried++;
            } else {
                bad.put(m, AwsErrors.explain("s3:GetObject (HeadObject)", S3Location.url(a.bucket(), a.key()), e));
            }
            return null;
        }
    }

    /**
     * The batch's objects as one store run of the watch's attribution stream; alerts go out after
     * the commit, only for events the store did not have, then the updates of alerts sent by earlier
     * batches whose credential this batch answered.
     */
    private void read(Map<Message, List<S3Object>> objects, S3Inputs inputs) {
        List<InputSource> sources = new ArrayList<>();
        objects.values().forEach(list -> list.forEach(o -> sources.add(inputs.input(o, false))));
        List<Alert> pending = new ArrayList<>();
        List<AlertUpdate> updates = new ArrayList<>();
        StoreScan.Detect detect = config.detector() == null ? null : new StoreScan.Detect(config.detector(),
                config.learnUntil(), new AlertSink() {
                    @Override
                    public void alert(Alert a) {
                        if (!storedBefore(a.event().eventID())) {
                            pending.add(a);
                        }
                    }

                    @Override
                    public void update(AlertUpdate u) {
                        updates.add(u);
                    }
                });
        if (stream == null) {
            stream = new StoreScan.Stream(store, config.trust(), ATTRIBUTION_RETENTION);
        }
        // One batch a receive: an alert goes out when its event was not in the store before the run (a batch
        // committed earlier in the same run would hide it).
        StoreScan.Result r = StoreScan.run(store, new InputFinder.Found(sources, List.of()), config.scan(), config.trust(),
                null, (a, b, c, d, e) -> { }, detect, events, StoreScan.Batching.ONE_PER_RUN, stream);
        if (events != null) {
            events.finish(); // the batch's events that waited for their credential, with its answer now
        }
        stats.objects += sources.size();
        stats.objectsAlreadyRead += r.store().filesAlreadyIngested();
        stats.events += r.store().committed().eventsAdded();
        stats.quarantined += r.store().committed().quarantineAdded();
        stats.batches++;
        for (Alert a : pending) {
            alerts.alert(a);
        }
        for (AlertUpdate u : updates) {
            alerts.update(u);
        }
        stats.alerts += pending.size();
        stream.forget();
    }

    /** True when an event with this id was committed by an earlier run: its alerts were sent then. */
    private boolean storedBefore(String eventID) {
        if (eventID == null) {
            return false;
        }
        try (PreparedStatement ps = store.db().connection().prepareStatement("SELECT 1 FROM events WHERE eventID = ?")) {
            ps.setString(1, eventID);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot look up event " + eventID + " in the store: " + e.getMessage(), e);
        }
    }

    private void quarantineMessages(Map<Message, String> bad, Instant now) {
        try (StoreWriter w = store.writer()) {
            for (Map.Entry<Message, String> e : bad.entrySet()) {
                Message m = e.getKey();
                String body = m.body() == null ? null : m.body().length() > 64 * 1024 ? m.body().substring(0, 64 * 1024) : m.body();
                w.quarantine("bad_message", "sqs:" + config.queueUrl() + "#" + m.messageId(), 0, 0, e.getValue(),
                        body == null ? null : body.length() < m.body().length(), body, now);
            }
            w.commit();
        }
        stats.badMessages += bad.size();
        stats.quarantined += bad.size();
    }

    private void delete(List<Message> done) {
        for (int i = 0; i < done.size(); i += 10) {
            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
            for (Message m : done.subList(i, Math.min(done.size(), i + 10))) {
                entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(entries.size()))
                        .receiptHandle(m.receiptHandle()).build());
            }
            try {
                var r = sqs.deleteMessageBatch(b -> b.queueUrl(config.queueUrl()).entries(entries));
                r.failed().forEach(f -> err.println("watch: a committed message could not be deleted (" + f.code()
                        + "); it will come back and be recognised as read"));
            } catch (SdkException e) {
                err.println("watch: " + AwsErrors.explain("sqs:DeleteMessage", config.queueUrl(), e)
                        + "; the committed messages will come back and be recognised as read");
            }
        }
    }

    /** Returns messages received but not read (stopping): visible again at once, for another consumer. */
    private void release(List<Message> messages) {
        changeVisibility(messages.stream().map(Message::receiptHandle).toList(), 0);
    }

    private void extendVisibility() {
        List<String> handles = List.copyOf(inFlight);
        if (!handles.isEmpty()) {
            changeVisibility(handles, (int) config.visibility().toSeconds());
        }
    }

    private void changeVisibility(List<String> handles, int seconds) {
        for (int i = 0; i < handles.size(); i += 10) {
            List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>();
            for (String h : handles.subList(i, Math.min(handles.size(), i + 10))) {
                entries.add(ChangeMessageVisibilityBatchRequestEntry.builder().id(Integer.toString(entries.size()))
                        .receiptHandle(h).visibilityTimeout(seconds).build());
            }
            try {
                sqs.changeMessageVisibilityBatch(b -> b.queueUrl(config.queueUrl()).entries(entries));
            } catch (SdkException e) {
                err.println("watch: " + AwsErrors.explain("sqs:ChangeMessageVisibility", config.queueUrl(), e));
            }
        }
    }

    private void health() {
        long queued = -1, notVisible = -1;
        try {
            GetQueueAttributesResponse a = sqs.getQueueAttributes(r -> r.queueUrl(config.queueUrl()).attributeNames(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
            queued = Long.parseLong(a.attributes().getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "-1"));
            notVisible = Long.parseLong(a.attributes().getOrDefault(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "-1"));
        } catch (SdkException | NumberFormatException e) {
            // the health line says '?' for the queue; the next one tries again
        }
        err.println(stats.line(queued, notVisible, Duration.between(started, Instant.now())));
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
