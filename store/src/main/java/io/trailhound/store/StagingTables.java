package io.trailhound.store;

import io.trailhound.core.alert.Alert;
import io.trailhound.core.alert.AlertEvent;
import io.trailhound.core.identity.Attribution;
import io.trailhound.core.identity.Caller;
import io.trailhound.core.identity.Confidence;
import io.trailhound.core.identity.CredentialAnswer;
import io.trailhound.core.identity.CredentialIdentity;
import io.trailhound.core.identity.Issuance;
import io.trailhound.core.identity.Origin;
import io.trailhound.core.rules.ir.RuleInfo;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * One batch's rows on their way in (its events go to Parquet files apart, through
 * {@link EventWriters}; one issuance per accessKeyId, as {@link StoreWriter} keeps each key's
 * last): private temporary tables shaped like the store's, filled through DuckDB appenders
 * (bulk, no row-by-row INSERT) by the writer thread, emptied after each batch commit. Used by one
 * thread only.
 */
final class StagingTables implements AutoCloseable {
    static final String[] TABLES = {"credentials", "issuances", "switch_roles", "quarantine", "ingest_log",
        "alerts", "new_terms", "reattributed"};
    private final Connection connection;
    private DuckDBAppender credentials, issuances, switchRoles, quarantine, ingestLog, alerts, newTerms, reattributed;

    StagingTables(Connection connection) throws SQLException {
        this.connection = connection;
        open();
    }

    /** Empty staging tables and fresh appenders on them. */
    void open() throws SQLException {
        try (Statement s = connection.createStatement()) {
            for (String t : TABLES) {
                String select = t.equals("reattributed") ? "SELECT * FROM credentials" : "SELECT * FROM " + t;
                s.execute("CREATE OR REPLACE TEMP TABLE stage_" + t + " AS " + select + " LIMIT 0");
            }
        }
        DuckDBConnection dc = connection.unwrap(DuckDBConnection.class);
        credentials = dc.createAppender("temp", "main", "stage_credentials");
        issuances = dc.createAppender("temp", "main", "stage_issuances");
        switchRoles = dc.createAppender("temp", "main", "stage_switch_roles");
        quarantine = dc.createAppender("temp", "main", "stage_quarantine");
        ingestLog = dc.createAppender("temp", "main", "stage_ingest_log");
        alerts = dc.createAppender("temp", "main", "stage_alerts");
        newTerms = dc.createAppender("temp", "main", "stage_new_terms");
        reattributed = dc.createAppender("temp", "main", "stage_reattributed");
    }

    /** Flushes every appender: the staged rows are then in the tables, for the commit's SQL. */
    void flush() throws SQLException {
        for (DuckDBAppender a : appenders()) {
            a.close();
        }
    }

    void credential(String id, CredentialIdentity c, CredentialAnswer answer, long firstSeenMillis, Instant now) throws SQLException {
        credentialRow(credentials, id, c, answer, firstSeenMillis, now);
    }

    void reattributed(String id, CredentialIdentity c, CredentialAnswer answer, long firstSeenMillis, Instant now) throws SQLException {
        credentialRow(reattributed, id, c, answer, firstSeenMillis, now);
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
                .append(StoreWriter.chainJson(a.chain()))
                .append(StoreWriter.stringsJson(a.anomalies()))
                .append(answer.expiresAt() == Long.MAX_VALUE ? null : (Long) answer.expiresAt())
                .append(answer.expiresAt() == Long.MAX_VALUE || a.chain().isEmpty() ? null : a.chain().get(0).accessKeyId())
                .append(answer.pending())
                .append(answer.waitKey())
                .append(answer.waitSession())
                .appendEpochMicros(firstSeenMillis * 1000)
                .appendEpochMicros(nowMicros);
        if (a.confidence() == Confidence.EXACT) {
            to.appendEpochMicros(nowMicros);
        } else {
            to.appendNull();
        }
        to.endRow();
    }

    void issuance(Issuance i) throws SQLException {
        Caller c = i.caller();
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
    }

    void switchRole(String sessionArn, long startMillis, String fromArn) throws SQLException {
        switchRoles.beginRow().append(sessionArn).append(startMillis).append(fromArn).endRow();
    }

    void quarantine(String reason, String source, long byteOffset, long line, String detail, Boolean truncated,
                    String record, Instant at) throws SQLException {
        quarantine.beginRow().append(reason).append(source).append(byteOffset).append(line).append(detail)
                .append(truncated).append(record).appendEpochMicros(at.toEpochMilli() * 1000).endRow();
    }

    void ingested(String checksum, String path, long size, long records, long quarantined, Instant at) throws SQLException {
        ingestLog.beginRow().append(checksum).append(path).append(size).append(records).append(quarantined)
                .appendEpochMicros(at.toEpochMilli() * 1000).endRow();
    }

    void alert(Alert a, Instant at, String json) throws SQLException {
        RuleInfo r = a.rule();
        AlertEvent e = a.event();
        Attribution attr = a.attribution();
        alerts.beginRow().append(a.id()).append(e.eventID()).appendEpochMicros(e.timeMillis() * 1000).append(r.id())
                .append(r.name()).append(r.format().id())
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
    }

    void term(String rule, String term, long first, long last) throws SQLException {
        newTerms.beginRow().append(rule).append(term).append(first).append(last).endRow();
    }

    private DuckDBAppender[] appenders() {
        return new DuckDBAppender[] {credentials, issuances, switchRoles, quarantine, ingestLog, alerts, newTerms,
            reattributed};
    }

    /** Closes the appenders and drops the tables (they are private to the connection and would go with it anyway). */
    @Override
    public void close() throws SQLException {
        for (DuckDBAppender a : appenders()) {
            if (a != null && !a.isClosed()) {
                a.close();
            }
        }
        try (Statement s = connection.createStatement()) {
            for (String t : TABLES) {
                s.execute("DROP TABLE IF EXISTS temp.main.stage_" + t);
            }
        }
    }
}
