package io.trailhound.core.rules.falco;

import io.trailhound.core.rules.ir.Accessor;
import java.util.function.Function;

/**
 * One field a Falco condition or output may name: its type, what it reads, and how to build its
 * accessor for a given argument (null when written without brackets).
 */
record FieldDef(String name, FieldType type, FieldArg arg, String description,
                       Function<String, Accessor> factory) {

    /** The accessor for this field with {@code argument} (null when none), named as the rule wrote it. */
    public Accessor accessor(String argument) {
        return factory.apply(argument);
    }
}
