package io.trailhound.core.identity;

import java.util.List;

/**
 * Who is behind one event: the origin (null when unknown), how sure, why not when unknown, the
 * chain from the event's own credentials back to the origin (nearest hop first), and anomalies
 * seen on the way (such as a key used after it expired: never attributed silently).
 */
public record Attribution(Origin origin, Confidence confidence, String reason, List<Hop> chain, List<String> anomalies) {
    public Attribution {
        chain = List.copyOf(chain);
        anomalies = List.copyOf(anomalies);
    }

    static Attribution of(Origin origin, Confidence confidence, String reason) {
        return new Attribution(origin, confidence, reason, List.of(), List.of());
    }

    static Attribution unknown(String reason) {
        return of(null, Confidence.UNKNOWN, reason);
    }
}
