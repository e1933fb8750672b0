package io.trailhound.core.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailhound.core.inputfile.InputFormatException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Authorization details of the wrong shape: an error naming the file, line and column, never a role lost or a crash. */
class AuthorizationDetailsTest {
    private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"arn:aws:iam::111111111111:root\"},\"Action\":\"sts:AssumeRole\"}]}";

    @TempDir
    Path tmp;

    private Path details(String text) throws Exception {
        Path f = tmp.resolve("authorization-details.json");
        Files.writeString(f, text);
        return f;
    }

    /** One role a line after the first: role {@code i} (0-based) is on line {@code i + 2}. */
    private Path roles(String... roles) throws Exception {
        return details("{\"RoleDetailList\":[\n" + String.join(",\n", roles) + "\n]}");
    }

    private static String role(String name, String trust) {
        return "{\"RoleName\":\"" + name + "\",\"Arn\":\"arn:aws:iam::222222222222:role/" + name
                + "\",\"AssumeRolePolicyDocument\":" + trust + "}";
    }

    @Test
    void deepNestingIsAnErrorWithALocationNotANullPointer() throws Exception {
        Path f = details("{\"RoleDetailList\":\n" + "[".repeat(100_000) + "]".repeat(100_000) + "}");
        assertThatThrownBy(() -> AuthorizationDetails.roles(f)).isInstanceOf(InputFormatException.class)
                .hasMessageStartingWith(f + ":2:").hasMessageContaining("nesting depth");
        assertThatThrownBy(() -> TrustPolicies.read(List.of(f))).isInstanceOf(InputFormatException.class)
                .hasMessageStartingWith(f + ":2:");
    }

    @Test
    void aDeepOrBrokenUrlEncodedTrustPolicyNamesTheRoleItBelongsTo() throws Exception {
        String deep = "\"" + "%5B".repeat(2_000) + "\"";
        Path f = roles(role("Fine", TRUST), role("Deep", deep));
        assertThatThrownBy(() -> AuthorizationDetails.roles(f)).isInstanceOf(InputFormatException.class)
                .hasMessageStartingWith(f + ":3:" + (role("Deep", "").length()) + ": /RoleDetailList/1/AssumeRolePolicyDocument: ")
                .hasMessageContaining("URL-decoded document:1:").hasMessageContaining("nesting depth");
        Path latin1 = roles(role("Latin1", "\"%7B%22a%22%3A%22%E9%22%7D\""));
        assertThatThrownBy(() -> AuthorizationDetails.roles(latin1))
                .hasMessageStartingWith(latin1 + ":2:").hasMessageContaining("invalid UTF-8 at byte 6");
        Path notJson = roles(role("NotJson", "\"" + URLEncoder.encode("{\"Statement\":", StandardCharsets.UTF_8) + "\""));
        assertThatThrownBy(() -> AuthorizationDetails.roles(notJson)).hasMessageContaining("not a policy document");
    }

    @Test
    void partsOfTheWrongShapeAreErrorsNotDroppedRoles() throws Exception {
        Path notList = details("{\"RoleDetailList\":\n{\"Arn\":\"x\"}}");
        assertThatThrownBy(() -> AuthorizationDetails.roles(notList)).hasMessageStartingWith(notList + ":2:1: /RoleDetailList: ");
        Path notRole = roles(role("Fine", TRUST), "5");
        assertThatThrownBy(() -> AuthorizationDetails.roles(notRole)).hasMessageStartingWith(notRole + ":3:1: /RoleDetailList/1: ");
        Path noArn = roles("{\"RoleName\":\"NoArn\"}");
        assertThatThrownBy(() -> AuthorizationDetails.roles(noArn)).hasMessageContaining("/RoleDetailList/0: a role without an Arn");
        Path numericArn = roles("{\"RoleName\":\"N\",\"Arn\":7}");
        assertThatThrownBy(() -> AuthorizationDetails.roles(numericArn))
                .hasMessageStartingWith(numericArn + ":2:23: /RoleDetailList/0/Arn: 7 is not a string");
        Path numberTrust = roles(role("Number", "5"));
        assertThatThrownBy(() -> AuthorizationDetails.roles(numberTrust))
                .hasMessageContaining("/RoleDetailList/0/AssumeRolePolicyDocument: 5 is not a policy document");
        Path twice = roles("{\"RoleName\":\"A\",\"Arn\":\"arn:aws:iam::222222222222:role/A\",\"Arn\":\"arn:aws:iam::222222222222:role/B\"}");
        assertThatThrownBy(() -> AuthorizationDetails.roles(twice)).hasMessageContaining("Duplicate field 'Arn'");
    }

    @Test
    void wellFormedRolesStillRead() throws Exception {
        String encoded = "\"" + URLEncoder.encode(TRUST, StandardCharsets.UTF_8) + "\"";
        List<RoleTrust> read = AuthorizationDetails.roles(roles(role("Object", TRUST), role("Encoded", encoded),
                "{\"RoleName\":\"None\",\"Arn\":\"arn:aws:iam::222222222222:role/None\"}"));
        assertThat(read).extracting(RoleTrust::name).containsExactly("Object", "Encoded", "None");
        assertThat(read.get(1).trustPolicy()).isEqualTo(read.get(0).trustPolicy());
        assertThat(read.get(2).trustPolicy()).isNull();
        assertThat(read.get(2).path()).isEqualTo("/");
    }
}
