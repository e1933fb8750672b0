package io.trailhound.core.rules.falco;

import io.trailhound.core.rules.load.Position;
import java.util.List;

/**
 * One entry of a rule's {@code exceptions}. {@code tuple} tells the two forms apart: with a list
 * of fields each value is a tuple (a list, one element per field, an element itself a String or a
 * List of String); with a single field each value is one String or List of String.
 */
record ExceptionDef(String name, boolean tuple, List<String> fields, List<String> comps, List<Object> values,
                           Position position) {
    public ExceptionDef {
        fields = List.copyOf(fields);
        comps = List.copyOf(comps);
        values = List.copyOf(values);
    }
}
