package io.trailhound.core.identity;

import java.util.Locale;

/** How an origin was established. The lower-case names are public (JSON). */
public enum Confidence {
    /** Every hop matched by access key, or the record names the principal itself. */
    EXACT,
    /** A hop rests on a value the caller or its identity provider set: sourceIdentity, a session name Identity Center or a trust policy fixes, a console session matched by role, session name and start. */
    ASSERTED,
    /** From the session name alone. */
    INFERRED,
    /** Not found; the reason says why. */
    UNKNOWN;

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    Confidence atMost(Confidence other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
