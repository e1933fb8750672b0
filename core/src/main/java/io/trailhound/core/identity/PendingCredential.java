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

    void saw(long time) {
        events++;
        firstTime = Math.min(firstTime, time);
        lastTime = Math.max(lastTime, time);
    }
}
