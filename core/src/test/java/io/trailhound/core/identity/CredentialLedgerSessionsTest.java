package io.trailhound.core.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@link CredentialLedger#knowsSession} answers from a filter by the ARN's tail before its maps: every
 * session recorded (by issuance or SwitchRole) is known, and sessions never recorded are not, also
 * when they end exactly like one that was.
 */
class CredentialLedgerSessionsTest {
    private static final Caller ALICE = new Caller("IAMUser", "arn:aws:iam::111111111111:user/alice", "AIDAALICE", "111111111111",
            "AKIAALICE00000000001", "alice", null, null, null, null, false);

    private static String session(String account, int i) {
        return "arn:aws:sts::" + account + ":assumed-role/Ops/session-" + i;
    }

    private static Issuance issuance(String sessionArn, int i) {
        return new Issuance(IssuanceKind.ASSUME_ROLE, String.format("ASIALEDGER%010d", i), ALICE, "arn:aws:iam::111111111111:role/Ops",
                sessionArn, "session-" + i, null, null, null, null, 1_700_000_000_000L + i, 1_700_000_360_000L + i, "111111111111",
                "111111111111", "event-" + i, null, null);
    }

    @Test
    void everySessionRecordedIsKnownAndOnesThatOnlyEndAlikeAreNot() {
        CredentialLedger ledger = new CredentialLedger();
        for (int i = 0; i < 20_000; i++) {
            if (i % 2 == 0) {
                ledger.record(issuance(session("111111111111", i), i));
            } else {
                ledger.recordSwitch(session("111111111111", i), 1_700_000_000_000L, "arn:aws:iam::111111111111:user/bob");
            }
        }
        for (int i = 0; i < 20_000; i++) {
            assertThat(ledger.knowsSession(session("111111111111", i))).as("session %d", i).isTrue();
            // Never recorded, but of the same length and tail as one that is (the filter lets it through to the maps).
            assertThat(ledger.knowsSession(session("222222222222", i))).as("other account's session %d", i).isFalse();
            assertThat(ledger.knowsSession(session("111111111111", 20_000 + i))).isFalse();
        }
        assertThat(ledger.knowsSession(null)).isFalse();
        assertThat(TailHash.of(session("111111111111", 7))).isEqualTo(TailHash.of(session("222222222222", 7)));
    }
}
