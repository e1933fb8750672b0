package io.trailhound.aws.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.trailhound.aws.AwsErrors.AwsCallException;
import io.trailhound.aws.AwsSettings;
import io.trailhound.core.posture.AuditResult;
import io.trailhound.core.posture.DirectorySource;
import io.trailhound.core.posture.Finding;
import io.trailhound.core.posture.PostureAudit;
import io.trailhound.core.posture.PostureChecks;
import io.trailhound.core.posture.Thresholds;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** {@code audit --aws} against documented IAM, STS and Organizations responses on a local server. */
class PostureFetchTest {
    private static final String ME = "111122223333";
    private static final String MEMBER = "444455556666";
    private static final String LOCKED = "777788889999";
    private static final String HEADER = "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,"
            + "password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,"
            + "access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,"
            + "access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,"
            + "cert_1_last_rotated,cert_2_active,cert_2_last_rotated";

    @TempDir
    Path tmp;
    private FakeIam iam;

    @BeforeEach
    void start() throws Exception {
        iam = new FakeIam(ME, "AKIDCALLER");
        FakeIam.Account me = iam.account(ME);
        me.reportCsv = report(ME, "true"); // root with an active access key
        me.reportPollsBeforeComplete = 2;
        me.passwordPolicyXml = null; // NoSuchEntity: no policy
        String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                + "\"arn:aws:iam::" + ME + ":root\"},\"Action\":\"sts:AssumeRole\"}]}";
        for (String name : new String[] {"Admin", "Deploy", "ReadOnly"}) {
            me.rolesXml.add("<Path>/</Path><RoleName>" + name + "</RoleName><RoleId>AROA" + name.toUpperCase()
                    + "</RoleId><Arn>arn:aws:iam::" + ME + ":role/" + name + "</Arn><CreateDate>2026-01-01T00:00:00Z</CreateDate>"
                    + "<AssumeRolePolicyDocument>" + URLEncoder.encode(trust, StandardCharsets.UTF_8)
                    + "</AssumeRolePolicyDocument><InstanceProfileList/><RolePolicyList/><AttachedManagedPolicies/>");
        }
        FakeIam.Account member = iam.account(MEMBER);
        member.reportCsv = report(MEMBER, "false");
        member.passwordPolicyXml = "<MinimumPasswordLength>14</MinimumPasswordLength><RequireSymbols>true</RequireSymbols>"
                + "<RequireNumbers>true</RequireNumbers><RequireUppercaseCharacters>true</RequireUppercaseCharacters>"
                + "<RequireLowercaseCharacters>true</RequireLowercaseCharacters><AllowUsersToChangePassword>true"
                + "</AllowUsersToChangePassword><ExpirePasswords>true</ExpirePasswords><MaxPasswordAge>90</MaxPasswordAge>"
                + "<PasswordReusePrevention>24</PasswordReusePrevention>";
        iam.account(LOCKED).assumable = false;
    }

    @AfterEach
    void stop() {
        iam.close();
    }

    private static String report(String account, String rootKeyActive) {
        return HEADER + "\n<root_account>,arn:aws:iam::" + account + ":root,2020-01-01T00:00:00+00:00,not_supported,"
                + "2026-10-01T00:00:00+00:00,not_supported,not_supported,true," + rootKeyActive + ","
                + ("true".equals(rootKeyActive) ? "2025-01-01T00:00:00+00:00" : "N/A")
                + ",N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n";
    }

    private AwsSettings settings() {
        return AwsSettings.of(null, "us-east-1", iam.endpoint().toString()).withRetries(5, Duration.ofMillis(5))
                .withCredentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDCALLER", "secret")));
    }

    @Test
    void savesTheOrganisationInTheLayoutAuditReadsAndAuditsIt() throws Exception {
        iam.throttle.put("GetAccountAuthorizationDetails", new AtomicInteger(2));
        iam.throttle.put("ListAccounts", new AtomicInteger(1));
        PostureFetch.Fetched f = new PostureFetch(settings(), Duration.ofMillis(1), Duration.ofSeconds(10))
                .fetch(tmp, true, PostureFetch.DEFAULT_ROLE);

        assertThat(f.accounts()).containsExactly(ME, MEMBER);
        assertThat(f.notes()).singleElement().asString().contains(LOCKED).contains("sts:AssumeRole")
                .contains("access denied").contains("role/OrganizationAccountAccessRole");
        assertThat(iam.throttled.get()).isEqualTo(3);
        // the report was generated until COMPLETE (STARTED, INPROGRESS, COMPLETE), then fetched
        assertThat(iam.calls.stream().filter(c -> c.equals("GenerateCredentialReport@" + ME))).hasSize(3);
        // every page of the details, the trust policies decoded into objects as the AWS CLI prints them
        JsonNode details = SdkJson.MAPPER.readTree(tmp.resolve(ME).resolve("authorization-details.json").toFile());
        assertThat(details.get("RoleDetailList")).hasSize(3);
        assertThat(details.at("/RoleDetailList/0/AssumeRolePolicyDocument/Statement/0/Action").asText()).isEqualTo("sts:AssumeRole");
        assertThat(Files.readString(tmp.resolve(ME).resolve("password-policy.json"))).contains("NoSuchEntity");
        assertThat(Files.list(tmp).map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(ME, MEMBER);

        AuditResult r = new PostureAudit(PostureChecks.all(), Thresholds.defaults(), null).run(new DirectorySource(tmp), a -> { });
        assertThat(r.accounts()).containsExactlyInAnyOrder(ME, MEMBER);
        assertThat(r.findings()).extracting(Finding::check, Finding::account)
                .contains(org.assertj.core.groups.Tuple.tuple("root-access-key", ME),
                        org.assertj.core.groups.Tuple.tuple("password-policy-weak", ME))
                .doesNotContain(org.assertj.core.groups.Tuple.tuple("password-policy-weak", MEMBER),
                        org.assertj.core.groups.Tuple.tuple("root-access-key", MEMBER));
    }

    @Test
    void withoutTheOrganisationOnlyTheCallersAccountIsFetched() throws Exception {
        PostureFetch.Fetched f = new PostureFetch(settings(), Duration.ofMillis(1), Duration.ofSeconds(10))
                .fetch(tmp, false, PostureFetch.DEFAULT_ROLE);
        assertThat(f.accounts()).containsExactly(ME);
        assertThat(iam.calls).noneMatch(c -> c.contains("ListAccounts") || c.startsWith("AssumeRole"));
    }

    @Test
    void accessDeniedSaysWhichActionToAllow() {
        iam.keyToAccount.clear();
        assertThatThrownBy(() -> new PostureFetch(settings(), Duration.ofMillis(1), Duration.ofSeconds(10))
                .fetch(tmp, false, PostureFetch.DEFAULT_ROLE))
                .isInstanceOf(AwsCallException.class)
                .hasMessageContaining("sts:GetCallerIdentity")
                .hasMessageContaining("expired or not valid");
    }

    @Test
    void throttlingPastTheRetriesIsAnErrorNamingTheCall() {
        iam.throttle.put("GetAccountPasswordPolicy", new AtomicInteger(100));
        assertThatThrownBy(() -> new PostureFetch(settings(), Duration.ofMillis(1), Duration.ofSeconds(10))
                .fetch(tmp, false, PostureFetch.DEFAULT_ROLE))
                .isInstanceOf(AwsCallException.class)
                .hasMessageContaining("iam:GetAccountPasswordPolicy").hasMessageContaining("Throttling");
        assertThat(tmp.resolve(ME)).doesNotExist(); // no half account saved
    }
}
