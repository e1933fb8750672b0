package io.trailhound.core.event;

import com.fasterxml.jackson.core.StreamReadConstraints;

/**
 * The most any read limit may let through into a record. A record's JSON is parsed again later
 * (its tree, for rules and output) and written back out; these bounds are what every later stage
 * is known to handle, so the reader's limits (in {@code ReadLimits}) may be set up to them and
 * never past.
 */
public final class RecordBounds {
    /**
     * Nesting depth, counted from the top of the input as Jackson counts it. Trees are written back
     * out with Jackson's default write limit of 1,000 levels, so no more can be let in.
     */
    public static final int MAX_NESTING_DEPTH = 1000;
    /** Digits of one number: parsing a number of n digits into a tree costs time in n squared. */
    public static final int MAX_NUMBER_LENGTH = 10_000;

    /** For parsing a record that the reader already accepted: nothing within the bounds may fail here. */
    static final StreamReadConstraints REPARSE = StreamReadConstraints.builder()
            .maxNestingDepth(MAX_NESTING_DEPTH)
            .maxNumberLength(MAX_NUMBER_LENGTH)
            .maxNameLength(Integer.MAX_VALUE)
            .maxStringLength(Integer.MAX_VALUE)
            .build();

    private RecordBounds() {
    }
}
