package io.trailhound.core.rules.esql;

import java.util.Set;

/**
 * The ECS fields that Elastic maps as something other than a keyword and that ES|QL therefore
 * compares as dates or numbers ({@code @timestamp >= NOW() - 7 days}, {@code risk_score >= 47}).
 * Every other field is a keyword (or an ip, which compares as its text).
 */
final class FieldTypes {
    private static final Set<String> DATES = Set.of("@timestamp", "event.ingested", "event.created", "event.start",
            "event.end", "aws.cloudtrail.user_identity.session_context.creation_date", "kibana.alert.original_time");
    private static final Set<String> NUMBERS = Set.of("source.as.number", "destination.as.number", "process.pid",
            "process.parent.pid", "kibana.alert.risk_score", "event.risk_score", "event.severity", "source.port",
            "destination.port");

    private FieldTypes() {
    }

    /** The field's value (as the ECS accessor gives it) as ES|QL types it. */
    static Object typed(String field, Object value) {
        if (value == null) {
            return null;
        }
        if (DATES.contains(field)) {
            return map(value, EsqlValues::toDate);
        }
        if (NUMBERS.contains(field)) {
            return map(value, v -> v instanceof String s ? EsqlValues.toNumber(s) : v);
        }
        return value;
    }

    static boolean typed(String field) {
        return DATES.contains(field) || NUMBERS.contains(field);
    }

    private static Object map(Object v, java.util.function.Function<Object, Object> f) {
        if (v instanceof java.util.List<?> l) {
            java.util.List<Object> out = new java.util.ArrayList<>(l.size());
            for (Object o : l) {
                Object x = f.apply(o);
                if (x != null) {
                    out.add(x);
                }
            }
            return EsqlValues.multi(out);
        }
        return f.apply(v);
    }
}
