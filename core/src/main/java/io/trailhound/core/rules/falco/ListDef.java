package io.trailhound.core.rules.falco;

import io.trailhound.core.rules.load.Position;
import java.util.List;

/** A list after append/override, as the compiler sees it. */
record ListDef(String name, List<String> items, Position position) {
    public ListDef {
        items = List.copyOf(items);
    }
}
