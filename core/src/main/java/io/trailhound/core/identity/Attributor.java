package io.trailhound.core.identity;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.ingest.EventSink;
import java.util.ArrayList;
import java.util.List;

/**
 * The attribution stage of a batch run. Every event feeds the ledger; an event is attributed at
 * once when the answer cannot change (it names its own principal, or its chain reached an origin
 * by key alone), and otherwise waits, without its raw bytes, until {@link #finish()} when every
 * issuance has been read. So files and records may come in any order and the answer is the same;
 * a streaming caller calls {@link #finish()} after its grace period instead.
 */
public final class Attributor implements EventSink {
    /**
     * Receives each event's final attribution. An event that waited for later issuances arrives as
     * its {@link CloudTrailEvent#withoutRaw()} copy: typed fields only.
     */
    @FunctionalInterface
    public interface Listener {
        void attributed(CloudTrailEvent event, Attribution attribution);
    }

    private final CredentialLedger ledger;
    private final AttributionResolver resolver;
    private final AttributionSummary summary = new AttributionSummary();
    private final Listener listener;
    private final List<CloudTrailEvent> waiting = new ArrayList<>();
    /** Issuances read by {@link #prepare} in the reading threads, taken by {@link #accept}. */
    private final java.util.Map<CloudTrailEvent, Issuance> prepared = new java.util.concurrent.ConcurrentHashMap<>();

    public Attributor() {
        this((e, a) -> { });
    }

    public Attributor(Listener listener) {
        this(listener, new CredentialLedger());
    }

    /** An attributor that starts from a ledger already holding earlier issuances (read back from a store). */
    public Attributor(Listener listener, CredentialLedger ledger) {
        this.listener = listener;
        this.ledger = ledger;
        this.resolver = new AttributionResolver(ledger);
    }

    /**
     * Work on one event that needs no shared state, for the reading threads: records that issue or
     * assert credentials are parsed past their hot fields here, in parallel, not in {@link #accept}.
     */
    public void prepare(CloudTrailEvent e) {
        if (CredentialLedger.mayRecord(e)) {
            Issuance i = IssuanceReader.read(e);
            if (i != null) {
                prepared.put(e, i);
            } else {
                e.tree();
            }
        }
    }

    @Override
    public void accept(CloudTrailEvent e) {
        Issuance i = prepared.isEmpty() ? null : prepared.remove(e);
        if (i != null) {
            ledger.record(i);
        } else {
            ledger.record(e);
        }
        boolean chain = AttributionResolver.needsChain(e);
        Attribution a = resolver.resolve(e);
        if (settled(e, chain, a)) {
            deliver(e, chain, a);
        } else {
            waiting.add(e.withoutRaw());
        }
    }

    /**
     * Settled: the answer cannot change with more input. A chain is settled when it reached an
     * origin that names a principal through issuances alone (by key, or by session for console
     * sessions, whose keys no record returns: a session found now is the one found later); not
     * when it fell back on weaker evidence (it carries a reason), nor when it ends at the role
     * owner's copy of a cross-account issuance (AWSAccount), as the caller's copy may follow. An
     * event that names its principal is settled unless it signs with a temporary key whose
     * issuance (GetSessionToken) may still come.
     */
    private static boolean settled(CloudTrailEvent e, boolean chain, Attribution a) {
        if (!chain) {
            return !e.userIdentity().temporaryKey() || !a.chain().isEmpty();
        }
        return a.origin() != null && a.reason() == null && !"AWSAccount".equals(a.origin().type())
                && (a.confidence() == Confidence.EXACT || a.confidence() == Confidence.ASSERTED);
    }

    /** Attributes the events that waited for later issuances. Call once all input is read. */
    public void finish() {
        for (CloudTrailEvent e : waiting) {
            deliver(e, AttributionResolver.needsChain(e), resolver.resolve(e));
        }
        waiting.clear();
    }

    private void deliver(CloudTrailEvent e, boolean chain, Attribution a) {
        summary.add(chain, a);
        listener.attributed(e, a);
    }

    public AttributionSummary summary() {
        return summary;
    }

    public CredentialLedger ledger() {
        return ledger;
    }

    /** Events still waiting (the memory a batch run holds for out-of-order input). */
    public int waiting() {
        return waiting.size();
    }
}
