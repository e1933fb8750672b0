package io.trailhound.core.output;

import io.trailhound.core.identity.Attribution;
import io.trailhound.core.identity.Origin;
import java.util.ArrayList;
import java.util.List;

/**
 * Who was behind an event, as every output writes it, whether the answer comes from a live scan
 * ({@link #of(Attribution)}) or from the store's columns: the origin's {@code type}, {@code arn} or
 * {@code name}, {@code provider}, {@code account}, the {@code confidence} ({@code exact},
 * {@code asserted}, {@code inferred}, {@code unknown}), the {@code reason} when unknown, and
 * {@code via}, the role sessions from the origin to the event's own credentials, origin side first.
 */
public record EventOrigin(String type, String arn, String name, String provider, String account, String confidence,
                          String reason, List<String> via) {
    public static final String UNKNOWN = "unknown";

    public EventOrigin {
        via = via == null ? List.of() : List.copyOf(via);
        confidence = confidence == null ? UNKNOWN : confidence;
    }

    /** The answer of a scan; null when the run did not attribute. */
    public static EventOrigin of(Attribution a) {
        if (a == null) {
            return null;
        }
        List<String> via = new ArrayList<>(a.chain().size());
        for (int i = a.chain().size() - 1; i >= 0; i--) {
            String arn = a.chain().get(i).arn();
            if (arn != null) {
                via.add(arn);
            }
        }
        Origin o = a.origin();
        return o == null ? new EventOrigin(null, null, null, null, null, a.confidence().jsonName(), a.reason(), via)
                : new EventOrigin(o.type(), o.arn(), o.name(), o.provider(), o.account(), a.confidence().jsonName(),
                        a.reason(), via);
    }

    /** The ARN, or the name: what a person reads; null when unknown. */
    public String label() {
        return arn != null ? arn : name;
    }

    public boolean known() {
        return label() != null;
    }
}
