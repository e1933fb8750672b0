package io.trailhound.core.rules.falco;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The parsed macros, in definition order. A macro sees only macros defined before it (Falco's
 * visibility rule, which also rules out cycles); rules see every macro. Records which were used.
 */
final class MacroTable {
    /** One macro: its place in definition order and its parsed condition (lists already substituted). */
    public record Macro(String name, int index, Ast ast) {
    }

    private final Map<String, Macro> byName = new HashMap<>();
    private final Set<String> used = new LinkedHashSet<>();

    public void add(String name, Ast ast) {
        Macro old = byName.get(name);
        byName.put(name, new Macro(name, old != null ? old.index() : byName.size(), ast));
    }

    /** The macro called {@code name} if it is visible from a definition at {@code visibleBelow}. */
    Macro find(String name, int visibleBelow) {
        Macro m = byName.get(name);
        return m != null && m.index() < visibleBelow ? m : null;
    }

    void markUsed(String name) {
        used.add(name);
    }

    public boolean used(String name) {
        return used.contains(name);
    }
}
