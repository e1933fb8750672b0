package io.trailhound.core.rules.elastic;

import static io.trailhound.core.rules.elastic.CloudTrailRecords.IAM_USER;
import static io.trailhound.core.rules.elastic.CloudTrailRecords.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.rules.ir.Accessor;
import io.trailhound.core.rules.ir.CompiledRule;
import io.trailhound.core.rules.ir.Predicates;
import io.trailhound.core.Severity;
import io.trailhound.core.rules.ir.Stateful;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The seed rule, "AWS STS AssumeRoot by Rare User and Member Account", as published (peer copy):
 * its query picks successful AssumeRoot calls, and its new_terms term is the caller ARN with the
 * member account the root session is for ({@code aws.cloudtrail.resources.account_id}, now-7d in
 * the published file). Whether a term is new is the engine's job; here: the same caller and member
 * account give the same term, another member account a different one.
 */
class SeedRuleAssumeRootTest {
    private static final String NAME = "AWS STS AssumeRoot by Rare User and Member Account";

    /** AssumeRoot as AWS documents it: a management-account principal asks for root in a member account. */
    private static CloudTrailEvent assumeRoot(String memberAccount, String rest) {
        return record("sts.amazonaws.com", "AssumeRoot", IAM_USER, "198.51.100.20", "aws-cli/2.22.4 Python/3.12.6",
                "\"requestParameters\":{\"targetPrincipal\":\"" + memberAccount + "\",\"taskPolicyArn\":{\"arn\":"
                        + "\"arn:aws:iam::aws:policy/root-task/IAMDeleteRootUserCredentials\"},\"durationSeconds\":900},"
                        + "\"resources\":[{\"accountId\":\"" + memberAccount + "\",\"type\":\"AWS::IAM::Root\","
                        + "\"ARN\":\"arn:aws:iam::" + memberAccount + ":root\"}]" + rest);
    }

    @Test
    void queryMatchesASuccessfulAssumeRootAndNotAFailedOne() {
        CompiledRule rule = PeerRules.byName(NAME);
        CloudTrailEvent ok = assumeRoot("444455556666", ",\"responseElements\":{\"credentials\":{\"accessKeyId\":"
                + "\"ASIAROOTSESSION00001\",\"sessionToken\":\"t\",\"expiration\":\"Nov 20, 2024, 10:15:00 AM\"}}");
        CloudTrailEvent denied = assumeRoot("444455556666", ",\"errorCode\":\"AccessDenied\",\"errorMessage\":"
                + "\"User is not authorized to perform: sts:AssumeRoot\"");
        assertThat(rule.condition().test(ok)).isTrue();
        assertThat(rule.condition().test(denied)).isFalse();
        assertThat(rule.condition().test(record("sts.amazonaws.com", "AssumeRole", IAM_USER, "198.51.100.20",
                "aws-cli/2.22.4", "\"requestParameters\":{\"roleArn\":\"arn:aws:iam::444455556666:role/x\"}")))
                .isFalse();
        assertThat(Predicates.requiredEventNames(rule.condition())).containsExactly("assumeroot");
    }

    @Test
    void newTermsIsCallerArnAndMemberAccountOverTheHistoryAsWritten() {
        CompiledRule rule = PeerRules.byName(NAME);
        assertThat(rule.info().severity()).isEqualTo(Severity.HIGH);
        assertThat(rule.info().riskScore()).isEqualTo(73);
        assertThat(rule.info().extra()).containsEntry("type", "new_terms").containsEntry("from", "now-6m")
                .containsEntry("interval", "5m");
        Stateful.NewTerms nt = (Stateful.NewTerms) rule.stateful();
        assertThat(nt.fields()).extracting(Accessor::name)
                .containsExactly("aws.cloudtrail.user_identity.arn", "aws.cloudtrail.resources.account_id");
        assertThat(nt.history()).isEqualTo(Duration.ofDays(7));

        List<Object> first = term(nt, assumeRoot("444455556666", ""));
        List<Object> repeat = term(nt, assumeRoot("444455556666", ""));
        List<Object> otherAccount = term(nt, assumeRoot("777788889999", ""));
        assertThat(first).containsExactly("arn:aws:iam::111122223333:user/alice", "444455556666");
        assertThat(repeat).isEqualTo(first);
        assertThat(otherAccount).isNotEqualTo(first);
    }

    private static List<Object> term(Stateful.NewTerms nt, CloudTrailEvent e) {
        return nt.fields().stream().map(a -> a.extract(e)).toList();
    }
}
