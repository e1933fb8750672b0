package io.trailhound.core.rules.falco;

import io.trailhound.core.rules.load.RuleLimits;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Inlines lists named inside lists: an item that is the name of a list defined earlier becomes that
 * list's items (Falco's list visibility, so a list cannot include itself or a later one). A list
 * that would grow past {@link RuleLimits#MAX_LIST_ITEMS} (two copies of the list before it, 40
 * deep, is 2^40 items) fails, and so does every list that names a failed one.
 */
final class ListResolver {
    private ListResolver() {
    }

    /**
     * @param items  name → items with nested list names replaced, in definition order (empty for a failed list)
     * @param failed name → why, for the lists that failed; a condition using one must fail
     */
    public record Resolved(Map<String, List<String>> items, Map<String, String> failed) {
    }

    public static Resolved resolve(Map<String, ListDef> lists) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        Map<String, String> failed = new LinkedHashMap<>();
        for (ListDef l : lists.values()) {
            String why = null;
            List<String> items = new ArrayList<>();
            for (String item : l.items()) {
                List<String> earlier = out.get(item);
                if (failed.containsKey(item)) {
                    why = "it includes list '" + item + "', which failed";
                } else if (earlier != null && items.size() + (long) earlier.size() <= RuleLimits.MAX_LIST_ITEMS) {
                    items.addAll(earlier);
                } else if (earlier == null && items.size() < RuleLimits.MAX_LIST_ITEMS) {
                    items.add(item);
                } else {
                    why = "it has more than " + RuleLimits.MAX_LIST_ITEMS + " items once the lists it names are inlined";
                }
                if (why != null) {
                    break;
                }
            }
            if (why != null) {
                failed.put(l.name(), why);
                items = List.of();
            }
            out.put(l.name(), items);
        }
        return new Resolved(out, failed);
    }
}
