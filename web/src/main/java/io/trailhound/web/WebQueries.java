package io.trailhound.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailhound.store.StoreQueries;
import io.trailhound.store.StoreReader.Rows;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The only SQL the web UI adds to the store's own queries (who, timeline, search are
 * {@link StoreQueries}'): alert filters and counts over the {@code alerts} table (pages are
 * {@link AlertPager}'s), an origin's activity
 * by time bucket over {@code event_view}, and the ingest log and quarantine. Kept in one class so
 * a change of the store's layout (an {@code alert_view} with current origins, say) is made here.
 */
final class WebQueries {
    /** The alert columns a page needs; {@code json} is the line {@code scan --format ndjson} printed. */
    static final String ALERT_COLUMNS = "id, eventID, epoch_us(time) AS timeMicros, ruleId, ruleName, format, severity, "
            + "priority, output, eventName, recipientAccountId, originType, originLabel, confidence, json";

    private WebQueries() {
    }

    /** One stored alert. */
    record AlertRow(String id, String eventID, long timeMicros, String ruleId, String ruleName, String format, String severity,
                    String priority, String output, String eventName, String account, String originType, String originLabel,
                    String confidence, String json) {
        long timeMillis() {
            return Math.floorDiv(timeMicros, 1000L);
        }
    }

    record Count(String key, long count) {
    }

    /** Alerts that match, counted by {@code column} (ruleName, severity, format), largest first. */
    static List<Count> alertCounts(StoreQueries store, AlertFilter f, String column) {
        if (!List.of("ruleName", "severity", "format", "recipientAccountId").contains(column)) {
            throw new IllegalArgumentException(column);
        }
        Where w = where(f);
        return counts(store, "SELECT " + column + " AS k, count(*) AS n FROM alerts" + w.sql + " GROUP BY 1 ORDER BY n DESC, 1 "
                + "LIMIT 200", w.args);
    }

    static AlertRow alert(StoreQueries store, String id) {
        Rows rs = query(store, "SELECT " + ALERT_COLUMNS + " FROM alerts WHERE id = ?", List.of(id));
        return rs.rows().isEmpty() ? null : alert(rs, rs.rows().get(0));
    }

    /** The alerts on events of one origin, oldest first (the timeline marks them). */
    static List<AlertRow> alertsOfOrigin(StoreQueries store, String origin, Instant from, Instant to, int limit) {
        AlertFilter f = new AlertFilter(List.of(), null, null, null, origin, from, to, null);
        Where w = where(f);
        List<Object> args = new ArrayList<>(w.args);
        args.add(limit);
        return alerts(query(store, "SELECT " + ALERT_COLUMNS + " FROM alerts" + w.sql + " ORDER BY time, id LIMIT ?", args));
    }

    /** The raw record of a stored event, or null. */
    static String rawEvent(StoreQueries store, String eventID) {
        Rows rs = query(store, "SELECT raw FROM events WHERE eventID = ? LIMIT 1", List.of(eventID));
        return rs.rows().isEmpty() ? null : rs.string(rs.rows().get(0), "raw");
    }

    /** An origin's events between {@code from} and {@code to} (null: open), counted per bucket. */
    record Activity(long total, long firstMillis, long lastMillis, long bucketMillis, List<long[]> buckets) {
    }

    static Activity activity(StoreQueries store, String origin, Instant from, Instant to, int maxBuckets) {
        List<Object> args = new ArrayList<>();
        String where = " WHERE originLabel = ?" + range("eventTime", from, to, args, origin);
        Rows span = query(store, "SELECT count(*) AS n, epoch_ms(min(eventTime)) AS first, epoch_ms(max(eventTime)) AS last "
                + "FROM event_view" + where, args);
        List<Object> row = span.rows().get(0);
        long total = span.number(row, "n");
        if (total == 0) {
            return new Activity(0, 0, 0, 0, List.of());
        }
        long first = span.number(row, "first");
        long last = span.number(row, "last");
        long bucket = bucketFor(last - first, maxBuckets);
        long start = first - Math.floorMod(first, bucket);
        List<Object> a = new ArrayList<>();
        a.add(start);
        a.add(bucket);
        a.addAll(args);
        List<long[]> buckets = new ArrayList<>();
        Rows rs = query(store, "SELECT (epoch_ms(eventTime) - ?) // ? AS b, count(*) AS n FROM event_view"
                + where + " GROUP BY b ORDER BY b", a);
        for (List<Object> r : rs.rows()) {
            buckets.add(new long[] {start + rs.number(r, "b") * bucket, rs.number(r, "n")});
        }
        return new Activity(total, first, last, bucket, buckets);
    }

    /** A round bucket (1 min, 5 min, 15 min, 1 h, 6 h, 1 day, ...) giving at most {@code max} buckets. */
    static long bucketFor(long spanMillis, int max) {
        long[] steps = {60_000L, 300_000L, 900_000L, 3_600_000L, 21_600_000L, 86_400_000L, 7 * 86_400_000L};
        for (long s : steps) {
            if (spanMillis / s < max) {
                return s;
            }
        }
        long week = steps[steps.length - 1];
        return (spanMillis / (max * week) + 1) * week;
    }

    /** The files read, newest first, at most {@code limit}. */
    record IngestedFile(String path, long size, long records, long quarantined, long ingestedAtMillis) {
    }

    static List<IngestedFile> files(StoreQueries store, int limit) {
        List<IngestedFile> out = new ArrayList<>();
        Rows rs = query(store, "SELECT path, size, records, quarantined, epoch_ms(ingestedAt) AS at FROM ingest_log "
                + "ORDER BY ingestedAt DESC, path LIMIT ?", List.of(limit));
        for (List<Object> r : rs.rows()) {
            out.add(new IngestedFile(rs.string(r, "path"), zero(rs.number(r, "size")), zero(rs.number(r, "records")),
                    zero(rs.number(r, "quarantined")), rs.number(r, "at")));
        }
        return out;
    }

    /** The last run: when, how many files, records and quarantined records it logged. */
    static Map<String, Object> lastRun(StoreQueries store) {
        Map<String, Object> out = new LinkedHashMap<>();
        Rows rs = query(store, "SELECT epoch_ms(ingestedAt) AS at, count(*) AS files, sum(records) AS records, "
                + "sum(quarantined) AS quarantined FROM ingest_log WHERE ingestedAt = (SELECT max(ingestedAt) FROM ingest_log) "
                + "GROUP BY 1", List.of());
        if (!rs.rows().isEmpty()) {
            List<Object> r = rs.rows().get(0);
            out.put("at", Instant.ofEpochMilli(rs.number(r, "at")).toString());
            out.put("files", zero(rs.number(r, "files")));
            out.put("records", zero(rs.number(r, "records")));
            out.put("quarantined", zero(rs.number(r, "quarantined")));
        }
        return out;
    }

    static List<Count> quarantineByReason(StoreQueries store) {
        return counts(store, "SELECT reason AS k, count(*) AS n FROM quarantine GROUP BY 1 ORDER BY n DESC, 1", List.of());
    }

    /** One quarantined record, without the record itself (it may be large). */
    record Quarantined(String reason, String source, long byteOffset, long line, String detail, long atMillis) {
    }

    static List<Quarantined> quarantine(StoreQueries store, int limit) {
        List<Quarantined> out = new ArrayList<>();
        Rows rs = query(store, "SELECT reason, source, byteOffset, line, detail, epoch_ms(quarantinedAt) AS at "
                + "FROM quarantine ORDER BY quarantinedAt DESC, source, byteOffset LIMIT ?", List.of(limit));
        for (List<Object> r : rs.rows()) {
            out.add(new Quarantined(rs.string(r, "reason"), rs.string(r, "source"), zero(rs.number(r, "byteOffset")),
                    zero(rs.number(r, "line")), rs.string(r, "detail"), rs.number(r, "at")));
        }
        return out;
    }

    // ---------------------------------------------------------------- helpers

    /** A WHERE clause with its arguments. */
    record Where(String sql, List<Object> args) {
        /** This clause {@code AND} more ({@code sql} starts with " AND"), with its arguments. */
        Where and(String sql, Object... more) {
            List<Object> all = new ArrayList<>(args);
            all.addAll(List.of(more));
            return new Where(this.sql + sql, all);
        }
    }

    static Where where(AlertFilter f) {
        StringBuilder sql = new StringBuilder(" WHERE true");
        List<Object> args = new ArrayList<>();
        if (!f.severities().isEmpty()) {
            sql.append(" AND severity IN (").append("?,".repeat(f.severities().size() - 1)).append("?)");
            args.addAll(f.severities());
        }
        if (f.rule() != null) {
            sql.append(" AND (ruleName = ? OR ruleId = ?)");
            args.add(f.rule());
            args.add(f.rule());
        }
        eq(sql, args, "format", f.format());
        eq(sql, args, "recipientAccountId", f.account());
        eq(sql, args, "originLabel", f.origin());
        sql.append(range("time", f.from(), f.to(), args, null));
        if (f.text() != null) {
            // contains() on lower-cased text: a literal match, no LIKE wildcards to escape (measured faster than
            // ILIKE with escapes on a million alerts, and than one lower-cased column kept by the store: DuckDB
            // runs contains() once per distinct value of a dictionary-compressed column, and that column,
            // joining three fields, compressed as FSST and was read row by row)
            sql.append(" AND (contains(lower(output), lower(?)) OR contains(lower(ruleName), lower(?)) "
                    + "OR contains(lower(coalesce(originLabel, '')), lower(?)))");
            args.add(f.text());
            args.add(f.text());
            args.add(f.text());
        }
        return new Where(sql.toString(), args);
    }

    private static void eq(StringBuilder sql, List<Object> args, String column, String value) {
        if (value != null) {
            sql.append(" AND ").append(column).append(" = ?");
            args.add(value);
        }
    }

    /** {@code AND column >= from AND column < to}; {@code first} (when not null) is added to the arguments before them. */
    private static String range(String column, Instant from, Instant to, List<Object> args, Object first) {
        if (first != null) {
            args.add(first);
        }
        StringBuilder sql = new StringBuilder();
        if (from != null) {
            sql.append(" AND ").append(column).append(" >= make_timestamp(?::BIGINT)");
            args.add(from.toEpochMilli() * 1000);
        }
        if (to != null) {
            sql.append(" AND ").append(column).append(" < make_timestamp(?::BIGINT)");
            args.add(to.toEpochMilli() * 1000);
        }
        return sql.toString();
    }

    private static List<Count> counts(StoreQueries store, String sql, List<Object> args) {
        List<Count> out = new ArrayList<>();
        Rows rs = query(store, sql, args);
        for (List<Object> r : rs.rows()) {
            out.add(new Count(rs.string(r, "k"), rs.number(r, "n")));
        }
        return out;
    }

    static List<AlertRow> alerts(Rows rs) {
        List<AlertRow> out = new ArrayList<>(rs.rows().size());
        for (List<Object> r : rs.rows()) {
            out.add(alert(rs, r));
        }
        return out;
    }

    static AlertRow alert(Rows rs, List<Object> r) {
        return new AlertRow(rs.string(r, "id"), rs.string(r, "eventID"), rs.number(r, "timeMicros"), rs.string(r, "ruleId"),
                rs.string(r, "ruleName"), rs.string(r, "format"), rs.string(r, "severity"), rs.string(r, "priority"),
                rs.string(r, "output"), rs.string(r, "eventName"), rs.string(r, "recipientAccountId"),
                rs.string(r, "originType"), rs.string(r, "originLabel"), rs.string(r, "confidence"), rs.string(r, "json"));
    }

    /**
     * The current origin (as the alert JSON's {@code origin} object) of each event named: the store
     * updates an alert's origin columns when its credential's answer improves, but not the JSON line
     * printed when the alert was raised.
     */
    static Map<String, ObjectNode> currentOrigins(StoreQueries store, List<String> eventIDs) {
        Map<String, ObjectNode> out = new java.util.HashMap<>();
        if (eventIDs.isEmpty()) {
            return out;
        }
        String marks = String.join(", ", java.util.Collections.nCopies(eventIDs.size(), "?"));
        Rows rs = query(store, "SELECT eventID, originType, originArn, originName, originProvider, originAccount, confidence, "
                + "reason FROM event_view WHERE eventID IN (" + marks + ")", List.copyOf(eventIDs));
        for (List<Object> r : rs.rows()) {
            String confidence = rs.string(r, "confidence");
            out.put(rs.string(r, "eventID"), io.trailhound.store.StoredJson.origin(rs.string(r, "originType"),
                    rs.string(r, "originArn"), rs.string(r, "originName"), rs.string(r, "originProvider"),
                    rs.string(r, "originAccount"), confidence == null ? "unknown" : confidence, rs.string(r, "reason")));
        }
        return out;
    }

    /** Runs one SELECT through the store's reader (this process's read-only connection, or the writer's socket). */
    static Rows query(StoreQueries store, String sql, List<Object> args) {
        return store.reader().query(sql, args);
    }

    private static long zero(Long n) {
        return n == null ? 0 : n;
    }
}
