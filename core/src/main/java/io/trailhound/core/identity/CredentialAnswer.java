package io.trailhound.core.identity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The answer for one credential, as the ledger stands: who is behind it ({@link #attribution}, the
 * same for every event made with it), when its own key expires (for the one per-event check, a key
 * used after it expired), and, while the answer may still change, what it waits for.
 *
 * <p>A credential is <em>pending</em> while a record that has not been read could change its
 * answer: the issuance of {@link #waitKey} (its own key, or the key of the first caller up its
 * chain whose issuance is missing), or an issuance or SwitchRole of the session {@link #waitSession}.
 * It is <em>settled</em> otherwise: keys are issued once, so no later record changes a chain
 * matched by key from end to end. A pending answer is still an answer (a fallback: asserted,
 * inferred, or unknown with the reason); it is the best the records read so far give.
 *
 * @param expiresAt   epoch millis at which the credential's own key expires; {@link Long#MAX_VALUE} when unknown
 * @param waitKey     the access key whose issuance would change the answer, or null
 * @param waitSession the session ARN whose issuance or SwitchRole would change the answer, or null
 */
public record CredentialAnswer(Attribution attribution, long expiresAt, String waitKey, String waitSession) {

    /** True while a record not read yet could change the answer (see the class comment). */
    public boolean pending() {
        return waitKey != null || waitSession != null;
    }

    /** The attribution of one event made with the credential at {@code eventTimeMillis}. */
    public Attribution forEvent(long eventTimeMillis) {
        if (eventTimeMillis <= expiresAt || attribution.chain().isEmpty()) {
            return attribution;
        }
        List<String> anomalies = new ArrayList<>(attribution.anomalies());
        anomalies.add(expiredAnomaly(attribution.chain().get(0).accessKeyId(), eventTimeMillis, expiresAt));
        return new Attribution(attribution.origin(), attribution.confidence(), attribution.reason(), attribution.chain(),
                anomalies);
    }

    /** The anomaly text for a key used after it expired (the store's event view writes the same words). */
    public static String expiredAnomaly(String key, long eventTimeMillis, long expiresAt) {
        return "key " + key + " used at " + Instant.ofEpochMilli(eventTimeMillis) + " after it expired at "
                + Instant.ofEpochMilli(expiresAt);
    }

    /** Same origin, confidence and reason: what the summary counts and a person reads. */
    public boolean sameAnswer(CredentialAnswer other) {
        Attribution a = attribution, b = other.attribution;
        return a.confidence() == b.confidence() && java.util.Objects.equals(a.origin(), b.origin())
                && java.util.Objects.equals(a.reason(), b.reason()) && a.chain().equals(b.chain());
    }
}
