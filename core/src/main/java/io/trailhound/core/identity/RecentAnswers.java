package io.trailhound.core.identity;

import io.trailhound.core.event.CloudTrailEvent;

/**
 * One reading thread's answers worked out lately, by access key: a credential used by many events
 * (a session of fifty calls) has its answer, fallbacks and all, worked out once, not once per
 * event. An entry is used only for an event with the identity it was worked out for (the
 * session's start aside while the ledger holds nothing of the session: then no lookup reads it),
 * and, while the answer is pending, only while the ledger still holds nothing for what it waits
 * for (the same test the attributor uses: nothing else can change a pending answer, and nothing
 * changes a settled one). Direct-mapped and fixed in size, so a lookup costs one slot and the
 * memory never grows; not thread-safe (one per thread).
 */
final class RecentAnswers {
    private static final int SLOTS = 1 << 10;

    private final CredentialIdentity[] identities = new CredentialIdentity[SLOTS];
    private final CredentialAnswer[] answers = new CredentialAnswer[SLOTS];

    /** The answer worked out for this event's credential, if it still holds; else null. */
    CredentialAnswer get(CloudTrailEvent e, String accessKeyId, CredentialLedger ledger) {
        int slot = accessKeyId.hashCode() & (SLOTS - 1);
        CredentialIdentity c = identities[slot];
        if (c == null || !c.matchesApartFromStart(e)) {
            return null;
        }
        CredentialAnswer a = answers[slot];
        if (a.pending() && (ledger.byKey(a.waitKey()) != null || ledger.knowsSession(a.waitSession()))) {
            return null;
        }
        // The session's start is read only by lookups of the session, which find nothing while the ledger holds nothing of it.
        String start = e.userIdentity().sessionCreationDate();
        if (!java.util.Objects.equals(start, c.sessionCreationDate()) && ledger.knowsSession(e.userIdentity().arn())) {
            return null;
        }
        return a;
    }

    void put(CredentialIdentity c, CredentialAnswer a) {
        int slot = c.accessKeyId().hashCode() & (SLOTS - 1);
        identities[slot] = c;
        answers[slot] = a;
    }
}
