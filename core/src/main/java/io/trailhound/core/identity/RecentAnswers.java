package io.trailhound.core.identity;

import io.trailhound.core.event.CloudTrailEvent;

/**
 * One reading thread's answers worked out lately, by access key: a credential used by many events
 * (a session of fifty calls) has its answer, fallbacks and all, worked out once, not once per
 * event. An entry is used only for an event with the identity it was worked out for (the
 * session's start aside while the ledger holds nothing of the session: then no lookup reads it),
 * and, while the answer is pending, only while the ledger still holds nothing for what it waits
 * for (the same test the attributor uses: nothing else can change a pending answer, and nothing
 * changes a settled one); while the ledger has recorded nothing at all since the answer was
 * worked out, that test is skipped. Direct-mapped and fixed in size, so a lookup costs one slot and the
 * memory never grows; not thread-safe (one per thread).
 */
final class RecentAnswers {
    private static final int SLOTS = 1 << 10;

    private final PreparedCredential[] prepared = new PreparedCredential[SLOTS];
    /** Each slot's key's hash: a key used once (most sessions began before the logs read) misses here, without reading the cold entry. */
    private final int[] hashes = new int[SLOTS];
    /** This thread's spill, for the new pending credentials it works out (see {@link PendingCredentials#readerSpill}); null until one. */
    PendingSpill spill;

    /** What was worked out for this event's credential, if its answer still holds; else null. */
    PreparedCredential get(CloudTrailEvent e, String accessKeyId, CredentialLedger ledger) {
        int hash = accessKeyId.hashCode();
        int slot = hash & (SLOTS - 1);
        PreparedCredential p = prepared[slot];
        // The key first: another credential in the slot differs there, and the rest of it is no longer in the cache.
        if (p == null || hashes[slot] != hash || !accessKeyId.equals(p.identity.accessKeyId()) || !p.identity.matchesApartFromStart(e)) {
            return null;
        }
        CredentialIdentity c = p.identity;
        CredentialAnswer a = p.answer;
        String start = e.userIdentity().sessionCreationDate();
        boolean sameStart = java.util.Objects.equals(start, c.sessionCreationDate());
        // Nothing recorded since the answer was worked out for this very identity (the usual case between issuances): it holds.
        if (sameStart && ledger.changes() == p.ledgerChanges) {
            return p;
        }
        if (a.pending() && (ledger.byKey(a.waitKey()) != null || ledger.knowsSession(a.waitSession()))) {
            return null;
        }
        // The session's start is read only by lookups of the session, which find nothing while the ledger holds nothing of it.
        if (!sameStart && ledger.knowsSession(e.userIdentity().arn())) {
            return null;
        }
        return p;
    }

    void put(PreparedCredential p) {
        int hash = p.identity.accessKeyId().hashCode();
        prepared[hash & (SLOTS - 1)] = p;
        hashes[hash & (SLOTS - 1)] = hash;
    }
}
