package io.trailhound.core.rules.falco.load;

import java.util.List;

/** A list after append/override, as the compiler sees it. */
public record ListDef(String name, List<String> items, Position position) {
    public ListDef {
        items = List.copyOf(items);
    }
}
