package io.trailhound.core.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The issuing STS calls by event name, found without hashing most names (asked of every event). */
class IssuanceKindTest {

    @Test
    void everyIssuingCallIsFoundByItsNameAndNothingElseIs() {
        for (IssuanceKind k : IssuanceKind.values()) {
            assertThat(IssuanceKind.of(k.eventName())).isSameAs(k);
            assertThat(IssuanceKind.of(new String(k.eventName().toCharArray()))).isSameAs(k); // not the same string instance
        }
        for (String other : new String[] {null, "", "Assume", "AssumeRoleX", "assumeRole", "GetSessionTokens", "GetSession",
                "GetFederationTokenX", "GetObject", "GetCallerIdentity", "SwitchRole", "ConsoleLogin", "GetSessionToken ",
                "AssumeRoot2", "ListBuckets"}) {
            assertThat(IssuanceKind.of(other)).as(String.valueOf(other)).isNull();
        }
    }
}
