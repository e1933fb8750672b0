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
}
