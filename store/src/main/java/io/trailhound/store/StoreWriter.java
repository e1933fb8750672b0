package io.trailhound.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.event.SourcePosition;
import io.trailhound.core.event.UserIdentity;
import io.trailhound.core.identity.Attribution;
import io.trailhound.core.identity.Caller;
import io.trailhound.core.identity.Hop;
import io.trailhound.core.identity.Issuance;
import io.trailhound.core.identity.Origin;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * One run's writes. Rows go through DuckDB appenders into private staging tables (bulk, no
 * row-by-row INSERT); {@link #commit()} moves them into the store in one transaction, keeping only
 * events (and attributions) whose eventID the store does not have yet, so a reader sees the whole
 * run or none of it and ingest is idempotent by eventID. Single-threaded, like the scan's sink.
 */
public final class StoreWriter implements AutoCloseable {
    private static final JsonFactory JSON = new JsonFactory();
    private static final String[] STAGED = {"events", "attributions", "issuances", "switch_roles", "quarantine", "ingest_log",
        "alerts", "new_terms"};

    /** What one commit added. {@code eventsStaged - eventsAdded} were already in the store. */
    public record Committed(long eventsStaged, long eventsAdded, long attributionsAdded, long issuancesWritten,
                            long switchRolesWritten, long quarantineAdded, long filesLogged, long alertsAdded,
                            long termsWritten, double seconds) {
    }

    private final Connection connection;
    private final DuckDBAppender events, attributions, issuances, switchRoles, quarantine, ingestLog, alerts, newTerms;
    private long eventsStaged;
    private boolean done;

    StoreWriter(Connection connection) throws SQLException {
        this.connection = connection;
        try (Statement s = connection.createStatement()) {
            for (String t : STAGED) {
                String select = t.equals("events") ? "SELECT * REPLACE (NULL::BLOB AS raw) FROM events" : "SELECT * FROM " + t;
                s.execute("CREATE OR REPLACE TEMP TABLE stage_" + t + " AS " + select + " LIMIT 0");
            }
        }
        DuckDBConnection dc = connection.unwrap(DuckDBConnection.class);
        events = dc.createAppender("temp", "main", "stage_events");
        attributions = dc.createAppender("temp", "main", "stage_attributions");
        issuances = dc.createAppender("temp", "main", "stage_issuances");
        switchRoles = dc.createAppender("temp", "main", "stage_switch_roles");
        quarantine = dc.createAppender("temp", "main", "stage_quarantine");
        ingestLog = dc.createAppender("temp", "main", "stage_ingest_log");
        alerts = dc.createAppender("temp", "main", "stage_alerts");
        newTerms = dc.createAppender("temp", "main", "stage_new_terms");
    }

    /** The key an event is stored under: its eventID, or where it was read when it has none. */
    public static String idOf(CloudTrailEvent e) {
        if (e.eventID() != null) {
            return e.eventID();
        }
        SourcePosition p = e.position();
        return p == null ? "noid:" + e.eventTimeMillis() + ":" + e.eventName() : "noid:" + p.source() + "@" + p.byteOffset();
    }

    /** Stages an event with its raw bytes (as read by the scan; must be non-null). */
    public void event(CloudTrailEvent e) {
        UserIdentity u = e.userIdentity();
        SourcePosition p = e.position();
        try {
            events.beginRow()
                    .append(idOf(e))
                    .appendEpochMicros(e.eventTimeMillis() * 1000)
                    .append(e.eventSource())
                    .append(e.eventName())
                    .append(e.awsRegion())
                    .append(e.sourceIPAddress())
                    .append(e.userAgent())
                    .append(e.errorCode())
                    .append(e.recipientAccountId())
                    .append(u.type())
                    .append(u.arn())
                    .append(u.accountId())
                    .append(u.accessKeyId())
                    .append(u.sessionIssuer() == null ? null : u.sessionIssuer().arn())
                    .append(p == null ? null : p.source())
                    .append(p == null ? null : (Long) p.byteOffset());
            byte[] raw = e.rawBytes();
            if (raw == null) {
                events.appendNull();
            } else {
                events.append(raw);
            }
            events.endRow();
            eventsStaged++;
        } catch (SQLException x) {
            throw fail("stage an event", x);
        }
    }

    /** Stages an event's attribution (only its key and time are read from the event: it may be a raw-less copy). */
    public void attribution(CloudTrailEvent e, Attribution a) {
        Origin o = a.origin();
        try {
            attributions.beginRow()
                    .append(idOf(e))
                    .appendEpochMicros(e.eventTimeMillis() * 1000)
                    .append(o == null ? null : o.type())
                    .append(o == null ? null : o.arn())
                    .append(o == null ? null : o.name())
                    .append(o == null ? null : o.label())
                    .append(o == null ? null : o.provider())
                    .append(o == null ? null : o.account())
                    .append(a.confidence().jsonName())
                    .append(a.reason())
                    .append(chainJson(a.chain()))
                    .append(stringsJson(a.anomalies()))
                    .endRow();
        } catch (SQLException x) {
            throw fail("stage an attribution", x);
        }
    }

    /** Stages a credential issuance (replaces the stored one with the same key). */
    public void issuance(Issuance i) {
        Caller c = i.caller();
        try {
            issuances.beginRow()
                    .append(i.accessKeyId())
                    .append(i.kind().name())
                    .append(c == null ? null : c.type())
                    .append(c == null ? null : c.arn())
                    .append(c == null ? null : c.principalId())
                    .append(c == null ? null : c.accountId())
                    .append(c == null ? null : c.accessKeyId())
                    .append(c == null ? null : c.userName())
                    .append(c == null ? null : c.invokedBy())
                    .append(c == null ? null : c.sourceIdentity())
                    .append(c == null ? null : c.identityProvider())
                    .append(c == null ? null : c.sessionCreationDate())
                    .append(c != null && c.consoleSession())
                    .append(i.roleArn())
                    .append(i.sessionArn())
                    .append(i.sessionName())
                    .append(i.sourceIdentity())
                    .append(i.subject())
                    .append(i.provider())
                    .append(i.mfa())
                    .append(i.issuedAt())
                    .append(i.expiresAt())
                    .append(i.targetAccount())
                    .append(i.recordAccount())
                    .append(i.eventID())
                    .append(i.sharedEventID())
                    .append(i.requestID())
                    .endRow();
        } catch (SQLException x) {
            throw fail("stage an issuance", x);
        }
    }

    /** Stages a console SwitchRole link: the session {@code sessionArn} started at {@code startMillis} came from {@code fromArn}. */
    public void switchRole(String sessionArn, long startMillis, String fromArn) {
        try {
            switchRoles.beginRow().append(sessionArn).append(startMillis).append(fromArn).endRow();
        } catch (SQLException x) {
            throw fail("stage a SwitchRole link", x);
        }
    }

    /** Stages a quarantine entry. */
    /** Stages a quarantine entry as the scan keeps it. */
    public void quarantine(io.trailhound.core.ingest.BadRecord b, Instant at) {
        quarantine(b.reason().jsonName(), b.position().source(), b.position().byteOffset(), b.position().line(), b.detail(),
                b.content() == null ? null : b.truncated(),
                b.content() == null ? null : new String(b.content(), java.nio.charset.StandardCharsets.UTF_8), at);
    }

    public void quarantine(String reason, String source, long byteOffset, long line, String detail, Boolean truncated,
                           String record, Instant at) {
        try {
            quarantine.beginRow().append(reason).append(source).append(byteOffset).append(line).append(detail)
                    .append(truncated).append(record).appendEpochMicros(at.toEpochMilli() * 1000).endRow();
        } catch (SQLException x) {
            throw fail("stage a quarantine entry", x);
        }
    }

    /** Stages an ingest-log row for a file read whole: its content checksum, path, size and counts. */
    public void ingested(String checksum, String path, long size, long records, long quarantined, Instant at) {
        try {
            ingestLog.beginRow().append(checksum).append(path).append(size).append(records).append(quarantined)
                    .appendEpochMicros(at.toEpochMilli() * 1000).endRow();
        } catch (SQLException x) {
            throw fail("stage an ingest-log row", x);
        }
    }

    /**
     * Stages one alert. Its id (format, rule, event) makes a re-scan of the same logs add nothing;
     * a stateful rule's alert is keyed by the event that completed it.
     */
    public void alert(io.trailhound.core.alert.Alert a, Instant at) {
        alert(a, at, null);
    }

    /** As above, with the alert's JSON line as the host prints it (null: none), kept for the web UI. */
    public void alert(io.trailhound.core.alert.Alert a, Instant at, String json) {
        io.trailhound.core.rules.ir.RuleInfo r = a.rule();
        io.trailhound.core.alert.AlertEvent e = a.event();
        Attribution attr = a.attribution();
        // The event part: its eventID, or where it was read when it has none (never one shared "null").
        String where = e.eventID() != null ? "id:" + e.eventID() : "at:" + e.file() + "@" + e.offset();
        // A stateful alert also names its group or term: one event may complete several.
        String group = a.context().getOrDefault("group", a.context().getOrDefault("new_terms",
                a.context().get("sequence")));
        String id = r.format().id() + ":" + (r.id() != null ? r.id() : r.name()) + ":" + where
                + (group == null ? "" : ":" + group);
        try {
            alerts.beginRow().append(id).append(e.eventID()).appendEpochMicros(e.timeMillis() * 1000).append(r.id()).append(r.name()).append(r.format().id())
                    .append(r.severity() == null ? null : r.severity().id()).append(r.priority()).append(a.output())
                    .append(a.context().isEmpty() ? null : a.context().toString()).append(e.eventName())
                    .append(e.recipientAccountId())
                    .append(attr == null || attr.origin() == null ? null : attr.origin().type())
                    .append(attr == null || attr.origin() == null ? null : attr.origin().label())
                    .append(attr == null ? null : attr.confidence().jsonName())
                    .appendEpochMicros(at.toEpochMilli() * 1000).append(json).endRow();
        } catch (SQLException x) {
            throw fail("stage an alert", x);
        }
    }

    /** Stages the new-terms history of this run (merged with what was read from the store). */
    public void terms(io.trailhound.core.rules.engine.MemoryTermHistory history) {
        history.forEach((rule, term, first, last) -> {
            try {
                newTerms.beginRow().append(rule).append(term).append(first).append(last).endRow();
            } catch (SQLException x) {
                throw fail("stage new-terms history", x);
            }
        });
    }

    /** Events staged so far. */
    public long eventsStaged() {
        return eventsStaged;
    }

    /** Moves everything staged into the store in one transaction. The writer is done afterwards. */
    public Committed commit() {
        long start = System.nanoTime();
        try {
            for (DuckDBAppender a : appenders()) {
                a.close();
            }
            boolean auto = connection.getAutoCommit();
            connection.setAutoCommit(false);
            long ev, at, is, sw, q, log, al, nt;
            try (Statement s = connection.createStatement()) {
                ev = s.executeUpdate("INSERT INTO events BY NAME SELECT * REPLACE (decode(raw) AS raw) FROM stage_events s "
                        + "WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.eventID = s.eventID)");
                at = s.executeUpdate("INSERT INTO attributions BY NAME SELECT * FROM stage_attributions s "
                        + "WHERE NOT EXISTS (SELECT 1 FROM attributions a WHERE a.eventID = s.eventID)");
                is = s.executeUpdate("INSERT OR REPLACE INTO issuances BY NAME SELECT * FROM stage_issuances");
                sw = s.executeUpdate("INSERT OR REPLACE INTO switch_roles BY NAME "
                        + "SELECT DISTINCT ON (sessionArn, startMillis) * FROM stage_switch_roles");
                q = s.executeUpdate("INSERT INTO quarantine BY NAME SELECT * FROM stage_quarantine");
                log = s.executeUpdate("INSERT INTO ingest_log BY NAME SELECT DISTINCT ON (checksum) * FROM stage_ingest_log s "
                        + "WHERE NOT EXISTS (SELECT 1 FROM ingest_log l WHERE l.checksum = s.checksum)");
                al = s.executeUpdate("INSERT INTO alerts BY NAME SELECT DISTINCT ON (id) * FROM stage_alerts s "
                        + "WHERE NOT EXISTS (SELECT 1 FROM alerts a WHERE a.id = s.id)");
                nt = s.executeUpdate("INSERT OR REPLACE INTO new_terms BY NAME SELECT * FROM stage_new_terms");
                connection.commit();
            } catch (SQLException | RuntimeException x) {
                connection.rollback();
                throw x;
            } finally {
                connection.setAutoCommit(auto);
            }
            dropStaging();
            done = true;
            return new Committed(eventsStaged, ev, at, is, sw, q, log, al, nt, (System.nanoTime() - start) / 1e9);
        } catch (SQLException x) {
            throw fail("write the run into the store", x);
        }
    }

    private List<DuckDBAppender> appenders() {
        return List.of(events, attributions, issuances, switchRoles, quarantine, ingestLog, alerts, newTerms);
    }

    private void dropStaging() throws SQLException {
        try (Statement s = connection.createStatement()) {
            for (String t : STAGED) {
                s.execute("DROP TABLE IF EXISTS temp.main.stage_" + t);
            }
        }
    }

    /** Discards what was staged and not committed. */
    @Override
    public void close() {
        if (done) {
            return;
        }
        done = true;
        try {
            for (DuckDBAppender a : appenders()) {
                if (!a.isClosed()) {
                    a.close();
                }
            }
            dropStaging();
        } catch (SQLException ignored) {
            // the staging tables are private to this connection and go with it
        }
    }

    static String chainJson(List<Hop> chain) {
        if (chain.isEmpty()) {
            return "[]";
        }
        StringWriter w = new StringWriter(256);
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartArray();
            for (Hop h : chain) {
                g.writeStartObject();
                g.writeStringField("arn", h.arn());
                g.writeStringField("accessKeyId", h.accessKeyId());
                g.writeStringField("eventID", h.eventID());
                g.writeStringField("eventName", h.eventName());
                g.writeStringField("time", h.time() == Long.MIN_VALUE ? null : Instant.ofEpochMilli(h.time()).toString());
                g.writeStringField("account", h.account());
                g.writeStringField("linkedBy", h.linkedBy());
                g.writeEndObject();
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    static String stringsJson(List<String> values) {
        if (values.isEmpty()) {
            return "[]";
        }
        StringWriter w = new StringWriter(128);
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartArray();
            for (String v : values) {
                g.writeString(v);
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    private static StoreException fail(String what, SQLException x) {
        return new StoreException("cannot " + what + ": " + x.getMessage(), x);
    }
}
