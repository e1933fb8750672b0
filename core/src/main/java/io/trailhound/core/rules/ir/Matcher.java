package io.trailhound.core.rules.ir;

/**
 * A test on one value of a field, built once at compile time (patterns compiled, case folded,
 * sets hashed). See {@link Matchers} for the kinds every front end shares.
 */
@FunctionalInterface
public interface Matcher {
    boolean test(String value);

    /** Text for explanations ({@code rules test}), e.g. {@code startswith "arn:"}. */
    default String describe() {
        return toString();
    }

    /**
     * What decides this matcher's answers: two matchers with equal keys answer alike on every
     * value, so the engine may evaluate a test once for every rule that has it. The default, the
     * matcher itself, makes only the same instance equal; {@link Matchers} gives its kinds keys
     * made of their arguments.
     */
    default Object shareKey() {
        return this;
    }

    /**
     * Texts every value this matcher accepts contains, case for case (empty: none known). Lets the
     * engine answer "no match" from a record's bytes before a field is read from them.
     */
    default java.util.List<String> requiredTexts() {
        return java.util.List.of();
    }
}
