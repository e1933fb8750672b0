package io.trailhound.core.rules.sigma;

import java.util.Locale;

/** The value modifiers of the Sigma specification (v2) that Trailhound knows. */
enum Modifier {
    CONTAINS, STARTSWITH, ENDSWITH, ALL, CASED,
    RE, I, M, S,
    CIDR, EXISTS, GT, GTE, LT, LTE,
    BASE64, BASE64OFFSET, WIDE, UTF16LE, UTF16BE, UTF16,
    WINDASH, EXPAND, FIELDREF;

    /** The modifier named {@code word}, or null for one Sigma does not define (or this version does not know). */
    static Modifier of(String word) {
        String w = switch (word.toLowerCase(Locale.ROOT)) {
            // The long names the specification also gives the regular-expression flags.
            case "ignorecase" -> "I";
            case "multiline" -> "M";
            case "dotall" -> "S";
            default -> word.toUpperCase(Locale.ROOT);
        };
        for (Modifier m : values()) {
            if (m.name().equals(w)) {
                return m;
            }
        }
        return null;
    }

    String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
