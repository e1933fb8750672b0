package io.trailhound.core.rules.falco.compile;

import io.trailhound.core.rules.falco.load.ListDef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Inlines lists named inside lists: an item that is the name of a list defined earlier becomes that
 * list's items (Falco's list visibility, so a list cannot include itself or a later one).
 */
public final class ListResolver {
    private ListResolver() {
    }

    /** Name → items with nested list names replaced, in definition order. */
    public static Map<String, List<String>> resolve(Map<String, ListDef> lists) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (ListDef l : lists.values()) {
            List<String> items = new ArrayList<>();
            for (String item : l.items()) {
                List<String> earlier = out.get(item);
                if (earlier != null) {
                    items.addAll(earlier);
                } else {
                    items.add(item);
                }
            }
            out.put(l.name(), items);
        }
        return out;
    }
}
