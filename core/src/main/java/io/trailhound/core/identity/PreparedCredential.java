package io.trailhound.core.identity;

/**
 * What a reading thread worked out for the credential of an event, handed to the attribution
 * stage with the event ({@link Attributor#prepare}): one per credential and thread while its
 * answer holds (shared by the credential's events, see {@link RecentAnswers}), never one per event.
 * Holds the credential's identity and answer and, when the answer is pending, the credential as
 * the stage keeps it ({@link #fresh}), already written to the thread's spill, so the stage's
 * thread neither builds nor encodes it (its strings are in the reading thread's cache, not in the
 * stage's).
 */
public final class PreparedCredential {
    final CredentialIdentity identity;
    final CredentialAnswer answer;
    /** The event needs the ledger's chain ({@link CredentialIdentity#needsChain}). */
    final boolean chain;
    /** While the answer is pending: the credential as first seen by this thread (one event); else null. */
    final PendingCredential fresh;
    /** Set by the stage once it keeps {@link #fresh} (then a later event of the credential never takes it again). */
    boolean taken;
    /** The ledger's {@link CredentialLedger#changes()} before the answer was worked out: while it stays, nothing can have changed it. */
    final long ledgerChanges;

    PreparedCredential(CredentialIdentity identity, CredentialAnswer answer, boolean chain, PendingCredential fresh,
                       long ledgerChanges) {
        this.identity = identity;
        this.answer = answer;
        this.chain = chain;
        this.fresh = fresh;
        this.ledgerChanges = ledgerChanges;
    }

    /** The credential's answer as the ledger stood when worked out. */
    public CredentialAnswer answer() {
        return answer;
    }
}
