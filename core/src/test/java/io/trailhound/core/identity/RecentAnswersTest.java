package io.trailhound.core.identity;

import static io.trailhound.core.testkit.CloudTrailRecord.assumeRole;
import static io.trailhound.core.testkit.CloudTrailRecord.decode;
import static io.trailhound.core.testkit.CloudTrailRecord.event;
import static io.trailhound.core.testkit.Identities.iamUser;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.event.CloudTrailEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A reading thread reuses the answer it worked out for a credential's earlier event: never once
 * the ledger has recorded what changes it, nor for an event whose session start matters to a
 * lookup the ledger can answer, also when nothing was recorded in between.
 */
class RecentAnswersTest {
    private static final String A = "111111111111", B = "222222222222";
    private static final String SESSION_ARN = "arn:aws:sts::" + B + ":assumed-role/Ops/console";

    private static CloudTrailEvent action(String key, String session, String created) {
        return decode(event("ListBuckets").source("s3.amazonaws.com").at("2026-11-01T12:00:00Z").account(B)
                .assumedRole("Ops", session, key, created).node());
    }

    private static CloudTrailEvent issue(String key, String session) {
        return decode(assumeRole(B, "Ops", session, key, 3600).at("2026-11-01T09:00:00Z")
                .by(iamUser(A, "alice", "AKIAALICE00000000001")).account(A).node());
    }

    /** Each event's prepared answer is the one worked out afresh for it, as the ledger stands. */
    private static void assertFresh(Attributor a, CloudTrailEvent e) {
        CredentialAnswer prepared = a.prepare(e).answer();
        CredentialAnswer fresh = a.answer(CredentialIdentity.of(e));
        assertThat(prepared.sameAnswer(fresh)).as("%s against %s", prepared.attribution(), fresh.attribution()).isTrue();
        assertThat(prepared.pending()).isEqualTo(fresh.pending());
    }

    @Test
    void aKeysIssuanceRecordedBetweenTwoEventsIsUsedForTheSecond() {
        try (Attributor a = new Attributor()) {
            for (int i = 0; i < 3; i++) {
                assertFresh(a, action("ASIARECENT0000000001", "s1", "2026-11-01T09:00:00Z")); // pending: session name only
            }
            a.prepare(issue("ASIARECENT0000000001", "s1")); // a reading thread records it
            CloudTrailEvent after = action("ASIARECENT0000000001", "s1", "2026-11-01T09:00:00Z");
            assertFresh(a, after);
            assertThat(a.prepare(after).answer().attribution().confidence()).isEqualTo(Confidence.EXACT);
        }
    }

    /**
     * With a SwitchRole into the session recorded, the session's start picks the answer: an event
     * of the same key and session with another start gets its own answer, though nothing was
     * recorded between the two.
     */
    @Test
    void anotherSessionStartIsWorkedOutAgainWhenTheLedgerKnowsTheSession() {
        try (Attributor a = new Attributor()) {
            a.ledger().recordSwitch(SESSION_ARN, java.time.Instant.parse("2026-11-01T09:00:00Z").toEpochMilli(),
                    "arn:aws:iam::" + A + ":user/alice");
            for (String created : List.of("2026-11-01T09:00:00Z", "2026-11-01T11:00:00Z", "2026-11-01T09:00:00Z")) {
                assertFresh(a, action("ASIARECENT0000000002", "console", created));
            }
            assertThat(a.prepare(action("ASIARECENT0000000002", "console", "2026-11-01T11:00:00Z")).answer().attribution()
                    .origin().type()).isEqualTo("SessionName");
            assertThat(a.prepare(action("ASIARECENT0000000002", "console", "2026-11-01T09:00:00Z")).answer().attribution()
                    .origin().arn()).isEqualTo("arn:aws:iam::" + A + ":user/alice");
        }
    }
}
