package io.trailhound.core.identity;

import static io.trailhound.core.testkit.CloudTrailRecord.assumeRole;
import static io.trailhound.core.testkit.CloudTrailRecord.decode;
import static io.trailhound.core.testkit.CloudTrailRecord.event;
import static io.trailhound.core.testkit.Identities.iamUser;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.stage.HeldState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pending credentials in memory: those seen once in a small trial segment, sessions in use in the rest. */
class PendingCredentialsTest {
    private static final String A = "111111111111", B = "222222222222";

    private static CloudTrailEvent action(String key, String session) {
        return decode(event("ListBuckets").source("s3.amazonaws.com").at("2026-11-01T09:10:00Z").account(B)
                .assumedRole("Ops", session, key, "2026-11-01T09:00:00Z").node());
    }

    private static CloudTrailEvent issue(String key, String session) {
        return decode(assumeRole(B, "Ops", session, key, 3600).at("2026-11-01T09:00:00Z")
                .by(iamUser(A, "alice", "AKIAALICE00000000001")).account(A).node());
    }

    private static String key(int i) {
        return String.format("ASIAONCE%012d", i);
    }

    private static List<Long> pendingHeld(Attributor a) {
        return a.held().stream().filter(h -> h.name().startsWith("pending credentials")).map(HeldState::entries).toList();
    }

    @Test
    void credentialsSeenOnceKeepASmallSetInMemoryAndNeverPushOutASessionInUse() {
        int oneShots = 3 * PendingCredentials.PROBATION;
        List<CredentialChange> changes = new ArrayList<>();
        Attributor a = new Attributor((e, at) -> { }, new CredentialLedger(), TrustPolicies.none(), 4 * PendingCredentials.PROBATION)
                .onChange(changes::add);
        String inUse = "ASIAINUSE00000000001";
        a.accept(action(inUse, "busy"));
        for (int i = 0; i < oneShots; i++) {
            a.accept(action(key(i), "s" + i));
            if (i % 100 == 0) {
                a.accept(action(inUse, "busy")); // a session of many calls among a stream of keys used once
            }
        }
        // In memory: the trial segment full of keys used once, and the session in use; the rest on disk.
        assertThat(pendingHeld(a)).containsExactly((long) PendingCredentials.PROBATION + 1, (long) oneShots - PendingCredentials.PROBATION);

        // Its issuance read, the session in use changes once, with every one of its events (it was never written out).
        a.accept(issue(inUse, "busy"));
        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.credential()).isEqualTo(inUse);
            assertThat(c.events()).isEqualTo(1 + (oneShots + 99) / 100);
            assertThat(c.now().attribution().confidence()).isEqualTo(Confidence.EXACT);
        });
        // Keys used once are still all kept: their issuances, read last, answer each of them.
        for (int i = 0; i < oneShots; i += 7) {
            a.accept(issue(key(i), "s" + i));
        }
        a.finish();
        assertThat(changes).hasSize(1 + (oneShots + 6) / 7);
        assertThat(a.summary().count(Confidence.EXACT)).isEqualTo(1 + (oneShots + 99) / 100 + (oneShots + 6) / 7);
        a.close();
    }

    @Test
    void aBoundBelowTheTrialSegmentIsAllOfIt() {
        Attributor a = new Attributor((e, at) -> { }, new CredentialLedger(), TrustPolicies.none(), 5);
        for (int i = 0; i < 40; i++) {
            a.accept(action(key(i), "s" + i));
            a.accept(action(key(i), "s" + i)); // seen again: stays within the bound all the same
        }
        assertThat(pendingHeld(a)).containsExactly(5L, 35L);
        a.close();
    }

    /**
     * A new credential is written to disk at once (while its strings are in the cache); used again,
     * or changed, that entry is taken back. Each key here is used twice, then pushed out of memory,
     * then its issuance is read: one change each, with both events, never the entry written when
     * it was new as well (that would count its first event twice).
     */
    @Test
    void aCredentialWrittenWhenNewAndUsedAgainComesBackOnceWithAllItsEvents() {
        for (int maxHeld : new int[] {5, 4 * PendingCredentials.PROBATION}) {
            List<CredentialChange> changes = new ArrayList<>();
            Attributor a = new Attributor((e, at) -> { }, new CredentialLedger(), TrustPolicies.none(), maxHeld)
                    .onChange(changes::add);
            int keys = 5 * maxHeld;
            for (int i = 0; i < keys; i++) {
                a.accept(action(key(i), "s" + i));
                a.accept(action(key(i), "s" + i));
            }
            a.accept(action("ASIALATE000000000001", "late")); // used once and never again: its entry stays as written
            long held = pendingHeld(a).get(0);
            assertThat(pendingHeld(a)).as("maxHeld %d", maxHeld).containsExactly(held, keys + 1 - held);
            for (int i = 0; i < keys; i++) {
                a.accept(issue(key(i), "s" + i));
            }
            a.accept(issue("ASIALATE000000000001", "late"));
            a.finish();
            assertThat(changes).as("maxHeld %d", maxHeld).hasSize(keys + 1).allSatisfy(c -> assertThat(c.events())
                    .isEqualTo(c.credential().equals("ASIALATE000000000001") ? 1 : 2));
            assertThat(a.summary().count(Confidence.EXACT)).isEqualTo(2L * keys + 1);
            assertThat(a.summary().count(Confidence.INFERRED)).isZero();
            assertThat(pendingHeld(a)).containsExactly(0L, 0L);
            a.close();
        }
    }

    /**
     * Credentials are found by the session they wait for through a key hashed by the ARN's tail:
     * sessions of two accounts that end alike are told apart, and one let go is found no more.
     */
    @Test
    void credentialsWaitingOnSessionsThatEndAlikeAreFoundByTheirOwnSessionOnly() {
        try (PendingCredentials pending = new PendingCredentials(16, new CredentialLedger())) {
            List<PendingCredential> waiting = new ArrayList<>();
            for (String account : List.of(A, B)) {
                String arn = "arn:aws:sts::" + account + ":assumed-role/Ops/alice";
                String key = "ASIATAIL" + account;
                CredentialIdentity c = new CredentialIdentity("AssumedRole", arn, "AROAOPS:alice", account, key, null, null, null,
                        "2026-11-01T09:00:00Z", null, null, false, "arn:aws:iam::" + account + ":role/Ops", "Ops", null, null, null,
                        null);
                Attribution a = Attribution.of(Origin.named("SessionName", "alice", null, null), Confidence.INFERRED, null);
                PendingCredential p = new PendingCredential(key, c, new CredentialAnswer(a, Long.MAX_VALUE, key, arn),
                        AttributionSummary.Bucket.of(true, a), 1, 0, 0);
                pending.add(p);
                waiting.add(p);
            }
            assertThat(TailHash.of(waiting.get(0).identity.arn())).isEqualTo(TailHash.of(waiting.get(1).identity.arn()));
            assertThat(pending.waitingOnSession(waiting.get(0).identity.arn())).containsExactly(waiting.get(0));
            assertThat(pending.waitingOnSession(waiting.get(1).identity.arn())).containsExactly(waiting.get(1));
            pending.update(waiting.get(0), new CredentialAnswer(waiting.get(0).answer.attribution(), Long.MAX_VALUE, null, null));
            assertThat(pending.waitingOnSession(waiting.get(0).identity.arn())).isEmpty();
            assertThat(pending.waitingOnSession(waiting.get(1).identity.arn())).containsExactly(waiting.get(1));
            assertThat(pending.waitingOnSession("arn:aws:sts::" + A + ":assumed-role/Ops/bob")).isEmpty();
        }
    }
}
