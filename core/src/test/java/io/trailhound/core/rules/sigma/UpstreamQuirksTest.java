package io.trailhound.core.rules.sigma;

import static io.trailhound.core.rules.sigma.SigmaFixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.ir.CompiledRule;
import org.junit.jupiter.api.Test;

/**
 * The three SigmaHQ rules that misbehave on raw CloudTrail, run unchanged with literal Sigma
 * semantics: these tests pin the misbehaviour so a change in it is noticed, and document it. The
 * rules are not patched.
 */
class UpstreamQuirksTest {
    private static CompiledRule peer(String stem) {
        return PeerRules.load().rules().stream().filter(r -> PeerRules.stem(r.info().file()).equals(stem))
                .findFirst().orElseThrow();
    }

    /**
     * {@code userIdentity.arn|contains: responseElements.accessKey.userName} compares with that
     * literal text (the author meant fieldref), so the filter never holds and a user creating a key
     * for themself fires too.
     */
    @Test
    void backdoorUsersKeysFiresOnAUsersOwnKey() {
        CloudTrailEvent own = event("iam.amazonaws.com", "CreateAccessKey", "\"requestParameters\":{\"userName\":\"alice\"},"
                + "\"responseElements\":{\"accessKey\":{\"userName\":\"alice\",\"accessKeyId\":\"AKIANEW\",\"status\":\"Active\"}}");
        assertThat(peer("aws_iam_backdoor_users_keys").condition().test(own)).isTrue();
    }

    /**
     * {@code userIdentity.arn|fieldref: requestParameters.userName}: an ARN
     * ({@code arn:aws:iam::…:user/alice}) never equals a bare name ({@code alice}), so a user
     * changing their own console password fires too.
     */
    @Test
    void updateLoginProfileFiresOnAUsersOwnProfile() {
        CloudTrailEvent own = event("iam.amazonaws.com", "UpdateLoginProfile", "\"requestParameters\":{\"userName\":\"alice\"}");
        assertThat(peer("aws_update_login_profile").condition().test(own)).isTrue();
    }

    /** {@code status: 'success'} names a field CloudTrail records do not have: a real deletion never matches. */
    @Test
    void deleteSamlProviderNeverMatchesARealRecord() {
        CloudTrailEvent real = event("iam.amazonaws.com", "DeleteSAMLProvider", "\"sourceIPAddress\":\"198.51.100.7\","
                + "\"requestParameters\":{\"sAMLProviderArn\":\"arn:aws:iam::111122223333:saml-provider/okta\"},"
                + "\"responseElements\":null");
        assertThat(peer("aws_delete_saml_provider").condition().test(real)).isFalse();
    }

    /**
     * Not a bug but worth pinning: {@code errorMessage|contains: '*'} holds for any present value,
     * the empty string included, and not for a missing field.
     */
    @Test
    void vmExportFailureFiltersOnAnyPresentErrorMessage() {
        CompiledRule rule = peer("aws_ec2_vm_export_failure");
        assertThat(rule.condition().test(event("ec2.amazonaws.com", "CreateInstanceExportTask", "\"errorMessage\":\"\"")))
                .isFalse();
        assertThat(rule.condition().test(event("ec2.amazonaws.com", "CreateInstanceExportTask", ""))).isTrue();
    }
}
