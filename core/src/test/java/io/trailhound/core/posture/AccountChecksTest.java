package io.trailhound.core.posture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trailhound.core.identity.AuthorizationDetails;
import io.trailhound.core.identity.RoleTrust;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountChecksTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ME = Reports.ACCOUNT, OTHER = "444455556666";

    @TempDir
    Path tmp;

    private static List<Finding> run(PostureCheck check, AccountInputs in, int[] applicable) {
        List<Finding> out = new ArrayList<>();
        applicable[0] = check.evaluate(in, new AuditContext(Reports.AS_OF, Thresholds.defaults()), out);
        return out;
    }

    private Path policy(String json) throws Exception {
        Path f = tmp.resolve("password-policy.json");
        Files.writeString(f, json);
        return f;
    }

    @Test
    void passwordPolicyAtCisPassesAndBelowItFails() throws Exception {
        int[] n = new int[1];
        PasswordPolicy strong = PasswordPolicyParser.read(policy("{\"PasswordPolicy\":{\"MinimumPasswordLength\":14,"
                + "\"PasswordReusePrevention\":24,\"MaxPasswordAge\":90,\"ExpirePasswords\":true}}"));
        assertThat(run(new PasswordPolicyWeak(), new AccountInputs(ME, null, strong, null), n)).isEmpty();
        assertThat(n[0]).isEqualTo(1);
        PasswordPolicy weak = PasswordPolicyParser.read(policy("{\"PasswordPolicy\":{\"MinimumPasswordLength\":13,"
                + "\"PasswordReusePrevention\":24,\"MaxPasswordAge\":91}}"));
        assertThat(run(new PasswordPolicyWeak(), new AccountInputs(ME, null, weak, null), n)).singleElement()
                .satisfies(f -> assertThat(f.detail()).contains("MinimumPasswordLength 13").contains("MaxPasswordAge 91")
                        .doesNotContain("PasswordReusePrevention"));
    }

    @Test
    void noCustomPolicyIsTheIamDefaultWhichFailsAndNoFileIsNotEvaluated() throws Exception {
        int[] n = new int[1];
        PasswordPolicy none = PasswordPolicyParser.read(policy(
                "An error occurred (NoSuchEntity) when calling the GetAccountPasswordPolicy operation: The Password Policy with domain name 111122223333 cannot be found."));
        assertThat(run(new PasswordPolicyWeak(), new AccountInputs(ME, null, none, null), n)).singleElement()
                .satisfies(f -> assertThat(f.detail()).startsWith("no custom policy").contains("never expire"));
        assertThat(run(new PasswordPolicyWeak(), new AccountInputs(ME, null, null, null), n)).isEmpty();
        assertThat(n[0]).isZero();
    }

    private static String role(String name, String trust) {
        return "{\"RoleName\":\"" + name + "\",\"Path\":\"/\",\"Arn\":\"arn:aws:iam::" + ME + ":role/" + name
                + "\",\"AssumeRolePolicyDocument\":" + trust + "}";
    }

    private static String trust(String principal, String condition) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":" + principal
                + ",\"Action\":\"sts:AssumeRole\"" + (condition == null ? "" : ",\"Condition\":" + condition) + "}]}";
    }

    @Test
    void roleTrustMustPinTheSessionNameOrRequireASourceIdentity() throws Exception {
        String other = "{\"AWS\":\"arn:aws:iam::" + OTHER + ":root\"}";
        String encoded = "\"" + java.net.URLEncoder.encode(trust("{\"AWS\":\"arn:aws:iam::" + OTHER + ":user/ops+admin\"}", null),
                java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20").replace("%2B", "+") + "\"";
        String details = "{\"RoleDetailList\":["
                + role("Open", trust(other, null)) + ","
                + role("Pinned", trust(other, "{\"StringLike\":{\"sts:RoleSessionName\":\"${aws:username}\"}}")) + ","
                + role("SourceIdentity", trust(other, "{\"StringLike\":{\"sts:SourceIdentity\":\"${aws:username}\"}}")) + ","
                + role("SourceIdentityPresent", trust(other, "{\"Null\":{\"sts:SourceIdentity\":\"false\"}}")) + ","
                + role("SourceIdentityAbsent", trust(other, "{\"Null\":{\"sts:SourceIdentity\":\"true\"}}")) + ","
                + role("Service", trust("{\"Service\":\"ec2.amazonaws.com\"}", null)) + ","
                + role("SameAccountChain", trust("{\"AWS\":\"arn:aws:iam::" + ME + ":role/Other\"}", null)) + ","
                + role("CrossAccountRole", trust("{\"AWS\":[\"arn:aws:iam::" + OTHER + ":role/Dev\"]}", null)) + ","
                + role("Encoded", encoded) + "]}";
        Path f = tmp.resolve("authorization-details.json");
        Files.writeString(f, details);
        List<RoleTrust> roles = AuthorizationDetails.roles(f);
        int[] n = new int[1];
        List<Finding> found = run(new RoleSessionNameNotPinned(), new AccountInputs(ME, null, null, roles), n);
        assertThat(found).extracting(x -> x.role().substring(x.role().lastIndexOf('/') + 1))
                .containsExactly("Open", "SourceIdentityAbsent", "CrossAccountRole", "Encoded");
        assertThat(n[0]).isEqualTo(7);
        assertThat(found.get(0).detail()).contains("\"sts:RoleSessionName\": \"${aws:username}\"");
        assertThat(found.get(2).detail()).contains("\"Null\": {\"sts:SourceIdentity\": \"false\"}");
        assertThat(found.get(3).detail()).contains("user/ops+admin");
        assertThat(found.get(0).user()).isNull();
        JsonNode parsed = JSON.readTree(RoleSessionNameNotPinned.PIN_SESSION_NAME.replace("\"Condition\": ", ""));
        assertThat(parsed.at("/StringLike/sts:RoleSessionName").asText()).isEqualTo("${aws:username}");
    }

    @Test
    void onlyConditionsThatReallyPinOrRequireCountAndActionsAreReadAsIamReadsThem() throws Exception {
        String other = "{\"AWS\":\"arn:aws:iam::" + OTHER + ":root\"}";
        java.util.function.BiFunction<String, String, String> withAction = (action, condition) ->
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":" + other + "," + action
                        + (condition == null ? "" : ",\"Condition\":" + condition) + "}]}";
        String details = "{\"RoleDetailList\":["
                + role("NotEquals", trust(other, "{\"StringNotLike\":{\"sts:RoleSessionName\":\"${aws:username}\"}}")) + ","
                + role("IfExistsSource", trust(other, "{\"StringEqualsIfExists\":{\"sts:SourceIdentity\":\"${aws:username}\"}}")) + ","
                + role("ForAllSource", trust(other, "{\"ForAllValues:StringEquals\":{\"sts:SourceIdentity\":\"x\"}}")) + ","
                + role("LowerCaseKey", trust(other, "{\"StringLike\":{\"sts:rolesessionname\":\"${aws:username}\"}}")) + ","
                + role("IfExistsSession", trust(other, "{\"StringLikeIfExists\":{\"sts:RoleSessionName\":\"${aws:username}\"}}")) + ","
                + role("WildcardAction", withAction.apply("\"Action\":\"sts:Assume*\"", null)) + ","
                + role("NotActionAssume", withAction.apply("\"NotAction\":\"sts:AssumeRole\"", null)) + ","
                + role("NotActionOther", withAction.apply("\"NotAction\":\"sts:TagSession\"", null)) + "]}";
        Path f = tmp.resolve("authorization-details.json");
        Files.writeString(f, details);
        int[] n = new int[1];
        List<Finding> found = run(new RoleSessionNameNotPinned(), new AccountInputs(ME, null, null,
                AuthorizationDetails.roles(f)), n);
        assertThat(found).extracting(x -> x.role().substring(x.role().lastIndexOf('/') + 1))
                .containsExactly("NotEquals", "IfExistsSource", "ForAllSource", "WildcardAction", "NotActionOther");
        assertThat(n[0]).isEqualTo(7); // NotActionAssume cannot be assumed with AssumeRole at all
    }
}
