package io.trailhound.web;

import io.trailhound.store.EventStore;
import io.trailhound.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The only SQL the web UI adds to the store's own queries (who, timeline, search are
 * {@link EventStore}'s): alert filters and counts over the {@code alerts} table (pages are
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
    static List<Count> alertCounts(EventStore store, AlertFilter f, String column) {
        if (!List.of("ruleName", "severity", "format", "recipientAccountId").contains(column)) {
            throw new IllegalArgumentException(column);
        }
        Where w = where(f);
        return counts(store, "SELECT " + column + ", count(*) AS n FROM alerts" + w.sql + " GROUP BY 1 ORDER BY n DESC, 1 LIMIT 200",
                w.args);
    }

    static AlertRow alert(EventStore store, String id) {
        try (PreparedStatement ps = prepare(store, "SELECT " + ALERT_COLUMNS + " FROM alerts WHERE id = ?", List.of(id));
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? alert(rs) : null;
        } catch (SQLException e) {
            throw fail("read an alert", e);
        }
    }

    /** The alerts on events of one origin, oldest first (the timeline marks them). */
    static List<AlertRow> alertsOfOrigin(EventStore store, String origin, Instant from, Instant to, int limit) {
        AlertFilter f = new AlertFilter(List.of(), null, null, null, origin, from, to, null);
        Where w = where(f);
        List<Object> args = new ArrayList<>(w.args);
        args.add(limit);
        List<AlertRow> rows = new ArrayList<>();
        try (PreparedStatement ps = prepare(store, "SELECT " + ALERT_COLUMNS + " FROM alerts" + w.sql
                + " ORDER BY time, id LIMIT ?", args); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(alert(rs));
            }
            return rows;
        } catch (SQLException e) {
            throw fail("read the alerts of an origin", e);
        }
    }

    /** The raw record of a stored event, or null. */
    static String rawEvent(EventStore store, String eventID) {
        try (PreparedStatement ps = prepare(store, "SELECT raw FROM events WHERE eventID = ?", List.of(eventID));
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw fail("read an event", e);
        }
    }

    /** An origin's events between {@code from} and {@code to} (null: open), counted per bucket. */
    record Activity(long total, long firstMillis, long lastMillis, long bucketMillis, List<long[]> buckets) {
    }

    static Activity activity(EventStore store, String origin, Instant from, Instant to, int maxBuckets) {
        List<Object> args = new ArrayList<>();
        String where = " WHERE originLabel = ?" + range("eventTime", from, to, args, origin);
        try {
            long total, first, last;
            try (PreparedStatement ps = prepare(store, "SELECT count(*), epoch_ms(min(eventTime)), epoch_ms(max(eventTime)) "
                    + "FROM event_view" + where, args); ResultSet rs = ps.executeQuery()) {
                rs.next();
                total = rs.getLong(1);
                first = rs.getLong(2);
                last = rs.getLong(3);
            }
            if (total == 0) {
                return new Activity(0, 0, 0, 0, List.of());
            }
            long bucket = bucketFor(last - first, maxBuckets);
            long start = first - Math.floorMod(first, bucket);
            List<Object> a = new ArrayList<>();
            a.add(start);
            a.add(bucket);
            a.addAll(args);
            List<long[]> buckets = new ArrayList<>();
            try (PreparedStatement ps = prepare(store, "SELECT (epoch_ms(eventTime) - ?) // ? AS b, count(*) FROM event_view"
                    + where + " GROUP BY b ORDER BY b", a); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    buckets.add(new long[] {start + rs.getLong(1) * bucket, rs.getLong(2)});
                }
            }
            return new Activity(total, first, last, bucket, buckets);
        } catch (SQLException e) {
            throw fail("count an origin's activity", e);
        }
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

    static List<IngestedFile> files(EventStore store, int limit) {
        List<IngestedFile> out = new ArrayList<>();
        try (PreparedStatement ps = prepare(store, "SELECT path, size, records, quarantined, epoch_ms(ingestedAt) FROM ingest_log "
                + "ORDER BY ingestedAt DESC, path LIMIT ?", List.of(limit)); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new IngestedFile(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)));
            }
            return out;
        } catch (SQLException e) {
            throw fail("read the ingest log", e);
        }
    }

    /** The last run: when, how many files, records and quarantined records it logged. */
    static Map<String, Object> lastRun(EventStore store) {
        Map<String, Object> out = new LinkedHashMap<>();
        try (PreparedStatement ps = prepare(store, "SELECT epoch_ms(ingestedAt), count(*), sum(records), sum(quarantined) "
                + "FROM ingest_log WHERE ingestedAt = (SELECT max(ingestedAt) FROM ingest_log) GROUP BY 1", List.of());
             ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
                out.put("at", Instant.ofEpochMilli(rs.getLong(1)).toString());
                out.put("files", rs.getLong(2));
                out.put("records", rs.getLong(3));
                out.put("quarantined", rs.getLong(4));
            }
            return out;
        } catch (SQLException e) {
            throw fail("read the ingest log", e);
        }
    }

    static List<Count> quarantineByReason(EventStore store) {
        return counts(store, "SELECT reason, count(*) AS n FROM quarantine GROUP BY 1 ORDER BY n DESC, 1", List.of());
    }

    /** One quarantined record, without the record itself (it may be large). */
    record Quarantined(String reason, String source, long byteOffset, long line, String detail, long atMillis) {
    }

    static List<Quarantined> quarantine(EventStore store, int limit) {
        List<Quarantined> out = new ArrayList<>();
        try (PreparedStatement ps = prepare(store, "SELECT reason, source, byteOffset, line, detail, epoch_ms(quarantinedAt) "
                + "FROM quarantine ORDER BY quarantinedAt DESC, source, byteOffset LIMIT ?", List.of(limit));
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Quarantined(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getString(5),
                        rs.getLong(6)));
            }
            return out;
        } catch (SQLException e) {
            throw fail("read the quarantine", e);
        }
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

    private static List<Count> counts(EventStore store, String sql, List<Object> args) {
        List<Count> out = new ArrayList<>();
        try (PreparedStatement ps = prepare(store, sql, args); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Count(rs.getString(1), rs.getLong(2)));
            }
            return out;
        } catch (SQLException e) {
            throw fail("count", e);
        }
    }

    static AlertRow alert(ResultSet rs) throws SQLException {
        return new AlertRow(rs.getString("id"), rs.getString("eventID"), rs.getLong("timeMicros"), rs.getString("ruleId"),
                rs.getString("ruleName"), rs.getString("format"), rs.getString("severity"), rs.getString("priority"),
                rs.getString("output"), rs.getString("eventName"), rs.getString("recipientAccountId"),
                rs.getString("originType"), rs.getString("originLabel"), rs.getString("confidence"), rs.getString("json"));
    }

    /**
     * The current origin (as the alert JSON's {@code origin} object) of each event named: the store
     * updates an alert's origin columns when its credential's answer improves, but not the JSON line
     * printed when the alert was raised.
     */
    static java.util.Map<String, com.fasterxml.jackson.databind.node.ObjectNode> currentOrigins(EventStore store,
                                                                                             List<String> eventIDs) {
        java.util.Map<String, com.fasterxml.jackson.databind.node.ObjectNode> out = new java.util.HashMap<>();
        if (eventIDs.isEmpty()) {
            return out;
        }
        String marks = String.join(", ", java.util.Collections.nCopies(eventIDs.size(), "?"));
        try (PreparedStatement ps = prepare(store, "SELECT eventID, originType, originArn, originName, originProvider, "
                + "originAccount, confidence, reason FROM event_view WHERE eventID IN (" + marks + ")", List.copyOf(eventIDs));
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), io.trailhound.store.StoredJson.origin(rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7) == null ? "unknown" : rs.getString(7), rs.getString(8)));
            }
        } catch (SQLException e) {
            throw fail("read the current origins of alerts", e);
        }
        return out;
    }

    static PreparedStatement prepare(EventStore store, String sql, List<Object> args) throws SQLException {
        Connection c = store.db().connection();
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < args.size(); i++) {
            ps.setObject(i + 1, args.get(i));
        }
        return ps;
    }

    static StoreException fail(String what, SQLException e) {
        return new StoreException("cannot " + what + ": " + e.getMessage(), e);
    }
}
