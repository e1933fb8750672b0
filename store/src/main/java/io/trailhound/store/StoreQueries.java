package io.trailhound.store;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailhound.core.identity.IssuanceKind;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The questions readers ask a store ({@code who}, {@code timeline}, {@code search}), as SQL run
 * through a {@link StoreReader}: the same answers whether the store is opened read-only here or a
 * writer (a long scan, {@code watch}) answers them beside its writes.
 */
public final class StoreQueries implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern ACCESS_KEY = Pattern.compile("^(ASIA|AKIA|ABIA|ACCA)[A-Z0-9]{8,}$");
    static final String EVENT_COLUMNS = "eventID, epoch_ms(eventTime) AS eventTimeMillis, eventSource, eventName, "
            + "awsRegion, sourceIPAddress, userAgent, errorCode, recipientAccountId, identityType, identityArn, accessKeyId, "
            + "sessionIssuerArn, originType, originArn, originName, originProvider, originAccount, confidence, reason";

    private final StoreReader reader;

    public StoreQueries(StoreReader reader) {
        this.reader = reader;
    }

    /**
     * Queries on the store at {@code location}: through the process writing it when one is (it
     * answers on its socket, with every batch it committed), else on a read-only connection.
     */
    public static StoreQueries open(String location) {
        return new StoreQueries(reader(location));
    }

    /** A reader of the store at {@code location} (see {@link #open}); for callers with SQL of their own, e.g. the web UI. */
    public static StoreReader reader(String location) {
        if (!EventStore.MEMORY.equals(location)) {
            SocketReader viaWriter = SocketReader.connect(Path.of(location));
            if (viaWriter != null) {
                return viaWriter;
            }
        }
        EventStore s = EventStore.open(location, true);
        return new LocalReader(s.db().connection(), s.location(), s);
    }

    public StoreReader reader() {
        return reader;
    }

    /**
     * Who is behind {@code query}: an access key (the latest stored event signed with it, or, for
     * a key issued but never used, its issuance), an eventID, or an identity ARN such as an
     * assumed-role session ARN (the latest event that acted as it). Empty when nothing matches.
     */
    public Optional<WhoAnswer> who(String query) {
        String q = query.strip();
        String column;
        String matchedBy;
        if (ACCESS_KEY.matcher(q).matches()) {
            column = "accessKeyId";
            matchedBy = "accessKeyId";
        } else if (q.startsWith("arn:")) {
            column = "identityArn";
            matchedBy = "arn";
        } else {
            column = "eventID";
            matchedBy = "eventID";
        }
        StoreReader.Rows count = reader.query("SELECT count(*) AS n FROM events WHERE " + column + " = ?", List.of(q));
        long n = count.number(count.rows().get(0), "n");
        if (n == 0) {
            return "accessKeyId".equals(column) ? unusedKey(q) : Optional.empty();
        }
        StoreReader.Rows latestRows = reader.query("SELECT " + EVENT_COLUMNS + ", NULL AS raw, chain, anomalies FROM event_view "
                + "WHERE " + column + " = ? ORDER BY eventTime DESC, eventID DESC LIMIT 1", List.of(q));
        if (latestRows.rows().isEmpty()) {
            return Optional.empty(); // pruned between the two queries
        }
        List<Object> row = latestRows.rows().get(0);
        StoredEvent e = event(latestRows, row, false);
        WhoAnswer latest = new WhoAnswer(q, matchedBy, n, e, e.originType(), e.originArn(), e.originName(), e.originProvider(),
                e.originAccount(), e.confidence() == null ? "unknown" : e.confidence(),
                e.confidence() == null ? "the event has no attribution in the store" : e.reason(),
                hops(latestRows.string(row, "chain")), strings(latestRows.string(row, "anomalies")), List.of());
        List<WhoAnswer.OriginCount> origins = new ArrayList<>();
        if (n > 1) {
            StoreReader.Rows o = reader.query("SELECT originType, originLabel, confidence, count(*) AS n FROM event_view WHERE "
                    + column + " = ? GROUP BY ALL ORDER BY n DESC, originLabel LIMIT 20", List.of(q));
            for (List<Object> r : o.rows()) {
                origins.add(new WhoAnswer.OriginCount(o.string(r, "originType"), o.string(r, "originLabel"),
                        o.string(r, "confidence"), o.number(r, "n")));
            }
        }
        return Optional.of(origins.size() <= 1 ? latest : new WhoAnswer(latest.query(), latest.matchedBy(), latest.events(),
                latest.event(), latest.originType(), latest.originArn(), latest.originName(), latest.originProvider(),
                latest.originAccount(), latest.confidence(), latest.reason(), latest.chain(), latest.anomalies(), origins));
    }

    /** A key issued but not used in the stored events: its issuance, then who made the issuing call. */
    private Optional<WhoAnswer> unusedKey(String key) {
        StoreReader.Rows r = reader.query("SELECT sessionArn, eventID, kind, recordAccount, issuedAtMillis FROM issuances "
                + "WHERE accessKeyId = ?", List.of(key));
        if (r.rows().isEmpty()) {
            return Optional.empty();
        }
        List<Object> row = r.rows().get(0);
        String issuingEvent = r.string(row, "eventID");
        List<WhoAnswer.ChainHop> chain = new ArrayList<>();
        chain.add(new WhoAnswer.ChainHop(r.string(row, "sessionArn"), key, issuingEvent,
                IssuanceKind.valueOf(r.string(row, "kind")).eventName(), Instant.ofEpochMilli(r.number(row, "issuedAtMillis")),
                r.string(row, "recordAccount"), "key"));
        Optional<WhoAnswer> caller = issuingEvent == null ? Optional.empty() : who(issuingEvent);
        if (caller.isEmpty()) {
            return Optional.of(new WhoAnswer(key, "accessKeyId", 0, null, null, null, null, null, null, "unknown",
                    "the key was issued (event " + issuingEvent + ") but the issuing event is not in the store", chain,
                    List.of(), List.of()));
        }
        WhoAnswer w = caller.get();
        chain.addAll(w.chain());
        return Optional.of(new WhoAnswer(key, "accessKeyId", 0, null, w.originType(), w.originArn(), w.originName(),
                w.originProvider(), w.originAccount(), w.confidence(), w.reason(), chain, w.anomalies(), List.of()));
    }

    /** The tables a reader sees counted, as {@link EventStore#counts} says. */
    public java.util.Map<String, Long> counts() {
        java.util.Map<String, Long> out = new java.util.LinkedHashMap<>();
        for (String t : EventStore.COUNTED) {
            // Attributions: events whose credential has its row (every event's answer is its credential's).
            StoreReader.Rows r = reader.query(t.equals("attributions")
                    ? "SELECT count(*) AS n FROM events e JOIN credentials c ON c.credentialId = e.credentialId"
                    : "SELECT count(*) AS n FROM " + t, List.of());
            out.put(t, r.number(r.rows().get(0), "n"));
        }
        return out;
    }

    /**
     * The events in the store: the catalog's row counts of its files (each counted when it was
     * listed), not a join over every event as {@code attributions} is, nor the files' footers (a
     * read of every file, at the end of every {@code scan --db}).
     */
    public long eventCount() {
        StoreReader.Rows r = reader.query("SELECT coalesce(sum(rows), 0)::BIGINT AS n FROM event_files", List.of());
        return r.number(r.rows().get(0), "n");
    }

    /** The events whose origin is {@code origin} (its ARN or name), in time order, across roles and accounts. */
    public long timeline(String origin, Instant from, Instant to, Long limit, Consumer<StoredEvent> out) {
        return search(SearchFilter.all().withOrigin(origin).between(from, to).withLimit(limit), out);
    }

    /**
     * The events that match {@code f}, in time order, to {@code out}; returns how many. The
     * {@code where} fragment is SQL over the {@code event_view} view (columns: see the schema); the
     * whole query must stay one SELECT.
     */
    public long search(SearchFilter f, Consumer<StoredEvent> out) {
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT ").append(EVENT_COLUMNS).append(f.withRaw() ? ", raw" : ", NULL AS raw")
                .append(" FROM event_view WHERE ").append(conditions(f, args));
        sql.append(" ORDER BY eventTime, eventID");
        if (f.limit() != null) {
            sql.append(" LIMIT ").append(Math.max(0, f.limit()));
        }
        try {
            // Row by row: a search of every event is never held whole (on this process's connection).
            return reader.forEach(sql.toString(), args, (columns, r) -> out.accept(event(columns, r, f.withRaw())));
        } catch (StoreException e) {
            throw new StoreException(e.getMessage().replaceFirst("^the query failed", "the search failed"), e);
        }
    }

    /**
     * The conditions of {@code f} over {@code event_view} as SQL (its field filters bound as
     * {@code ?} parameters, appended to {@code args}): what {@link #search} and the exports share.
     */
    static String conditions(SearchFilter f, List<Object> args) {
        StringBuilder sql = new StringBuilder("true");
        if (f.where() != null && !f.where().isBlank()) {
            sql.append(" AND (").append(f.where()).append("\n)");
        }
        add(sql, args, "eventName = ?", f.eventName());
        add(sql, args, "eventSource = ?", f.eventSource());
        add(sql, args, "recipientAccountId = ?", f.account());
        add(sql, args, "originLabel = ?", f.origin());
        add(sql, args, "identityArn = ?", f.identityArn());
        if (f.from() != null) {
            sql.append(" AND eventTime >= make_timestamp(?::BIGINT)");
            args.add(f.from().toEpochMilli() * 1000);
        }
        if (f.to() != null) {
            sql.append(" AND eventTime < make_timestamp(?::BIGINT)");
            args.add(f.to().toEpochMilli() * 1000);
        }
        return sql.toString();
    }

    private static void add(StringBuilder sql, List<Object> args, String cond, String value) {
        if (value != null) {
            sql.append(" AND ").append(cond);
            args.add(value);
        }
    }

    private static StoredEvent event(StoreReader.Rows rs, List<Object> r, boolean raw) {
        return new StoredEvent(rs.string(r, "eventID"), Instant.ofEpochMilli(rs.number(r, "eventTimeMillis")),
                rs.string(r, "eventSource"), rs.string(r, "eventName"), rs.string(r, "awsRegion"),
                rs.string(r, "sourceIPAddress"), rs.string(r, "userAgent"), rs.string(r, "errorCode"),
                rs.string(r, "recipientAccountId"), rs.string(r, "identityType"), rs.string(r, "identityArn"),
                rs.string(r, "accessKeyId"), rs.string(r, "sessionIssuerArn"), rs.string(r, "originType"),
                rs.string(r, "originArn"), rs.string(r, "originName"), rs.string(r, "originProvider"),
                rs.string(r, "originAccount"), rs.string(r, "confidence"), rs.string(r, "reason"),
                raw ? rs.string(r, "raw") : null);
    }

    /** A stored chain (a JSON array of hop objects), read with the streaming parser: exports read one per event. */
    static List<WhoAnswer.ChainHop> hops(String json) {
        if (json == null || json.equals("[]")) {
            return List.of();
        }
        try (JsonParser p = MAPPER.getFactory().createParser(json)) {
            List<WhoAnswer.ChainHop> out = new ArrayList<>(2);
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new IOException("not an array");
            }
            while (p.nextToken() == JsonToken.START_OBJECT) {
                String arn = null, key = null, eventID = null, eventName = null, time = null, account = null, linkedBy = null;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken v = p.nextToken();
                    if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
                        p.skipChildren();
                        continue;
                    }
                    String text = v == JsonToken.VALUE_NULL ? null : p.getText();
                    switch (name) {
                        case "arn" -> arn = text;
                        case "accessKeyId" -> key = text;
                        case "eventID" -> eventID = text;
                        case "eventName" -> eventName = text;
                        case "time" -> time = text;
                        case "account" -> account = text;
                        case "linkedBy" -> linkedBy = text;
                        default -> { }
                    }
                }
                out.add(new WhoAnswer.ChainHop(arn, key, eventID, eventName, time == null ? null : Instant.parse(time),
                        account, linkedBy));
            }
            return out;
        } catch (IOException | java.time.format.DateTimeParseException e) {
            throw new StoreException("a stored chain is not valid JSON: " + e.getMessage(), e);
        }
    }

    private static List<String> strings(String json) {
        if (json == null || json.equals("[]")) {
            return List.of();
        }
        try {
            List<String> out = new ArrayList<>();
            MAPPER.readTree(json).forEach(n -> out.add(n.asText()));
            return out;
        } catch (IOException e) {
            throw new StoreException("stored anomalies are not valid JSON: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        reader.close();
    }
}
