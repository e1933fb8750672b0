package io.trailhound.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.identity.TrustPolicies;
import io.trailhound.core.ingest.ReadLimits;
import io.trailhound.core.scan.ScanOptions;
import io.trailhound.core.testkit.CloudTrailRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store as main writes it today (schema 4: alerts keep their JSON line, undelivered webhook
 * alerts) is carried over to this build's (5: events without the eventID index), and batches go
 * on from it: a later run's issuance works out its stored credential again and the stored alert
 * follows; the same events again add nothing.
 */
class StoreFromMainTest {
    private static final String KEY = "ASIAOPS0000000000001";
    private static final String ALICE = "arn:aws:iam::111122223333:user/alice";
    private static final String SESSION = "arn:aws:sts::111122223333:assumed-role/Ops/alice";
    private static final String LINE = "{\"rule\":\"Bucket listing\",\"origin\":{\"type\":\"SessionName\",\"name\":\"alice\","
            + "\"confidence\":\"inferred\"}}";

    @TempDir
    Path tmp;

    private static String use(int i) {
        return CloudTrailRecord.event("ListBuckets").source("s3.amazonaws.com").at("2026-11-01T09:1" + i + ":00Z")
                .assumedRole("Ops", "alice", KEY, "2026-11-01T09:00:00Z").id(CloudTrailRecord.uuid(i)).json();
    }

    private static String issuance() {
        return CloudTrailRecord.assumeRole(CloudTrailRecord.ACCOUNT, "Ops", "alice", KEY, 3600).at("2026-11-01T09:00:00Z")
                .iamUser("alice", "AKIAALICE00000000001").id(CloudTrailRecord.uuid(100)).json();
    }

    /**
     * As main makes a file: migrations 1 to 4 in one transaction; then what its writer's commit puts
     * in after a scan of the two uses of a key whose issuance it had not read: the events (eventID
     * the primary key), the key's credential row waiting for its issuance, an alert with its JSON
     * line, and an alert the webhook did not take.
     */
    private Path schema4Store() throws Exception {
        Path file = tmp.resolve("main.duckdb");
        try (DuckDb db = DuckDb.open(file, 1)) {
            Connection c = db.connection();
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description VARCHAR, appliedAt TIMESTAMP NOT NULL)");
                for (StoreSchema.Migration m : StoreSchema.MIGRATIONS) {
                    if (m.version() > 4) {
                        continue;
                    }
                    for (String sql : m.statements()) {
                        s.execute(sql);
                    }
                    s.execute("INSERT INTO schema_version VALUES (" + m.version() + ", " + DuckDb.literal(m.description())
                            + ", current_timestamp::TIMESTAMP)");
                }
            }
            c.commit();
            try (Statement s = c.createStatement()) {
                for (int i = 1; i <= 2; i++) {
                    s.execute("INSERT INTO events BY NAME SELECT " + DuckDb.literal(CloudTrailRecord.uuid(i)) + " AS eventID, "
                            + "TIMESTAMP '2026-11-01 09:1" + i + ":00' AS eventTime, 's3.amazonaws.com' AS eventSource, "
                            + "'ListBuckets' AS eventName, 'us-east-1' AS awsRegion, '111122223333' AS recipientAccountId, "
                            + "'AssumedRole' AS identityType, '" + SESSION + "' AS identityArn, '111122223333' AS identityAccountId, "
                            + "'" + KEY + "' AS accessKeyId, 'arn:aws:iam::111122223333:role/Ops' AS sessionIssuerArn, "
                            + "'uses.json' AS sourceFile, " + i + " AS byteOffset, " + DuckDb.literal(use(i)) + " AS raw, "
                            + "'" + KEY + "' AS credentialId");
                }
                s.execute("INSERT INTO credentials BY NAME SELECT '" + KEY + "' AS credentialId, 'AssumedRole' AS identityType, "
                        + "'" + SESSION + "' AS identityArn, 'AROAOPS:alice' AS principalId, '111122223333' AS identityAccountId, "
                        + "'" + KEY + "' AS accessKeyId, '2026-11-01T09:00:00Z' AS sessionCreationDate, false AS assumedRoot, "
                        + "'arn:aws:iam::111122223333:role/Ops' AS sessionIssuerArn, 'Ops' AS sessionIssuerName, "
                        + "true AS reattributable, 'SessionName' AS originType, 'alice' AS originName, 'alice' AS originLabel, "
                        + "'inferred' AS confidence, 'no issuance of key " + KEY + " read' AS reason, '[]' AS chain, "
                        + "'[]' AS anomalies, true AS pending, '" + KEY + "' AS waitKey, '" + SESSION + "' AS waitSession, "
                        + "TIMESTAMP '2026-11-01 09:11:00' AS firstSeen, TIMESTAMP '2026-11-01 09:30:00' AS answeredAt");
                s.execute("INSERT INTO alerts BY NAME SELECT 'own:bucket-listing:" + CloudTrailRecord.uuid(1) + "' AS id, "
                        + DuckDb.literal(CloudTrailRecord.uuid(1)) + " AS eventID, TIMESTAMP '2026-11-01 09:11:00' AS time, "
                        + "'bucket-listing' AS ruleId, 'Bucket listing' AS ruleName, 'own' AS format, 'low' AS severity, "
                        + "'ListBuckets' AS eventName, '111122223333' AS recipientAccountId, 'SessionName' AS originType, "
                        + "'alice' AS originLabel, 'inferred' AS confidence, TIMESTAMP '2026-11-01 09:30:00' AS raisedAt, "
                        + "'" + KEY + "' AS credentialId, " + DuckDb.literal(LINE) + " AS json");
                s.execute("INSERT INTO webhook_undelivered VALUES ('own:bucket-listing:" + CloudTrailRecord.uuid(1) + "', "
                        + "'https://hooks.example/x', " + DuckDb.literal(LINE) + ", 5, 'HTTP 503', TIMESTAMP '2026-11-01 09:31:00')");
                s.execute("INSERT INTO ingest_log VALUES ('sum-uses', '/logs/uses.json', 100, 2, 0, TIMESTAMP '2026-11-01 09:30:00')");
            }
            c.commit();
        }
        return file;
    }

    private Path records(String name, String... records) throws Exception {
        Path p = tmp.resolve("logs").resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, "{\"Records\":[" + String.join(",", records) + "]}");
        return p;
    }

    private static StoreScan.Result scan(EventStore s, Path input) {
        return StoreScan.run(s, List.of(input.toString()), new ScanOptions(ReadLimits.defaults(), 1, null), TrustPolicies.none(),
                null, (a, b, c, d, e) -> { }, null, new StoreScan.Batching(1, 1000, java.time.Duration.ofMinutes(5)));
    }

    @Test
    void aSchema4StoreAsMainWritesItIsMigratedAndLaterBatchesUpdateItsCredentialsAndAlerts() throws Exception {
        Path file = schema4Store();
        try (EventStore s = EventStore.open(file.toString(), false)) {
            assertThat(s.schemaVersion()).isEqualTo(StoreSchema.CURRENT).isEqualTo(6);
            assertThat(s.db().queryLong("SELECT count(*) FROM schema_version")).as("1 to 4 as main left them, then 5 and 6")
                    .isEqualTo(6);
            assertThat(s.db().queryLong("SELECT count(*) FROM duckdb_constraints() WHERE table_name = 'events' "
                    + "AND constraint_type = 'PRIMARY KEY'")).isZero();
            assertThat(s.counts()).containsEntry("events", 2L).containsEntry("credentials", 1L).containsEntry("alerts", 1L)
                    .containsEntry("ingest_log", 1L);
            assertThat(s.db().queryLong("SELECT count(*) FROM webhook_undelivered WHERE lastError = 'HTTP 503'")).isEqualTo(1);

            // A later run reads the issuance: the stored credential is worked out again, its alert follows.
            StoreScan.Result r = scan(s, records("issue.json", issuance()));
            assertThat(r.store().committed().eventsAdded()).isEqualTo(1);
            assertThat(r.store().committed().credentialsReattributed()).isEqualTo(1);
            assertThat(r.store().committed().alertsUpdated()).isEqualTo(1);
            StoreReader.Rows cred = s.queries().reader().query("SELECT confidence, originLabel, pending FROM credentials "
                    + "WHERE credentialId = ?", List.of(KEY));
            assertThat(cred.rows()).containsExactly(List.of("exact", ALICE, false));
            StoreReader.Rows alert = s.queries().reader().query("SELECT originLabel, confidence, json FROM alerts", List.of());
            assertThat(alert.rows()).containsExactly(List.of(ALICE, "exact", LINE));
            assertThat(s.who(CloudTrailRecord.uuid(2)).orElseThrow().originArn()).isEqualTo(ALICE);

            // The uses again, from another file: the migrated events keep them out without the index.
            StoreScan.Result again = scan(s, records("uses-again.json", use(1), use(2)));
            assertThat(again.store().committed().eventsAdded()).isZero();
            assertThat(s.counts()).containsEntry("events", 3L).containsEntry("credentials", 2L).containsEntry("alerts", 1L);
            assertThat(s.db().queryLong("SELECT count(*) FROM webhook_undelivered")).isEqualTo(1);
        }
    }

    @Test
    void aLaterBatchOfOneRunUpdatesTheCredentialAnEarlierBatchCommitted() throws Exception {
        Path uses = records("a-uses.json", use(1), use(2));
        Path issue = records("b-issue.json", issuance());
        try (EventStore s = EventStore.open(tmp.resolve("batches.duckdb").toString(), false)) {
            StoreScan.Result r = StoreScan.run(s, List.of(uses.toString(), issue.toString()),
                    new ScanOptions(ReadLimits.defaults(), 1, null), TrustPolicies.none(), null, (a, b, c, d, e) -> { }, null,
                    new StoreScan.Batching(1, 1000, java.time.Duration.ofMinutes(5)));
            assertThat(r.store().committed().batches()).as("a batch per file").isGreaterThanOrEqualTo(2);
            StoreReader.Rows cred = s.queries().reader().query("SELECT confidence, originLabel, pending FROM credentials "
                    + "WHERE credentialId = ?", List.of(KEY));
            assertThat(cred.rows()).containsExactly(List.of("exact", ALICE, false));
        }
    }
}
