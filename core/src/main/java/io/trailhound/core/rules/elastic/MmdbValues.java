package io.trailhound.core.rules.elastic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Typed reads of a decoded MaxMind record (nested maps and lists): a missing key or a value of
 * another type reads as absent, because a third-party database may leave out or vary any part.
 */
final class MmdbValues {
    private MmdbValues() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> rec, String key) {
        Object v = rec.get(key);
        return v instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> maps(Map<String, Object> rec, String key) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (rec.get(key) instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> m) {
                    out.add((Map<String, Object>) m);
                }
            }
        }
        return out;
    }

    static String text(Map<String, Object> rec, String key) {
        return rec.get(key) instanceof String s && !s.isEmpty() ? s : null;
    }

    static Double number(Map<String, Object> rec, String key) {
        return rec.get(key) instanceof Number n ? n.doubleValue() : null;
    }

    /** {@code names.en}: Elasticsearch asks MaxMind's records for English names. */
    static String englishName(Map<String, Object> rec) {
        return text(map(rec, "names"), "en");
    }
}
