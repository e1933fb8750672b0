package io.trailhound.core.identity;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.event.UserIdentity;
import io.trailhound.core.stage.HeldState;
import io.trailhound.core.stage.Stage;
import java.util.ArrayList;
import java.util.List;

/**
 * The attribution stage of a batch run, in two halves. {@link #prepare} runs in the reading
 * threads, in parallel: it records what the event issues in the (concurrent) ledger and resolves
 * the event against the ledger as it stands. {@link #accept(CloudTrailEvent, Attribution)} runs
 * once per event, after duplicates are dropped, in one thread: an answer that cannot change with
 * more input is delivered; any other event waits, without its raw bytes, until {@link #finish()},
 * when every issuance has been read. So files and records may come in any order and the answer is
 * the same; a streaming caller calls {@link #finish()} after its grace period instead.
 */
public final class Attributor implements Stage<Attribution> {
    /**
     * Receives each event's final attribution. An event that waited for later issuances arrives as
     * its {@link CloudTrailEvent#identityCopy(UserIdentity)}: IDs, time, names and userIdentity only.
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
    /** One userIdentity per session (access key) among the waiting events: a session's events repeat it. */
    private final java.util.Map<String, UserIdentity> identities = new java.util.HashMap<>();

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
        this.listener = listener;
        this.ledger = ledger;
        this.resolver = new AttributionResolver(ledger, trust);
    }

    /**
     * Work on one event that needs no shared state, for the reading threads: records that issue or
     * assert credentials are parsed past their hot fields here, in parallel, not in {@link #accept}.
     */
    @Override
    public Attribution prepare(CloudTrailEvent e) {
        ledger.record(e);
        return resolver.firstLook(e);
    }

    /** Both halves in one call, for single-threaded callers. */
    public void accept(CloudTrailEvent e) {
        accept(e, prepare(e));
    }

    /** One event, with the attribution {@link #prepare} gave it. */
    @Override
    public void accept(CloudTrailEvent e, Attribution a) {
        boolean chain = AttributionResolver.needsChain(e);
        if (settled(e, chain, a)) {
            deliver(e, chain, a);
        } else {
            waiting.add(e.identityCopy(shared(e.userIdentity())));
        }
    }

    /**
     * Settled: the answer cannot change with more input. A chain is settled when every hop matched
     * by key up to an origin that names a principal: keys are issued once, so later records cannot
     * change it. Not when a hop was matched by session (role session ARN and start): another
     * issuance of the same session name in the same second, or the key's own issuance, may still
     * be read; nor when it fell back on weaker evidence (it carries a reason), nor when it ends at
     * the role owner's copy of a cross-account issuance (AWSAccount), as the caller's copy may
     * follow. An event that names its principal is settled unless it signs with a temporary key
     * whose issuance (GetSessionToken) may still come.
     */
    private static boolean settled(CloudTrailEvent e, boolean chain, Attribution a) {
        if (!chain) {
            return !e.userIdentity().temporaryKey() || !a.chain().isEmpty();
        }
        if (a.confidence() != Confidence.EXACT || a.origin() == null || a.reason() != null
                || "AWSAccount".equals(a.origin().type())) {
            return false;
        }
        for (Hop h : a.chain()) {
            if (!"key".equals(h.linkedBy())) {
                return false;
            }
        }
        return true;
    }

    private UserIdentity shared(UserIdentity u) {
        String key = u.accessKeyId();
        if (key == null) {
            return u;
        }
        UserIdentity first = identities.putIfAbsent(key, u);
        return first == null ? u : first;
    }

    /** Attributes the events that waited for later issuances. Call once all input is read. */
    @Override
    public void finish() {
        // Every issuance is in: the ledger is only read now, so the waiting events resolve in parallel.
        List<Attribution> resolved = waiting.parallelStream().map(resolver::resolve).toList();
        for (int i = 0; i < waiting.size(); i++) {
            CloudTrailEvent e = waiting.get(i);
            deliver(e, AttributionResolver.needsChain(e), resolved.get(i));
        }
        waiting.clear();
        identities.clear();
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

    /** The ledger (shared with the reading threads) and the events waiting for a later issuance. */
    @Override
    public List<HeldState> held() {
        return List.of(new HeldState("credential issuances", "accessKeyId", ledger.size()),
                new HeldState("console sessions switched into", "role session ARN and start", ledger.switchLinks().size()),
                new HeldState("events waiting for a later issuance", "accessKeyId", waiting.size()));
    }
}
