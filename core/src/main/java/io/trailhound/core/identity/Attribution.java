package io.trailhound.core.identity;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Who is behind one event: the origin (null when unknown), how sure, why not when unknown, the
 * chain from the event's own credentials back to the origin (nearest hop first), and anomalies
 * seen on the way (such as a key used after it expired: never attributed silently).
 *
 * <p>A value with a record's equality. Its reason may be worked out when first asked for: a
 * credential's fallback answer is made once per new credential, and its reason, which names keys
 * and event IDs, is read by few (a person, the summary for unknown origins, a store).
 */
public final class Attribution {
    private final Origin origin;
    private final Confidence confidence;
    /** The reason text, or a {@link Supplier} of it until first asked (then replaced: the same text whichever thread asks). */
    private Object reason;
    private final List<Hop> chain;
    private final List<String> anomalies;

    public Attribution(Origin origin, Confidence confidence, String reason, List<Hop> chain, List<String> anomalies) {
        this(origin, confidence, (Object) reason, chain, anomalies);
    }

    /** With a reason worked out when first asked for ({@code reason} must give the same text every time). */
    static Attribution lazy(Origin origin, Confidence confidence, Supplier<String> reason, List<Hop> chain, List<String> anomalies) {
        return new Attribution(origin, confidence, (Object) reason, chain, anomalies);
    }

    private Attribution(Origin origin, Confidence confidence, Object reason, List<Hop> chain, List<String> anomalies) {
        this.origin = origin;
        this.confidence = confidence;
        this.reason = reason;
        this.chain = List.copyOf(chain);
        this.anomalies = List.copyOf(anomalies);
    }

    static Attribution of(Origin origin, Confidence confidence, String reason) {
        return new Attribution(origin, confidence, reason, List.of(), List.of());
    }

    static Attribution unknown(String reason) {
        return of(null, Confidence.UNKNOWN, reason);
    }

    public Origin origin() {
        return origin;
    }

    public Confidence confidence() {
        return confidence;
    }

    @SuppressWarnings("unchecked")
    public String reason() {
        Object r = reason;
        if (r instanceof Supplier<?> s) {
            String text = ((Supplier<String>) s).get();
            reason = text; // a benign race: every thread that asks gets the same text
            return text;
        }
        return (String) r;
    }

    public List<Hop> chain() {
        return chain;
    }

    public List<String> anomalies() {
        return anomalies;
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof Attribution a && Objects.equals(origin, a.origin) && confidence == a.confidence
                && Objects.equals(reason(), a.reason()) && chain.equals(a.chain) && anomalies.equals(a.anomalies);
    }

    @Override
    public int hashCode() {
        return Objects.hash(origin, confidence, reason(), chain, anomalies);
    }

    @Override
    public String toString() {
        return "Attribution[origin=" + origin + ", confidence=" + confidence + ", reason=" + reason() + ", chain=" + chain
                + ", anomalies=" + anomalies + "]";
    }
}
