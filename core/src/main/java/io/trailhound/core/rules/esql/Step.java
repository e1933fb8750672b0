package io.trailhound.core.rules.esql;

/**
 * A compiled row-wise command ({@code WHERE}, {@code EVAL}, {@code GROK}, {@code DISSECT}):
 * writes its columns into the row's slots and says whether the row stays.
 */
@FunctionalInterface
interface Step {
    boolean apply(Frame f);
}
