package io.trailhound.core.rules.falco;

import io.trailhound.core.rules.load.Position;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * A rule after every append/override, ready to compile. Tags keep their order, without repeats.
 * {@code located} and {@code outputAt} say where the condition and output were written, for errors.
 */
record RuleDef(String name, String condition, ScalarText located, String output, Position outputAt,
                      String desc, String priority,
                      String source, boolean enabled, List<String> tags, List<ExceptionDef> exceptions,
                      boolean skipIfUnknownFilter, Position position) {
    public RuleDef {
        tags = List.copyOf(new LinkedHashSet<>(tags));
        exceptions = List.copyOf(exceptions);
    }
}
