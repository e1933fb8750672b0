package io.trailhound.store;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.event.SourcePosition;
import io.trailhound.core.event.UserIdentity;
import io.trailhound.core.identity.Attribution;
import io.trailhound.core.identity.Caller;
import io.trailhound.core.identity.CredentialAnswer;
import io.trailhound.core.identity.CredentialIdentity;
import io.trailhound.core.identity.Hop;
import io.trailhound.core.identity.Issuance;
import io.trailhound.core.identity.Origin;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * One run's writes. Rows go through DuckDB appenders into private staging tables (bulk, no
 * row-by-row INSERT); {@link #commit} moves them into the store in one transaction, keeping only
 * events whose eventID the store does not have yet, so a reader sees the whole run or none of it
 * and ingest is idempotent by eventID. Attribution is one row per credential: events and alerts
 * refer to it, and in the same transaction every stored credential waiting for an issuance or
 * SwitchRole this run brought is worked out again ({@link #commit(Function)}), so events stored by
 * earlier runs get the new answer without being touched. Single-threaded, like the scan's sink.
 */
public final class StoreWriter implements AutoCloseable {
    private static final String[] STAGED = {"events", "credentials", "issuances", "switch_roles", "quarantine", "ingest_log",
        "alerts", "new_terms", "reattributed"};

    /**
     * What one commit added. {@code eventsStaged - eventsAdded} were already in the store.
     * {@code attributionsAdded}: events added with their attribution (every event refers to its
     * credential's row); {@code credentialsAdded}: new credential rows; {@code credentialsReattributed}:
     * stored credentials whose answer this run's issuances changed; {@code alertsUpdated}: stored
     * alerts whose origin or confidence followed.
     */
    public record Committed(long eventsStaged, long eventsAdded, long attributionsAdded, long issuancesWritten,
                            long switchRolesWritten, long quarantineAdded, long filesLogged, long alertsAdded,
                            long termsWritten, double seconds, long credentialsAdded, long credentialsReattributed,
                            long alertsUpdated) {
    }

    private final Connection connection;
    private final DuckDBAppender events, credentials, issuances, switchRoles, quarantine, ingestLog, alerts, newTerms;
    private long eventsStaged;
    private boolean done;

    StoreWriter(Connection connection) throws SQLException {
        this.connection = connection;
        try (Statement s = connection.createStatement()) {
            for (String t : STAGED) {
                String select = t.equals("events") ? "SELECT * REPLACE (NULL::BLOB AS raw) FROM events"
                        : t.equals("reattributed") ? "SELECT * FROM credentials" : "SELECT * FROM " + t;
                s.execute("CREATE OR REPLACE TEMP TABLE stage_" + t + " AS " + select + " LIMIT 0");
            }
        }
        DuckDBConnection dc = connection.unwrap(DuckDBConnection.class);
        events = dc.createAppender("temp", "main", "stage_events");
        credentials = dc.createAppender("temp", "main", "stage_credentials");
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

    /** Stages an event with its raw bytes (as read by the scan; must be non-null), referring to its credential's row. */
    public void event(CloudTrailEvent e, String credentialId) {
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
            events.append(credentialId);
            events.endRow();
            eventsStaged++;
        } catch (SQLException x) {
            throw fail("stage an event", x);
        }
    }

    /**
     * Stages a credential's row: what its events say of it and its answer now. The last staged for
     * one credential wins; a stored row that is no longer pending is never changed.
     */
    public void credential(String credentialId, CredentialIdentity c, CredentialAnswer answer, long firstSeenMillis, Instant now) {
        try {
            credentialRow(credentials, credentialId, c, answer, firstSeenMillis, now);
        } catch (SQLException x) {
            throw fail("stage a credential", x);
        }
    }

    private static void credentialRow(DuckDBAppender to, String id, CredentialIdentity c, CredentialAnswer answer,
                                      long firstSeenMillis, Instant now) throws SQLException {
        Attribution a = answer.attribution();
        Origin o = a.origin();
        long nowMicros = now.toEpochMilli() * 1000;
        to.beginRow()
                .append(id)
                .append(c.type()).append(c.arn()).append(c.principalId()).append(c.accountId()).append(c.accessKeyId())
                .append(c.userName()).append(c.invokedBy()).append(c.identityProvider()).append(c.sessionCreationDate())
                .append(c.sourceIdentity()).append(c.ec2RoleDelivery()).append(c.assumedRoot()).append(c.issuerArn())
                .append(c.issuerUserName()).append(c.onBehalfOfUserId()).append(c.onBehalfOfIdentityStoreArn())
                .append(c.eventSource()).append(c.recipientAccountId())
                .append(true)
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
                .append(answer.expiresAt() == Long.MAX_VALUE ? null : (Long) answer.expiresAt())
                .append(answer.expiresAt() == Long.MAX_VALUE || a.chain().isEmpty() ? null : a.chain().get(0).accessKeyId())
                .append(answer.pending())
                .append(answer.waitKey())
                .append(answer.waitSession())
                .appendEpochMicros(firstSeenMillis * 1000)
                .appendEpochMicros(nowMicros);
        if (a.confidence() == io.trailhound.core.identity.Confidence.EXACT) {
            to.appendEpochMicros(nowMicros);
        } else {
            to.appendNull();
        }
        to.endRow();
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
        String id = a.id();
        try {
            alerts.beginRow().append(id).append(e.eventID()).appendEpochMicros(e.timeMillis() * 1000).append(r.id()).append(r.name()).append(r.format().id())
                    .append(r.severity() == null ? null : r.severity().id()).append(r.priority()).append(a.output())
                    .append(a.context().isEmpty() ? null : a.context().toString()).append(e.eventName())
                    .append(e.recipientAccountId())
                    .append(attr == null || attr.origin() == null ? null : attr.origin().type())
                    .append(attr == null || attr.origin() == null ? null : attr.origin().label())
                    .append(attr == null ? null : attr.confidence().jsonName())
                    .appendEpochMicros(at.toEpochMilli() * 1000)
                    .append(e.accessKeyId())
                    .append(json)
                    .endRow();
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

    /** Moves everything staged into the store in one transaction, without working out stored credentials again. */
    public Committed commit() {
        return commit(null);
    }

    /**
     * Moves everything staged into the store in one transaction. With {@code resolve} (the run's
     * ledger, which holds every stored issuance and this run's), every stored credential still
     * pending on a key or session this run brought an issuance or SwitchRole for is worked out
     * again; changed answers update their row (and {@code exactAt} when they became exact) and the
     * alerts made with them. The writer is done afterwards.
     */
    public Committed commit(Function<CredentialIdentity, CredentialAnswer> resolve) {
        long start = System.nanoTime();
        try {
            for (DuckDBAppender a : appenders()) {
                a.close();
            }
            boolean auto = connection.getAutoCommit();
            connection.setAutoCommit(false);
            long ev, cr, re = 0, is, sw, q, log, al, au, nt;
            try (Statement s = connection.createStatement()) {
                ev = s.executeUpdate("INSERT INTO events BY NAME SELECT * REPLACE (decode(raw) AS raw) FROM stage_events s "
                        + "WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.eventID = s.eventID)");
                s.execute("CREATE OR REPLACE TEMP TABLE stage_latest AS SELECT DISTINCT ON (credentialId) * "
                        + "FROM stage_credentials ORDER BY credentialId, rowid DESC");
                // A stored credential still pending takes this run's answer; a settled one never changes.
                s.executeUpdate("UPDATE credentials SET " + ANSWER_FROM_S + " FROM stage_latest s "
                        + "WHERE credentials.credentialId = s.credentialId AND credentials.pending");
                cr = s.executeUpdate("INSERT INTO credentials BY NAME SELECT * FROM stage_latest s "
                        + "WHERE NOT EXISTS (SELECT 1 FROM credentials c WHERE c.credentialId = s.credentialId)");
                is = s.executeUpdate("INSERT OR REPLACE INTO issuances BY NAME SELECT * FROM stage_issuances");
                sw = s.executeUpdate("INSERT OR REPLACE INTO switch_roles BY NAME "
                        + "SELECT DISTINCT ON (sessionArn, startMillis) * FROM stage_switch_roles");
                if (resolve != null) {
                    re = reattribute(s, resolve);
                }
                q = s.executeUpdate("INSERT INTO quarantine BY NAME SELECT * FROM stage_quarantine");
                log = s.executeUpdate("INSERT INTO ingest_log BY NAME SELECT DISTINCT ON (checksum) * FROM stage_ingest_log s "
                        + "WHERE NOT EXISTS (SELECT 1 FROM ingest_log l WHERE l.checksum = s.checksum)");
                al = s.executeUpdate("INSERT INTO alerts BY NAME SELECT DISTINCT ON (id) * FROM stage_alerts s "
                        + "WHERE NOT EXISTS (SELECT 1 FROM alerts a WHERE a.id = s.id)");
                // Stored alerts follow their credential's answer (readers of the alerts table see it too).
                au = s.executeUpdate("UPDATE alerts SET originType = c.originType, originLabel = c.originLabel, "
                        + "confidence = c.confidence FROM credentials c WHERE alerts.credentialId = c.credentialId AND "
                        + "(alerts.confidence IS DISTINCT FROM c.confidence OR alerts.originLabel IS DISTINCT FROM c.originLabel "
                        + "OR alerts.originType IS DISTINCT FROM c.originType)");
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
            return new Committed(eventsStaged, ev, ev, is, sw, q, log, al, nt, (System.nanoTime() - start) / 1e9, cr, re, au);
        } catch (SQLException x) {
            throw fail("write the run into the store", x);
        }
    }

    /** The answer columns of a credential row, set from the row {@code s}; {@code exactAt} keeps the first time. */
    private static final String ANSWER_FROM_S = "originType = s.originType, originArn = s.originArn, originName = s.originName, "
            + "originLabel = s.originLabel, originProvider = s.originProvider, originAccount = s.originAccount, "
            + "confidence = s.confidence, reason = s.reason, chain = s.chain, anomalies = s.anomalies, "
            + "expiresAtMillis = s.expiresAtMillis, expiresKey = s.expiresKey, pending = s.pending, waitKey = s.waitKey, "
            + "waitSession = s.waitSession, answeredAt = s.answeredAt, exactAt = coalesce(credentials.exactAt, s.exactAt)";

    /** Works out again the stored credentials waiting for what this run brought; returns how many changed. */
    private long reattribute(Statement s, Function<CredentialIdentity, CredentialAnswer> resolve) throws SQLException {
        Instant now = Instant.now();
        long changed = 0;
        DuckDBAppender out = connection.unwrap(DuckDBConnection.class).createAppender("temp", "main", "stage_reattributed");
        try (ResultSet rs = s.executeQuery("SELECT * FROM credentials c WHERE c.pending AND c.reattributable AND ("
                + "c.waitKey IN (SELECT accessKeyId FROM stage_issuances) OR c.waitSession IN "
                + "(SELECT sessionArn FROM stage_issuances WHERE sessionArn IS NOT NULL UNION SELECT sessionArn FROM stage_switch_roles))")) {
            while (rs.next()) {
                CredentialIdentity c = new CredentialIdentity(rs.getString("identityType"), rs.getString("identityArn"),
                        rs.getString("principalId"), rs.getString("identityAccountId"), rs.getString("accessKeyId"),
                        rs.getString("userName"), rs.getString("invokedBy"), rs.getString("identityProvider"),
                        rs.getString("sessionCreationDate"), rs.getString("sourceIdentity"), rs.getString("ec2RoleDelivery"),
                        rs.getBoolean("assumedRoot"), rs.getString("sessionIssuerArn"), rs.getString("sessionIssuerName"),
                        rs.getString("onBehalfOfUserId"), rs.getString("onBehalfOfIdentityStoreArn"), rs.getString("eventSource"),
                        rs.getString("recipientAccountId"));
                CredentialAnswer a = resolve.apply(c);
                Origin o = a.attribution().origin();
                boolean same = a.attribution().confidence().jsonName().equals(rs.getString("confidence"))
                        && java.util.Objects.equals(o == null ? null : o.label(), rs.getString("originLabel"))
                        && java.util.Objects.equals(a.attribution().reason(), rs.getString("reason"))
                        && chainJson(a.attribution().chain()).equals(rs.getString("chain")) && a.pending() == rs.getBoolean("pending");
                if (!same) {
                    credentialRow(out, rs.getString("credentialId"), c, a, rs.getTimestamp("firstSeen").getTime(), now);
                    changed++;
                }
            }
        } finally {
            out.close();
        }
        if (changed > 0) {
            s.executeUpdate("UPDATE credentials SET " + ANSWER_FROM_S + " FROM stage_reattributed s "
                    + "WHERE credentials.credentialId = s.credentialId");
        }
        return changed;
    }

    private List<DuckDBAppender> appenders() {
        return List.of(events, credentials, issuances, switchRoles, quarantine, ingestLog, alerts, newTerms);
    }

    private void dropStaging() throws SQLException {
        try (Statement s = connection.createStatement()) {
            for (String t : STAGED) {
                s.execute("DROP TABLE IF EXISTS temp.main.stage_" + t);
            }
            s.execute("DROP TABLE IF EXISTS temp.main.stage_latest");
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
        return io.trailhound.core.output.AttributionJson.chain(chain);
    }

    static String stringsJson(List<String> values) {
        return io.trailhound.core.output.AttributionJson.strings(values);
    }

    private static StoreException fail(String what, SQLException x) {
        return new StoreException("cannot " + what + ": " + x.getMessage(), x);
    }
}
