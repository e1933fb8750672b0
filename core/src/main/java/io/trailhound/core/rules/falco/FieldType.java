package io.trailhound.core.rules.falco;

/** The Falco types of the fields we export; they decide which operators a condition may use. */
enum FieldType {
    /** Falco {@code string} (PT_CHARBUF). */
    STRING("string"),
    /** Falco {@code uint64}: numeric comparisons parse the literal as a number. */
    UINT64("uint64"),
    /** A multi-valued string field (EPF_IS_LIST): only {@code in}, {@code intersects}, {@code exists}. */
    STRING_LIST("list<string>"),
    /** An absolute time, rendered as text; numeric ops are not meaningful on it. */
    TIME("abstime");

    private final String label;

    FieldType(String label) {
        this.label = label;
    }

    /** The name shown in the fields table. */
    public String label() {
        return label;
    }
}
