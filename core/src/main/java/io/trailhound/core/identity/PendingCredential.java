package io.trailhound.core.identity;

/**
 * A credential of this run whose answer may still change, with how many of the run's events were
 * made with it (and the first and last of their times) and the summary bucket they were counted in.
 * One per distinct pending credential, never one per event.
 */
final class PendingCredential {
    final String key;
    final CredentialIdentity identity;
    CredentialAnswer answer;
    AttributionSummary.Bucket counted;
    long events;
    long firstTime;
    long lastTime;
    /**
     * The number of an entry of the spill {@link #spilledIn} that holds this credential as it is
     * now, written while it was new (see {@link PendingCredentials}); -1 when none does.
     */
    long spilledAs = -1;
    PendingSpill spilledIn;
    /**
     * True while {@link #answer} is the one its identity gets from a ledger holding nothing of its
     * key or session ({@link #blank}): a spill then writes a flag and works the answer out again
     * when read back, instead of writing it (a run whose keys were issued before its logs writes
     * one such credential per key). Cleared whenever the answer is replaced.
     */
    boolean blankAnswer;
    /** What {@link PendingCredentials} indexed it by while held (null when not): taken out by the same keys. */
    String indexedWaitKey;
    PendingCredentials.WaitSession indexedSession;

    PendingCredential(String key, CredentialIdentity identity, CredentialAnswer answer, AttributionSummary.Bucket counted,
                      long events, long firstTime, long lastTime) {
        this.key = key;
        this.identity = identity;
        this.answer = answer;
        this.counted = counted;
        this.events = events;
        this.firstTime = firstTime;
        this.lastTime = lastTime;
    }

    /** The answer a credential gets while the ledger holds nothing of its key or session: a function of its identity alone. */
    static java.util.function.Function<CredentialIdentity, CredentialAnswer> blank(TrustPolicies trust) {
        return new AttributionResolver(new CredentialLedger(), trust)::resolve;
    }

    void saw(long time) {
        events++;
        firstTime = Math.min(firstTime, time);
        lastTime = Math.max(lastTime, time);
    }
}
