package io.trailhound.core.rules.elastic;

import java.util.List;

/** The accessor value convention: null when empty, the String for one value, the list otherwise. */
final class EcsValues {
    private EcsValues() {
    }

    static Object of(List<String> values) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        return values.size() == 1 ? values.get(0) : List.copyOf(values);
    }
}
