package io.trailhound.core.rules.ir;

/** How a {@link Predicate.Match} treats a multi-valued field. Both are false on an absent field. */
public enum Quantifier {
    /** Some value matches (KQL, Sigma, Falco {@code intersects} and scalar operators). */
    ANY,
    /** There is a value and every value matches (Falco {@code in} on a list field). */
    ALL
}
