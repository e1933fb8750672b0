package io.trailhound.core.identity;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.stage.HeldState;
import io.trailhound.core.stage.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The attribution stage: who is behind each event, kept per <em>credential</em> (the access key it
 * was made with, or a console or service session), never per event.
 *
 * <p>{@link #prepare} runs in the reading threads, in parallel: it records what the event issues in
 * the (concurrent) ledger and works out its credential's answer as the ledger stands, once per
 * credential and thread while that answer holds ({@link RecentAnswers}: a session of fifty calls
 * is walked, and its fallbacks tried, once, not fifty times). A new credential whose answer is
 * pending is also built and written compactly there, while its fields are in that thread's cache
 * ({@link PreparedCredential}), so the stage's thread only claims it.
 * {@link #accept(CloudTrailEvent, PreparedCredential)} runs once per event in one thread and
 * delivers the event at once, with its credential's current answer, to the {@link Listener}. An
 * answer that may still change ({@link CredentialAnswer#pending()}) is kept, once per credential,
 * with the count of its events; when the record it waits for is read (later in the run: the reading
 * threads record it and the next {@code accept}, {@link #reattribute()} or {@link #finish()} finds
 * it), the credential's new answer goes to every {@link CredentialListener}, and the run's
 * {@link #summary()} moves its events. At most {@code maxHeld} pending credentials stay in memory;
 * the rest are written compactly ({@link PendingSpill}: in memory up to 16 MiB, then a temporary
 * file) and read back when the ledger grows.
 *
 * <p>So the answer of every event is the answer of its credential against every issuance read, in
 * whatever order files and records came: {@link #answer(CloudTrailEvent)} gives it at any time.
 *
 * <p><b>For streaming hosts</b> (the Flink job, an SQS watch): feed events through
 * {@code prepare}/{@code accept} as they arrive, register a {@link CredentialListener} with
 * {@link #onChange} to hear of credentials whose answer improved (update stored rows, send alert
 * updates), call {@link #reattribute()} now and then (each {@code accept} already looks at what was
 * recorded since the last one, but credentials written to disk are only looked at there), and ask
 * {@link #answer(CredentialIdentity)} for any credential's current answer. Keyed by credential,
 * this is the state a distributed host partitions: see {@link #held()}.
 */
public final class Attributor implements Stage<PreparedCredential>, AutoCloseable {
    /** Pending credentials kept in memory before the least recently used go to disk. */
    public static final int DEFAULT_MAX_HELD = 8_192;

    /**
     * Hears each event once, as it passes, with its credential's answer at that moment. A pending
     * answer may change later: that comes through {@link CredentialListener}, once per credential.
     */
    @FunctionalInterface
    public interface Listener {
        void attributed(CloudTrailEvent event, Attribution attribution);
    }

    private final CredentialLedger ledger;
    private final AttributionResolver resolver;
    private final AttributionSummary summary = new AttributionSummary();
    private final Listener listener;
    private final List<CredentialListener> changeListeners = new ArrayList<>(2);
    private final PendingCredentials pending;
    /** Each reading thread's answers worked out lately (see {@link RecentAnswers}). */
    private final ThreadLocal<RecentAnswers> recent = ThreadLocal.withInitial(RecentAnswers::new);
    private long changed;
    // The event accept() handled last, for the stage after this one (detection) to read in the same thread.
    private String lastCredential;
    private CredentialAnswer lastAnswer;
    private Attribution lastAttribution;

    public Attributor() {
        this((e, a) -> { });
    }

    public Attributor(Listener listener) {
        this(listener, new CredentialLedger());
    }

    /** An attributor that starts from a ledger already holding earlier issuances (read back from a store). */
    public Attributor(Listener listener, CredentialLedger ledger) {
        this(listener, ledger, TrustPolicies.none());
    }

    /** As above, with role trust policies that let session names assert the IAM user (authorization details). */
    public Attributor(Listener listener, CredentialLedger ledger, TrustPolicies trust) {
        this(listener, ledger, trust, DEFAULT_MAX_HELD);
    }

    /** As above, keeping at most {@code maxHeld} pending credentials in memory (the rest on disk). */
    public Attributor(Listener listener, CredentialLedger ledger, TrustPolicies trust, int maxHeld) {
        if (maxHeld < 1) {
            throw new IllegalArgumentException("maxHeld must be at least 1, got " + maxHeld);
        }
        this.listener = Objects.requireNonNull(listener, "listener");
        this.ledger = ledger;
        this.resolver = new AttributionResolver(ledger, trust);
        this.pending = new PendingCredentials(maxHeld, ledger, PendingCredential.blank(trust));
        ledger.trackRecorded();
    }

    /** Adds a listener for credentials that change answer (see {@link CredentialListener}). */
    public Attributor onChange(CredentialListener l) {
        changeListeners.add(Objects.requireNonNull(l, "listener"));
        return this;
    }

    /** How many change listeners are registered: a run that borrows this attributor removes the ones it added with {@link #removeChangeListeners}. */
    public int changeListeners() {
        return changeListeners.size();
    }

    /** Removes the change listeners added after the first {@code keep} (a borrowing run's, at its end). */
    public void removeChangeListeners(int keep) {
        while (changeListeners.size() > keep) {
            changeListeners.remove(changeListeners.size() - 1);
        }
    }

    /**
     * A long-running host's retention (between runs, with no reading thread at work): looks again at
     * every pending credential, then forgets pending credentials last used before {@code cutoffMillis}
     * (event time) and the issuances and SwitchRole links no event after it can still use
     * ({@link CredentialLedger#forgetBefore}), so memory follows the credentials live within the
     * retention, not the length of the stream. Returns what was forgotten.
     */
    public Forgotten forgetBefore(long cutoffMillis) {
        reattribute();
        long credentials = pending.forgetLastUsedBefore(cutoffMillis);
        long issuances = ledger.forgetBefore(cutoffMillis);
        return new Forgotten(credentials, issuances);
    }

    /** What {@link #forgetBefore} let go: pending credentials, and issuances and SwitchRole links. */
    public record Forgotten(long pendingCredentials, long issuances) {
    }

    /**
     * Reading threads: records what the event issues and works out its credential's answer as the
     * ledger stands (records that issue are parsed past their hot fields here, in parallel).
     */
    @Override
    public PreparedCredential prepare(CloudTrailEvent e) {
        ledger.record(e);
        String key = e.userIdentity().accessKeyId();
        RecentAnswers recent = this.recent.get();
        if (key == null) {
            return prepared(CredentialIdentity.of(e), e, recent); // service events: no walk, no fallback to save
        }
        // A credential's events (a session of fifty calls) get the answer worked out for the first: no walk or fallback each.
        PreparedCredential p = recent.get(e, key, ledger);
        if (p == null) {
            p = prepared(CredentialIdentity.of(e), e, recent);
            recent.put(p);
        }
        return p;
    }

    /**
     * The credential's answer now and, when pending, the credential as the stage will keep it,
     * written to this thread's spill: what the stage's thread would otherwise build and encode.
     */
    private PreparedCredential prepared(CredentialIdentity c, CloudTrailEvent e, RecentAnswers recent) {
        long changesBefore = ledger.changes(); // before resolving: a spill read back looks again at anything recorded since
        CredentialAnswer a = resolver.resolve(c);
        boolean chain = c.needsChain();
        if (!a.pending()) {
            return new PreparedCredential(c, a, chain, null, changesBefore);
        }
        long t = e.eventTimeMillis();
        PendingCredential fresh = new PendingCredential(Credentials.keyOf(c), c, a,
                AttributionSummary.Bucket.of(chain, a.attribution()), 1, t, t);
        // Nothing of its key or session recorded now, so none when resolved (the ledger only grows during a run):
        // every lookup of the walk missed, and the answer is its identity's alone.
        fresh.blankAnswer = ledger.byKey(c.accessKeyId()) == null && !ledger.knowsSession(c.arn());
        if (recent.spill == null || recent.spill.closed()) { // read back and closed since (between runs)
            recent.spill = pending.readerSpill();
        }
        if (recent.spill.canKillNext()) {
            fresh.spilledAs = recent.spill.write(fresh, changesBefore);
            fresh.spilledIn = recent.spill;
        }
        return new PreparedCredential(c, a, chain, fresh, changesBefore);
    }

    /** Both halves in one call, for single-threaded callers. */
    public void accept(CloudTrailEvent e) {
        accept(e, prepare(e));
    }

    /** One event, with what {@link #prepare} worked out for its credential: delivered now, with the credential's current answer. */
    @Override
    public void accept(CloudTrailEvent e, PreparedCredential prepared) {
        drainRecorded();
        boolean chain = prepared.chain;
        CredentialAnswer answer = prepared.answer;
        String key = null;
        if (answer.pending()) {
            PendingCredential fresh = prepared.fresh;
            key = fresh.key;
            long t = e.eventTimeMillis();
            PendingCredential p = pending.get(key);
            if (p != null) {
                p.saw(t);
                answer = p.answer;
            } else {
                if (ledger.byKey(answer.waitKey()) != null || ledger.knowsSession(answer.waitSession())) {
                    answer = resolver.resolve(fresh.identity); // recorded between prepare and now: that drain is past
                }
                if (answer.pending()) {
                    // The credential the reading thread built for this event, unless its answer changed on the way
                    // or it was kept already (for an earlier event of the credential, which has since left memory).
                    boolean asPrepared = answer == prepared.answer && !prepared.taken && fresh.firstTime == t;
                    prepared.taken |= asPrepared;
                    pending.add(asPrepared ? fresh : new PendingCredential(key, fresh.identity, answer,
                            AttributionSummary.Bucket.of(chain, answer.attribution()), 1, t, t));
                }
            }
        }
        Attribution a = answer.forEvent(e.eventTimeMillis());
        summary.add(chain, a);
        lastCredential = key;
        lastAnswer = answer;
        lastAttribution = a;
        listener.attributed(e, a);
    }

    /**
     * Looks again at pending credentials whose awaited record has been read since they were last
     * looked at, in memory and on disk, and tells the {@link CredentialListener}s of every change.
     * Streaming hosts call it now and then; {@link #finish()} calls it once all input is read.
     */
    public void reattribute() {
        drainRecorded();
        pending.recheckSpilled(p -> {
            if (ledger.byKey(p.answer.waitKey()) != null || ledger.knowsSession(p.answer.waitSession())) {
                CredentialAnswer now = resolver.resolve(p.identity);
                if (!sameForSpilled(p.answer, now)) {
                    change(p, now);
                }
                p.answer = now;
                p.blankAnswer = false;
            }
            return p.answer.pending();
        });
    }

    /** Once all input is read: every answer is final for this input. */
    @Override
    public void finish() {
        reattribute();
    }

    /** The event's answer now: its credential's, against every issuance read so far. */
    public Attribution answer(CloudTrailEvent e) {
        return resolver.resolve(e);
    }

    /** A credential's answer now (held answers and this agree once the recorded queue is drained). */
    public CredentialAnswer answer(CredentialIdentity credential) {
        return resolver.resolve(credential);
    }

    /** The credential of the event {@link #accept} handled last (null when its answer was settled), for the next stage. */
    public String lastCredential() {
        return lastCredential;
    }

    /** The credential answer of the event {@link #accept} handled last. */
    public CredentialAnswer lastAnswer() {
        return lastAnswer;
    }

    /** The attribution {@link #accept} delivered last. */
    public Attribution lastAttribution() {
        return lastAttribution;
    }

    /** Credentials whose answer changed so far (one count per change). */
    public long changes() {
        return changed;
    }

    private void drainRecorded() {
        ledger.drainRecorded(onRecorded);
    }

    /** Made once: a method reference made per event is an object per event. */
    private final java.util.function.Consumer<String> onRecorded = this::recorded;

    private void recorded(String what) {
        String name = what.substring(1);
        List<PendingCredential> waiting = what.charAt(0) == 'k' ? pending.waitingOnKey(name) : pending.waitingOnSession(name);
        if (waiting.isEmpty()) {
            return;
        }
        for (PendingCredential p : waiting) {
            CredentialAnswer now = resolver.resolve(p.identity);
            if (!now.sameAnswer(p.answer) || now.pending() != p.answer.pending()) {
                change(p, now);
            }
            pending.update(p, now);
        }
    }

    /** Spilled answers come back without their chain: compare what they keep. */
    private static boolean sameForSpilled(CredentialAnswer before, CredentialAnswer now) {
        Attribution a = before.attribution(), b = now.attribution();
        return a.confidence() == b.confidence() && Objects.equals(a.origin(), b.origin()) && a.chain().size() == b.chain().size()
                && (b.confidence() != Confidence.UNKNOWN || Objects.equals(a.reason(), AttributionSummary.generalise(b.reason())))
                && before.pending() == now.pending();
    }

    private void change(PendingCredential p, CredentialAnswer now) {
        changed++;
        summary.move(p.counted, now.attribution(), p.events);
        if (p.lastTime > now.expiresAt() && !now.attribution().chain().isEmpty()) {
            // Only the first and last event times are kept: all events count when the first was after expiry, else the last.
            summary.anomaly(CredentialAnswer.expiredAnomaly(now.attribution().chain().get(0).accessKeyId(),
                    p.lastTime, now.expiresAt()), p.firstTime > now.expiresAt() ? p.events : 1);
        }
        CredentialAnswer before = p.answer;
        p.counted = AttributionSummary.Bucket.of(p.counted.chain(), now.attribution());
        CredentialChange c = new CredentialChange(p.key, p.identity, before, now, p.events);
        for (CredentialListener l : changeListeners) {
            l.changed(c);
        }
    }

    public AttributionSummary summary() {
        return summary;
    }

    public CredentialLedger ledger() {
        return ledger;
    }

    /** The ledger (shared with the reading threads) and the pending credentials, in memory and on disk. */
    @Override
    public List<HeldState> held() {
        return List.of(new HeldState("credential issuances", "accessKeyId", ledger.size()),
                new HeldState("console sessions switched into", "role session ARN and start", ledger.switchLinks().size()),
                new HeldState("pending credentials in memory", "credential", pending.held()),
                new HeldState("pending credentials on disk", "credential", pending.spilled()));
    }

    /** Deletes the file of pending credentials, if one was written. */
    @Override
    public void close() {
        recent.remove(); // a single-threaded caller's answers (reading threads' go with their threads)
        pending.close();
    }
}
