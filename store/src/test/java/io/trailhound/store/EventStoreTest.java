package io.trailhound.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailhound.core.identity.Attribution;
import io.trailhound.core.identity.Caller;
import io.trailhound.core.identity.Confidence;
import io.trailhound.core.identity.CredentialAnswer;
import io.trailhound.core.identity.CredentialIdentity;
import io.trailhound.core.identity.CredentialLedger;
import io.trailhound.core.identity.Issuance;
import io.trailhound.core.identity.IssuanceKind;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventStoreTest {
    @TempDir
    Path tmp;

    private static Issuance issuance(String key, long issuedAt, long expiresAt) {
        Caller caller = new Caller("IAMUser", "arn:aws:iam::111122223333:user/alice", "AIDAEXAMPLE", "111122223333",
                "AKIAEXAMPLE", "alice", null, null, null, null, false);
        return new Issuance(IssuanceKind.ASSUME_ROLE, key, caller, "arn:aws:iam::222233334444:role/Admin",
                "arn:aws:sts::222233334444:assumed-role/Admin/alice", "alice", null, null, null, Boolean.TRUE, issuedAt,
                expiresAt, null, "111122223333", "ev-" + key, "shared-" + key, "req-" + key);
    }

    @Test
    void aNewStoreHasTheCurrentSchemaAndEveryTable() {
        try (EventStore s = EventStore.open(EventStore.MEMORY, false)) {
            assertThat(s.schemaVersion()).isEqualTo(StoreSchema.CURRENT);
            assertThat(s.counts()).containsOnlyKeys("events", "attributions", "credentials", "issuances", "switch_roles", "alerts",
                    "new_terms", "ingest_log", "quarantine").allSatisfy((k, v) -> assertThat(v).isZero());
        }
    }

    @Test
    void aFileFromANewerBuildIsRefusedClearly() throws Exception {
        Path file = tmp.resolve("th.duckdb");
        try (EventStore s = EventStore.open(file.toString(), false)) {
            s.db().execute("INSERT INTO schema_version VALUES (" + (StoreSchema.CURRENT + 1) + ", 'future', current_timestamp::TIMESTAMP)");
        }
        for (boolean readOnly : new boolean[] {false, true}) {
            assertThatThrownBy(() -> EventStore.open(file.toString(), readOnly))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("schema version " + (StoreSchema.CURRENT + 1))
                    .hasMessageContaining("newer Trailhound");
        }
    }

    @Test
    void reopeningMigratesNothingAndReadOnlyNeedsAFile() {
        Path file = tmp.resolve("a/b/th.duckdb");
        assertThatThrownBy(() -> EventStore.open(file.toString(), true)).isInstanceOf(StoreException.class)
                .hasMessageContaining("no store at");
        EventStore.open(file.toString(), false).close();
        try (EventStore s = EventStore.open(file.toString(), false)) {
            assertThat(s.schemaVersion()).isEqualTo(StoreSchema.CURRENT);
        }
        try (EventStore s = EventStore.open(file.toString(), true)) {
            assertThat(s.readOnly()).isTrue();
            assertThatThrownBy(s::writer).isInstanceOf(StoreException.class);
            // user SQL cannot reach other files
            assertThatThrownBy(() -> s.search(SearchFilter.all().withWhere("eventID IN (SELECT * FROM read_csv('/etc/hostname'))"), e -> { }))
                    .isInstanceOf(StoreException.class);
        }
    }

    @Test
    void aVersionTwoStoreGainsTheAlertJsonColumnAndKeepsItsAlerts() throws Exception {
        Path file = tmp.resolve("v2/th.duckdb");
        try (DuckDb db = DuckDb.open(file, 1)) {
            db.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description VARCHAR, appliedAt TIMESTAMP NOT NULL)");
            for (StoreSchema.Migration m : StoreSchema.MIGRATIONS.subList(0, 2)) {
                for (String sql : m.statements()) {
                    db.execute(sql);
                }
                db.execute("INSERT INTO schema_version VALUES (" + m.version() + ", 'x', current_timestamp::TIMESTAMP)");
            }
            db.execute("INSERT INTO alerts (id, eventID, ruleName, raisedAt) VALUES ('a1', 'e1', 'old rule', current_timestamp::TIMESTAMP)");
        }
        try (EventStore s = EventStore.open(file.toString(), false)) {
            assertThat(s.schemaVersion()).isEqualTo(StoreSchema.CURRENT).isGreaterThanOrEqualTo(3);
            assertThat(s.db().queryString("SELECT ruleName || ':' || coalesce(json, 'none') FROM alerts")).isEqualTo("old rule:none");
        }
    }

    @Test
    void issuancesAndSwitchLinksRoundTripIntoALedger() {
        long now = System.currentTimeMillis();
        Issuance a = issuance("ASIAROUNDTRIP0000001", now - 3_600_000, now);
        Issuance b = new Issuance(IssuanceKind.GET_SESSION_TOKEN, "ASIAROUNDTRIP0000002", a.caller(), null, null, null, "src-id",
                null, null, null, now, Long.MAX_VALUE, null, "111122223333", "ev2", null, null);
        try (EventStore s = EventStore.open(EventStore.MEMORY, false)) {
            try (StoreWriter w = s.writer()) {
                w.issuance(a);
                w.issuance(b);
                w.switchRole("arn:aws:sts::222233334444:assumed-role/Admin/alice", now - 1000, "arn:aws:iam::111122223333:user/alice");
                w.ingested("abc", "/x", 10, 5, 0, Instant.now());
                StoreWriter.Committed c = w.commit();
                assertThat(c.issuancesWritten()).isEqualTo(2);
                assertThat(c.switchRolesWritten()).isEqualTo(1);
            }
            CredentialLedger ledger = new CredentialLedger();
            EventStore.Seeded seeded = s.seed(ledger);
            assertThat(seeded.issuances()).hasSize(2);
            assertThat(seeded.switchRoles()).isEqualTo(1);
            assertThat(ledger.byKey(a.accessKeyId())).isEqualTo(a);
            assertThat(ledger.byKey(b.accessKeyId())).isEqualTo(b);
            assertThat(ledger.bySession(a.sessionArn(), a.issuedAt())).isEqualTo(a);
            assertThat(ledger.switchedFrom("arn:aws:sts::222233334444:assumed-role/Admin/alice", now - 1000))
                    .isEqualTo("arn:aws:iam::111122223333:user/alice");
            assertThat(s.ingestedChecksums()).containsExactly("abc");
        }
    }

    /**
     * A batch keeps each key's last staged row: the writer keeps the last issuance per accessKeyId
     * itself, and the commit takes each credential's last row (by a key aggregate, not a sort).
     */
    @Test
    void theLastStagedIssuanceAndCredentialRowOfABatchWin() throws Exception {
        long now = System.currentTimeMillis();
        Issuance first = issuance("ASIATWICEINABATCH001", now - 3_600_000, now);
        Issuance last = new Issuance(IssuanceKind.ASSUME_ROLE, first.accessKeyId(), first.caller(), first.roleArn(),
                first.sessionArn(), "second", null, null, null, Boolean.TRUE, now - 1_000, now + 3_600_000, null,
                "111122223333", "ev-second", null, null);
        CredentialIdentity id = new CredentialIdentity("AssumedRole", "arn:aws:sts::222233334444:assumed-role/Admin/alice",
                "AROAEXAMPLE:alice", "222233334444", first.accessKeyId(), null, null, null, null, null, null, false,
                "arn:aws:iam::222233334444:role/Admin", "Admin", null, null, "s3.amazonaws.com", "222233334444");
        CredentialAnswer waiting = new CredentialAnswer(new Attribution(null, Confidence.UNKNOWN, "waiting", List.of(), List.of()),
                Long.MAX_VALUE, first.accessKeyId(), null);
        CredentialAnswer settled = new CredentialAnswer(new Attribution(null, Confidence.UNKNOWN, "settled", List.of(), List.of()),
                Long.MAX_VALUE, null, null);
        Instant at = Instant.ofEpochMilli(now);
        try (EventStore s = EventStore.open(EventStore.MEMORY, false)) {
            try (StoreWriter w = s.writer()) {
                w.credential("cred-1", id, waiting, now - 5_000, at);
                w.issuance(first);
                w.credential("cred-2", id, settled, now - 4_000, at);
                w.credential("cred-1", id, settled, now - 3_000, at);
                w.issuance(last);
                StoreWriter.Committed c = w.commit();
                assertThat(c.issuancesWritten()).isEqualTo(1);
                assertThat(c.credentialsAdded()).isEqualTo(2);
            }
            assertThat(s.db().queryString("SELECT sessionName || ':' || eventID FROM issuances")).isEqualTo("second:ev-second");
            assertThat(s.db().queryString("SELECT string_agg(credentialId || ':' || reason || ':' || pending || ':' "
                    + "|| epoch_ms(firstSeen), ',' ORDER BY credentialId) FROM credentials"))
                    .isEqualTo("cred-1:settled:false:" + (now - 3_000) + ",cred-2:settled:false:" + (now - 4_000));
        }
    }

    @Test
    void pruneKeepsIssuancesAtLeast36HoursPastTheirExpiry() {
        Instant now = Instant.parse("2026-11-20T12:00:00Z");
        long h = 3_600_000L;
        long n = now.toEpochMilli();
        try (EventStore s = EventStore.open(EventStore.MEMORY, false)) {
            try (StoreWriter w = s.writer()) {
                w.issuance(issuance("ASIAEXPIRED10HAGO000", n - 11 * h, n - 10 * h));   // within 36 h of expiry: kept
                w.issuance(issuance("ASIAEXPIRED35HAGO000", n - 36 * h, n - 35 * h));   // kept
                w.issuance(issuance("ASIAEXPIRED37HAGO000", n - 38 * h, n - 37 * h));   // gone
                w.issuance(issuance("ASIANOEXPIRYOLD00000", n - 80 * h, Long.MAX_VALUE)); // counts as expiring 36 h after issue: gone
                w.issuance(issuance("ASIANOEXPIRYNEW00000", n - 20 * h, Long.MAX_VALUE)); // kept
                w.switchRole("arn:old", n - 100 * h, "arn:user");
                w.switchRole("arn:new", n - 2 * h, "arn:user");
                w.commit();
            }
            EventStore.Pruned p = s.prune(Duration.ofDays(1), now);
            assertThat(p.cutoff()).isEqualTo(now.minus(Duration.ofDays(1)));
            assertThat(p.issuances()).isEqualTo(2);
            assertThat(p.switchRoles()).isEqualTo(1);
            CredentialLedger ledger = new CredentialLedger();
            s.seed(ledger);
            assertThat(ledger.issuances()).extracting(Issuance::accessKeyId).containsExactlyInAnyOrder(
                    "ASIAEXPIRED10HAGO000", "ASIAEXPIRED35HAGO000", "ASIANOEXPIRYNEW00000");
            // a long retention keeps what a short one would drop
            try (StoreWriter w = s.writer()) {
                w.issuance(issuance("ASIAEXPIRED50DAGO000", n - 50 * 24 * h - h, n - 50 * 24 * h));
                w.commit();
            }
            assertThat(s.prune(Duration.ofDays(90), now).issuances()).isZero();
            assertThat(s.prune(Duration.ofDays(30), now).issuances()).isEqualTo(1);
        }
    }

    @Test
    void chainJsonIsEmptyArrayWhenThereAreNoHops() {
        assertThat(StoreWriter.chainJson(List.of())).isEqualTo("[]");
        assertThat(StoreWriter.stringsJson(List.of("a\"b"))).isEqualTo("[\"a\\\"b\"]");
    }
}
