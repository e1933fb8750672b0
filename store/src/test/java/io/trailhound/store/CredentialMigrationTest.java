package io.trailhound.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.identity.Caller;
import io.trailhound.core.identity.CredentialLedger;
import io.trailhound.core.identity.Issuance;
import io.trailhound.core.identity.IssuanceKind;
import io.trailhound.core.identity.AttributionResolver;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Migration 3 carries a store written by the release before (per-event attributions) over to credential rows. */
class CredentialMigrationTest {
    @TempDir
    Path tmp;

    private static final String ROLE_EVENT = """
            {"eventVersion":"1.08","userIdentity":{"type":"AssumedRole","principalId":"AROAOPS:alice",
            "arn":"arn:aws:sts::222222222222:assumed-role/Ops/alice","accountId":"222222222222",
            "accessKeyId":"ASIAOLD0000000000001","sessionContext":{"sessionIssuer":{"type":"Role","principalId":"AROAOPS",
            "arn":"arn:aws:iam::222222222222:role/Ops","accountId":"222222222222","userName":"Ops"},
            "attributes":{"creationDate":"2026-11-01T09:00:00Z","mfaAuthenticated":"false"}}},
            "eventTime":"2026-11-01T09:%02d:00Z","eventSource":"s3.amazonaws.com","eventName":"ListBuckets",
            "awsRegion":"us-east-1","eventID":"%s","recipientAccountId":"222222222222"}""";

    /** A version-2 store, as the release before wrote it: two events of one key (inferred) and a service event. */
    private Path version2Store() throws Exception {
        Path file = tmp.resolve("old.duckdb");
        try (DuckDb db = DuckDb.open(file, 1)) {
            try (Statement s = db.connection().createStatement()) {
                s.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description VARCHAR, appliedAt TIMESTAMP NOT NULL)");
                for (StoreSchema.Migration m : StoreSchema.MIGRATIONS.subList(0, 2)) {
                    for (String sql : m.statements()) {
                        s.execute(sql);
                    }
                    s.execute("INSERT INTO schema_version VALUES (" + m.version() + ", 'old', current_timestamp::TIMESTAMP)");
                }
                for (int i = 1; i <= 2; i++) {
                    String id = "00000000-0000-4000-8000-00000000000" + i;
                    String raw = String.format(ROLE_EVENT, 10 + i, id).replace("\n", "");
                    s.execute("INSERT INTO events VALUES ('" + id + "', TIMESTAMP '2026-11-01 09:" + (10 + i) + ":00', "
                            + "'s3.amazonaws.com', 'ListBuckets', 'us-east-1', NULL, NULL, NULL, '222222222222', 'AssumedRole', "
                            + "'arn:aws:sts::222222222222:assumed-role/Ops/alice', '222222222222', 'ASIAOLD0000000000001', "
                            + "'arn:aws:iam::222222222222:role/Ops', 'f.json', " + i + ", " + DuckDb.literal(raw) + ")");
                    s.execute("INSERT INTO attributions VALUES ('" + id + "', TIMESTAMP '2026-11-01 09:" + (10 + i) + ":00', "
                            + "'SessionName', NULL, 'alice', 'alice', NULL, NULL, 'inferred', 'no issuance of key ASIAOLD0000000000001', "
                            + "'[]', '[]')");
                }
                s.execute("INSERT INTO events VALUES ('svc-1', TIMESTAMP '2026-11-01 09:30:00', 'ec2.amazonaws.com', 'RunInstances', "
                        + "'us-east-1', NULL, NULL, NULL, '222222222222', NULL, NULL, NULL, NULL, NULL, 'f.json', 9, '{}')");
                s.execute("INSERT INTO attributions VALUES ('svc-1', TIMESTAMP '2026-11-01 09:30:00', 'AWSService', NULL, "
                        + "'ec2.amazonaws.com', 'ec2.amazonaws.com', NULL, '222222222222', 'exact', NULL, '[]', '[\"odd\"]')");
                s.execute("INSERT INTO alerts (id, eventID, time, ruleId, originType, originLabel, confidence, raisedAt) VALUES "
                        + "('own:r:id:00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000001', "
                        + "TIMESTAMP '2026-11-01 09:11:00', 'r', 'SessionName', 'alice', 'inferred', current_timestamp::TIMESTAMP)");
            }
        }
        return file;
    }

    @Test
    void anOldStoreIsCarriedOverAndALaterIssuanceMakesItsEventsAndAlertsExact() throws Exception {
        Path file = version2Store();
        try (EventStore s = EventStore.open(file.toString(), false)) {
            assertThat(s.schemaVersion()).isEqualTo(StoreSchema.CURRENT);
            assertThat(s.counts()).containsEntry("events", 3L).containsEntry("attributions", 3L).containsEntry("credentials", 2L);
            List<StoredEvent> before = new ArrayList<>();
            s.search(SearchFilter.all(), before::add);
            assertThat(before).extracting(StoredEvent::confidence).containsExactly("inferred", "inferred", "exact");
            assertThat(s.db().queryString("SELECT anomalies FROM event_view WHERE eventID = 'svc-1'")).isEqualTo("[\"odd\"]");
            assertThat(s.db().queryString("SELECT confidence FROM alert_view")).isEqualTo("inferred");

            // A later run brings the key's issuance: the carried-over row is worked out again from its identity.
            Caller alice = new Caller("IAMUser", "arn:aws:iam::111111111111:user/alice", "AIDAALICE", "111111111111",
                    "AKIAALICE00000000001", "alice", null, null, null, null, false);
            Issuance i = new Issuance(IssuanceKind.ASSUME_ROLE, "ASIAOLD0000000000001", alice, "arn:aws:iam::222222222222:role/Ops",
                    "arn:aws:sts::222222222222:assumed-role/Ops/alice", "alice", null, null, null, null,
                    Instant.parse("2026-11-01T09:00:00Z").toEpochMilli(), Instant.parse("2026-11-01T10:00:00Z").toEpochMilli(),
                    null, "111111111111", "issue-1", null, null);
            CredentialLedger ledger = new CredentialLedger();
            s.seed(ledger);
            ledger.record(i);
            try (StoreWriter w = s.writer()) {
                w.issuance(i);
                StoreWriter.Committed c = w.commit(new AttributionResolver(ledger)::resolve);
                assertThat(c.credentialsReattributed()).isEqualTo(1);
                assertThat(c.alertsUpdated()).isEqualTo(1);
            }
            List<StoredEvent> after = new ArrayList<>();
            s.search(SearchFilter.all(), after::add);
            assertThat(after).extracting(StoredEvent::confidence).containsExactly("exact", "exact", "exact");
            assertThat(after.get(0).originArn()).isEqualTo("arn:aws:iam::111111111111:user/alice");
            assertThat(s.db().queryString("SELECT confidence || ' ' || originLabel FROM alerts"))
                    .isEqualTo("exact arn:aws:iam::111111111111:user/alice");
            assertThat(s.db().queryString("SELECT confidence FROM alert_view")).isEqualTo("exact");
            assertThat(s.db().queryString("SELECT (exactAt IS NOT NULL)::VARCHAR FROM credentials "
                    + "WHERE credentialId = 'ASIAOLD0000000000001'")).isEqualTo("true");
        }
    }
}
