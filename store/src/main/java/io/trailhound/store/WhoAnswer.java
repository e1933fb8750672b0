package io.trailhound.store;

import java.time.Instant;
import java.util.List;

/**
 * The answer to "who is behind this key, event or session": the origin and the chain of hops to it
 * (nearest hop first, as attribution returns it), for the most recent stored event that matched.
 *
 * @param matchedBy     what the query was taken as: accessKeyId, eventID or arn
 * @param events        how many stored events matched
 * @param event         the event whose attribution is shown (the latest that matched); null when
 *                      the key was issued but never used in the stored events
 * @param otherOrigins  the distinct origins of all matching events, when more than one (a session
 *                      ARN reused by different people)
 */
public record WhoAnswer(String query, String matchedBy, long events, StoredEvent event, String originType,
                        String originArn, String originName, String originProvider, String originAccount,
                        String confidence, String reason, List<ChainHop> chain, List<String> anomalies,
                        List<OriginCount> otherOrigins) {

    /** One hop: who acted with {@code accessKeyId}, and the issuance that gave it out. */
    public record ChainHop(String arn, String accessKeyId, String eventID, String eventName, Instant time,
                           String account, String linkedBy) {
    }

    public record OriginCount(String type, String label, String confidence, long events) {
    }

    public String originLabel() {
        return originArn != null ? originArn : originName;
    }
}
