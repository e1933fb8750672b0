package io.trailhound.core.identity;

import static io.trailhound.core.testkit.CloudTrailRecord.assumeRole;
import static io.trailhound.core.testkit.CloudTrailRecord.decode;
import static io.trailhound.core.testkit.CloudTrailRecord.event;
import static io.trailhound.core.testkit.Identities.assumedRole;
import static io.trailhound.core.testkit.Identities.iamUser;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailhound.core.event.CloudTrailEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Attribution kept per credential: late issuances change a credential's answer, once, and the summary with it. */
class AttributorTest {
    private static final String A = "111111111111", B = "222222222222";

    private static CloudTrailEvent action(String key, String role, String session, String time) {
        return decode(event("ListBuckets").source("s3.amazonaws.com").at(time).account(B)
                .assumedRole(role, session, key, "2026-11-01T09:00:00Z").node());
    }

    private static CloudTrailEvent issue(String key, String role, String session, ObjectNode by) {
        return decode(assumeRole(B, role, session, key, 3600).at("2026-11-01T09:00:00Z").by(by).account(A).node());
    }

    @Test
    void aLateIssuanceChangesTheCredentialOnceAndMovesEveryEventMadeWithIt() {
        List<Attribution> passed = new ArrayList<>();
        List<CredentialChange> changes = new ArrayList<>();
        Attributor a = new Attributor((e, at) -> passed.add(at)).onChange(changes::add);
        CloudTrailEvent first = action("ASIALATE000000000001", "Ops", "alice", "2026-11-01T09:10:00Z");
        a.accept(first);
        a.accept(action("ASIALATE000000000001", "Ops", "alice", "2026-11-01T09:11:00Z"));
        assertThat(passed).allSatisfy(p -> {
            assertThat(p.confidence()).isEqualTo(Confidence.INFERRED);
            assertThat(p.reason()).startsWith("issuance not read yet");
        });
        assertThat(a.held()).filteredOn(h -> h.name().equals("pending credentials in memory"))
                .singleElement().satisfies(h -> assertThat(h.entries()).isEqualTo(1));

        a.accept(issue("ASIALATE000000000001", "Ops", "alice", iamUser(A, "alice", "AKIAALICE00000000001")));
        a.finish();
        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.credential()).isEqualTo("ASIALATE000000000001");
            assertThat(c.before().attribution().confidence()).isEqualTo(Confidence.INFERRED);
            assertThat(c.now().attribution().confidence()).isEqualTo(Confidence.EXACT);
            assertThat(c.now().attribution().origin().arn()).isEqualTo("arn:aws:iam::" + A + ":user/alice");
            assertThat(c.now().pending()).isFalse();
            assertThat(c.events()).isEqualTo(2);
        });
        assertThat(a.answer(first).confidence()).isEqualTo(Confidence.EXACT);
        assertThat(a.summary().count(Confidence.EXACT)).isEqualTo(2);
        assertThat(a.summary().count(Confidence.INFERRED)).isZero();
        assertThat(a.summary().topOrigins(10)).extracting(AttributionSummary.OriginCount::label)
                .containsExactly("arn:aws:iam::" + A + ":user/alice");
        assertThat(a.held()).filteredOn(h -> h.name().equals("pending credentials in memory"))
                .singleElement().satisfies(h -> assertThat(h.entries()).isZero());
    }

    @Test
    void aChainWhoseFirstHopArrivesLastSettlesHopByHop() {
        List<CredentialChange> changes = new ArrayList<>();
        Attributor a = new Attributor().onChange(changes::add);
        CloudTrailEvent act = action("ASIAADMIN00000000002", "Admin", "ops-admin", "2026-11-01T09:30:00Z");
        ObjectNode opsSession = assumedRole(B, "Ops", "alice", "ASIAOPS0000000000002", "2026-11-01T09:00:00Z");
        a.accept(act);
        a.accept(issue("ASIAADMIN00000000002", "Admin", "ops-admin", opsSession));
        // The second hop is known, its caller's key is not yet: still pending, now on the caller's key.
        assertThat(changes).hasSize(1);
        assertThat(changes.get(0).now().pending()).isTrue();
        assertThat(changes.get(0).now().waitKey()).isEqualTo("ASIAOPS0000000000002");
        a.accept(issue("ASIAOPS0000000000002", "Ops", "alice", iamUser(A, "alice", "AKIAALICE00000000001")));
        a.finish();
        // The admin credential settles; so does the Ops session's own (the AssumeRole into Admin was made with it).
        List<CredentialChange> admin = changes.stream().filter(c -> c.credential().equals("ASIAADMIN00000000002")).toList();
        assertThat(admin).hasSize(2);
        assertThat(changes).filteredOn(c -> c.credential().equals("ASIAOPS0000000000002")).singleElement()
                .satisfies(c -> assertThat(c.now().attribution().confidence()).isEqualTo(Confidence.EXACT));
        CredentialAnswer last = admin.get(1).now();
        assertThat(last.pending()).isFalse();
        assertThat(last.attribution().confidence()).isEqualTo(Confidence.EXACT);
        assertThat(last.attribution().chain()).extracting(Hop::accessKeyId)
                .containsExactly("ASIAADMIN00000000002", "ASIAOPS0000000000002");
        assertThat(a.summary().count(Confidence.EXACT)).isEqualTo(2);
    }

    @Test
    void pendingCredentialsPastTheMemoryBoundGoToDiskAndComeBackWhenTheirIssuanceIsRead() {
        List<CredentialChange> changes = new ArrayList<>();
        Attributor a = new Attributor((e, at) -> { }, new CredentialLedger(), TrustPolicies.none(), 3).onChange(changes::add);
        for (int i = 0; i < 20; i++) {
            a.accept(action(key(i), "Ops", "s" + i, "2026-11-01T09:10:00Z"));
        }
        assertThat(a.held()).filteredOn(h -> h.name().startsWith("pending credentials"))
                .extracting(io.trailhound.core.stage.HeldState::entries).containsExactly(3L, 17L);
        ObjectNode alice = iamUser(A, "alice", "AKIAALICE00000000001");
        for (int i = 0; i < 20; i += 2) {
            a.accept(issue(key(i), "Ops", "s" + i, alice));
        }
        a.finish();
        assertThat(changes).hasSize(10).allSatisfy(c -> assertThat(c.now().attribution().confidence()).isEqualTo(Confidence.EXACT));
        assertThat(changes).extracting(CredentialChange::credential).doesNotHaveDuplicates();
        assertThat(a.summary().count(Confidence.EXACT)).isEqualTo(10);
        assertThat(a.summary().count(Confidence.INFERRED)).isEqualTo(10);
        // The ten still pending are kept (on disk or in memory), none dropped; at most three in memory.
        List<Long> held = a.held().stream().filter(h -> h.name().startsWith("pending credentials"))
                .map(io.trailhound.core.stage.HeldState::entries).toList();
        assertThat(held.get(0)).isLessThanOrEqualTo(3);
        assertThat(held.get(0) + held.get(1)).isEqualTo(10);
        a.close();
    }

    @Test
    void answersDoNotDependOnOrderAndAnEventIsNeverHeld() {
        ObjectNode alice = iamUser(A, "alice", "AKIAALICE00000000001");
        List<CloudTrailEvent> records = List.of(action("ASIAK00000000000000A", "Ops", "a", "2026-11-01T09:10:00Z"),
                issue("ASIAK00000000000000A", "Ops", "a", alice),
                action("ASIAK00000000000000B", "Ops", "b", "2026-11-01T09:10:00Z"));
        Attributor forward = new Attributor();
        records.forEach(forward::accept);
        forward.finish();
        Attributor backward = new Attributor();
        for (int i = records.size() - 1; i >= 0; i--) {
            backward.accept(records.get(i));
        }
        backward.finish();
        for (CloudTrailEvent e : records) {
            assertThat(backward.answer(e)).isEqualTo(forward.answer(e));
        }
        assertThat(backward.summary().count(Confidence.EXACT)).isEqualTo(forward.summary().count(Confidence.EXACT)).isEqualTo(1);
        assertThat(backward.summary().count(Confidence.INFERRED)).isEqualTo(forward.summary().count(Confidence.INFERRED)).isEqualTo(1);
    }

    @Test
    void theReadingThreadsWorkACredentialOutOnceUntilItsIssuanceIsReadAndNeverForAnotherIdentity() {
        Attributor a = new Attributor();
        String key = "ASIACACHE00000000001";
        CredentialAnswer before = a.prepare(action(key, "Ops", "s1", "2026-11-01T09:10:00Z")).answer();
        assertThat(before.pending()).isTrue();
        assertThat(before.attribution().origin().type()).isEqualTo("SessionName");
        // The credential's next event gets the answer worked out for the first: the same one, no second walk.
        assertThat(a.prepare(action(key, "Ops", "s1", "2026-11-01T09:11:00Z")).answer()).isSameAs(before);
        // The same key with another identity (a sourceIdentity) is not answered from it, nor the other way round.
        CloudTrailEvent other = decode(event("ListBuckets").source("s3.amazonaws.com").at("2026-11-01T09:12:00Z").account(B)
                .assumedRole("Ops", "s1", key, "2026-11-01T09:00:00Z").set("/userIdentity/sessionContext/sourceIdentity", "bob")
                .node());
        assertThat(a.prepare(other).answer().attribution().origin().type()).isEqualTo("SourceIdentity");
        assertThat(a.prepare(action(key, "Ops", "s1", "2026-11-01T09:13:00Z")).answer().attribution().origin().type())
                .isEqualTo("SessionName");
        // Its issuance read (by any reading thread): the credential's next event is worked out again, exact.
        a.prepare(issue(key, "Ops", "s1", iamUser(A, "alice", "AKIAALICE00000000001")));
        CredentialAnswer after = a.prepare(action(key, "Ops", "s1", "2026-11-01T09:14:00Z")).answer();
        assertThat(after.pending()).isFalse();
        assertThat(after.attribution().confidence()).isEqualTo(Confidence.EXACT);
        assertThat(after.attribution().origin().arn()).isEqualTo("arn:aws:iam::" + A + ":user/alice");
    }

    @Test
    void theReadingThreadsCompareASessionsStartOnlyOnceTheLedgerHoldsSomethingOfTheSession() {
        Attributor a = new Attributor();
        String key = "ASIACACHE00000000002";
        CredentialAnswer first = a.prepare(action(key, "Admin", "hank", "2026-11-01T09:10:00Z")).answer();
        // Nothing of the session is known, so no lookup reads its start: another start gets the same answer.
        CloudTrailEvent laterStart = decode(event("ListUsers").source("iam.amazonaws.com").at("2026-11-01T09:20:00Z").account(B)
                .assumedRole("Admin", "hank", key, "2026-11-01T12:00:00Z").node());
        assertThat(a.prepare(laterStart).answer()).isSameAs(first);
        // A console SwitchRole into a session of that name at 09:00: now the start decides, per event.
        a.prepare(decode(event("SwitchRole").source("signin.amazonaws.com").account(B)
                .assumedRole("Admin", "hank", null, "2026-11-01T09:00:00Z")
                .set("/additionalEventData/SwitchFrom", "arn:aws:iam::" + A + ":user/hank").node()));
        CredentialAnswer atSwitch = a.prepare(action(key, "Admin", "hank", "2026-11-01T09:30:00Z")).answer();
        assertThat(atSwitch.attribution().confidence()).isEqualTo(Confidence.ASSERTED);
        assertThat(atSwitch.attribution().origin().arn()).isEqualTo("arn:aws:iam::" + A + ":user/hank");
        assertThat(a.prepare(laterStart).answer().attribution().origin().type()).isEqualTo("SessionName");
    }

    private static String key(int i) {
        return String.format("ASIASPILL%011d", i);
    }

    /**
     * A streaming host's runs: the spills are read back between them (and closed); a thread that
     * prepares again writes into a new spill, and every credential kept comes back when its
     * issuance is read, in that run or a later one.
     */
    @Test
    void spillsReadBackBetweenRunsAreReplacedAndNothingKeptIsLost() throws InterruptedException {
        List<CredentialChange> changes = new ArrayList<>();
        Attributor a = new Attributor((e, at) -> { }, new CredentialLedger(), TrustPolicies.none(), 2).onChange(changes::add);
        ObjectNode alice = iamUser(A, "alice", "AKIAALICE00000000001");
        for (int run = 0; run < 3; run++) {
            List<CloudTrailEvent> events = new ArrayList<>();
            for (int i = run * 10; i < run * 10 + 10; i++) {
                events.add(action(key(i), "Ops", "s" + i, "2026-11-01T09:10:00Z"));
            }
            events.add(action(key(99 - run), "Ops", "never", "2026-11-01T09:10:00Z")); // prepared, never kept
            List<PreparedCredential> prepared = prepareOnAThread(a, events);
            for (int i = 0; i < 10; i++) {
                a.accept(events.get(i), prepared.get(i));
                a.accept(action(key(run * 10 + i), "Ops", "s" + (run * 10 + i), "2026-11-01T09:11:00Z")); // this thread too
            }
            a.accept(issue(key(run * 10), "Ops", "s" + run * 10, alice)); // one issuance a run: the spills are read back
            a.reattribute();
        }
        assertThat(changes).extracting(CredentialChange::credential).containsExactly(key(0), key(10), key(20));
        for (int i = 0; i < 30; i++) {
            a.accept(issue(key(i), "Ops", "s" + i, alice));
        }
        a.finish();
        assertThat(changes).extracting(CredentialChange::credential).doesNotHaveDuplicates().hasSize(30)
                .doesNotContain(key(99), key(98), key(97));
        assertThat(changes).allSatisfy(c -> assertThat(c.events()).isEqualTo(2));
        assertThat(a.summary().count(Confidence.EXACT)).isEqualTo(60);
        assertThat(a.summary().count(Confidence.INFERRED)).isZero();
        a.close();
    }

    /** Prepares the events on a thread of their own, as a reading thread does. */
    private static List<PreparedCredential> prepareOnAThread(Attributor a, List<CloudTrailEvent> events) throws InterruptedException {
        List<PreparedCredential> out = new ArrayList<>();
        Thread t = new Thread(() -> events.forEach(e -> out.add(a.prepare(e))));
        t.start();
        t.join();
        return out;
    }

    /**
     * New pending credentials are written by the reading thread that prepared them; the stage keeps
     * each once. A credential both threads prepared, one whose events were all dropped (duplicates),
     * and one whose first prepared event was dropped all come back right when their issuances are
     * read: one change each for the credentials kept, with their events, and none for the others.
     */
    @Test
    void credentialsWrittenByTheReadingThreadsComeBackOnlyAsTheStageKeptThem() throws InterruptedException {
        List<CredentialChange> changes = new ArrayList<>();
        Attributor a = new Attributor((e, at) -> { }, new CredentialLedger(), TrustPolicies.none(), 2).onChange(changes::add);
        List<CloudTrailEvent> first = new ArrayList<>(), second = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            first.add(action(key(i), "Ops", "s" + i, "2026-11-01T09:10:00Z"));
            second.add(action(key(i), "Ops", "s" + i, "2026-11-01T09:11:00Z"));
        }
        for (int i = 10; i < 15; i++) {
            second.add(action(key(i), "Ops", "s" + i, "2026-11-01T09:11:00Z")); // prepared, then dropped: never accepted
        }
        first.add(action(key(20), "Ops", "s20", "2026-11-01T09:10:00Z")); // dropped
        first.add(action(key(20), "Ops", "s20", "2026-11-01T09:12:00Z")); // the same credential's next event, accepted
        List<PreparedCredential> p1 = prepareOnAThread(a, first), p2 = prepareOnAThread(a, second);
        assertThat(p1.get(11)).isSameAs(p1.get(10)); // one preparation for both events of key 20, in that thread
        for (int i = 0; i < 10; i++) {
            a.accept(first.get(i), p1.get(i));
            a.accept(second.get(i), p2.get(i));
        }
        a.accept(first.get(11), p1.get(11));
        assertThat(a.summary().count(Confidence.INFERRED)).isEqualTo(21);

        ObjectNode alice = iamUser(A, "alice", "AKIAALICE00000000001");
        for (int i : new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 20}) {
            a.accept(issue(key(i), "Ops", "s" + i, alice));
        }
        a.finish();
        assertThat(changes).extracting(CredentialChange::credential).containsExactlyInAnyOrderElementsOf(
                java.util.stream.IntStream.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 20).mapToObj(AttributorTest::key).toList());
        assertThat(changes).filteredOn(c -> !c.credential().equals(key(20))).allSatisfy(c -> assertThat(c.events()).isEqualTo(2));
        assertThat(changes).filteredOn(c -> c.credential().equals(key(20))).singleElement()
                .satisfies(c -> assertThat(c.events()).isEqualTo(1));
        assertThat(a.summary().count(Confidence.EXACT)).isEqualTo(21);
        assertThat(a.summary().count(Confidence.INFERRED)).isZero();
        assertThat(a.held()).filteredOn(h -> h.name().startsWith("pending credentials"))
                .extracting(io.trailhound.core.stage.HeldState::entries).containsExactly(0L, 0L);
        a.close();
    }
    /** A long-running host's retention: what lies past it in event time is forgotten, in memory and on disk; the rest stays. */
    @Test
    void forgetBeforeDropsOldPendingCredentialsAndExpiredIssuancesAndKeepsTheRest() {
        List<CredentialChange> changes = new ArrayList<>();
        Attributor a = new Attributor((e, at) -> { }, new CredentialLedger(), TrustPolicies.none(), 2).onChange(changes::add);
        for (int i = 0; i < 6; i++) {
            a.accept(action(key(i), "Ops", "s" + i, "2026-11-01T09:10:00Z")); // old: 4 of them on disk
        }
        a.accept(action(key(7), "Ops", "s7", "2026-11-03T09:10:00Z"));
        ObjectNode alice = iamUser(A, "alice", "AKIAALICE00000000001");
        a.accept(issue("ASIAOLD0000000000001", "Ops", "old", alice)); // issued 2026-11-01T09:00, expires an hour later
        long cutoff = java.time.Instant.parse("2026-11-02T00:00:00Z").toEpochMilli();

        Attributor.Forgotten f = a.forgetBefore(cutoff);
        assertThat(f.pendingCredentials()).isEqualTo(6);
        assertThat(f.issuances()).isEqualTo(1);
        assertThat(a.ledger().byKey("ASIAOLD0000000000001")).isNull();
        assertThat(a.held()).filteredOn(h -> h.name().startsWith("pending credentials"))
                .extracting(io.trailhound.core.stage.HeldState::entries).containsExactly(1L, 0L);
        // the forgotten credentials no longer change; the one kept still does
        a.accept(issue(key(0), "Ops", "s0", alice));
        a.accept(issue(key(7), "Ops", "s7", alice));
        a.finish();
        assertThat(changes).extracting(CredentialChange::credential).containsExactly(key(7));
        a.close();
    }
}
