package io.trailhound.core.posture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailhound.core.inputfile.InputFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A password policy of the wrong shape is bad input (exit 2), never a weak policy. */
class PasswordPolicyParserTest {
    @TempDir
    Path tmp;

    private Path policy(String text) throws Exception {
        Path f = tmp.resolve("password-policy.json");
        Files.writeString(f, text);
        return f;
    }

    /** As the AWS CLI prints it: one setting a line, {@code value} on line 3 at column 34. */
    private Path withLength(String value) throws Exception {
        return policy("{\n    \"PasswordPolicy\": {\n        \"MinimumPasswordLength\": " + value + ",\n"
                + "        \"PasswordReusePrevention\": 24,\n        \"MaxPasswordAge\": 90\n    }\n}\n");
    }

    @Test
    void aSettingOfTheWrongTypeNamesTheFileTheLineTheColumnAndTheSetting() throws Exception {
        for (String bad : new String[] {"\"fourteen\"", "\"14\"", "14.5", "1e2", "true", "[14]", "{}", "-1", "3000000000"}) {
            Path f = withLength(bad);
            assertThatThrownBy(() -> PasswordPolicyParser.read(f)).as(bad).isInstanceOf(InputFormatException.class)
                    .hasMessageStartingWith(f + ":3:34: /PasswordPolicy/MinimumPasswordLength: ");
        }
        assertThat(PasswordPolicyParser.read(withLength("14")).minimumLength()).isEqualTo(14);
        assertThat(PasswordPolicyParser.read(withLength("null")).minimumLength()).isNull();
    }

    @Test
    void everyDocumentedBooleanMustBeOne() throws Exception {
        for (String flag : new String[] {"RequireSymbols", "RequireNumbers", "RequireUppercaseCharacters",
            "RequireLowercaseCharacters", "AllowUsersToChangePassword", "ExpirePasswords", "HardExpiry"}) {
            Path f = policy("{\"PasswordPolicy\":{\"MinimumPasswordLength\":14,\n\"" + flag + "\":\"yes\"}}");
            assertThatThrownBy(() -> PasswordPolicyParser.read(f)).as(flag)
                    .hasMessageStartingWith(f + ":2:" + (flag.length() + 4) + ": /PasswordPolicy/" + flag + ": \"yes\" is not true or false");
        }
        PasswordPolicy p = PasswordPolicyParser.read(policy("{\"PasswordPolicy\":{\"RequireSymbols\":true,\"RequireNumbers\":null}}"));
        assertThat(p.requireSymbols()).isTrue();
        assertThat(p.requireNumbers()).isFalse();
    }

    @Test
    void aDamagedDocumentIsAnErrorWithItsLocation() throws Exception {
        Path deep = policy("{\"PasswordPolicy\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}");
        assertThatThrownBy(() -> PasswordPolicyParser.read(deep)).isInstanceOf(InputFormatException.class)
                .hasMessageStartingWith(deep + ":1:").hasMessageContaining("nesting depth");
        Path twice = policy("{\"PasswordPolicy\":{\"MinimumPasswordLength\":6,\n\"MinimumPasswordLength\":14}}");
        assertThatThrownBy(() -> PasswordPolicyParser.read(twice)).hasMessageStartingWith(twice + ":2:")
                .hasMessageContaining("Duplicate field 'MinimumPasswordLength'");
        Path trailing = policy("{\"PasswordPolicy\":{\"MinimumPasswordLength\":14}}\n{\"PasswordPolicy\":{}}");
        assertThatThrownBy(() -> PasswordPolicyParser.read(trailing)).hasMessageStartingWith(trailing + ":2:1: ")
                .hasMessageContaining("more content after the JSON document");
        Path notObject = policy("{\"PasswordPolicy\": 14}");
        assertThatThrownBy(() -> PasswordPolicyParser.read(notObject)).hasMessageStartingWith(notObject + ":1:20: /PasswordPolicy: ");
        Path latin1 = tmp.resolve("latin1.json");
        Files.write(latin1, new byte[] {'{', '\n', '"', (byte) 0xE9, '"', ':', '1', '}'});
        assertThatThrownBy(() -> PasswordPolicyParser.read(latin1)).hasMessage(latin1 + ":2: invalid UTF-8 at byte 3 (0xE9)");
    }

    @Test
    void onlyASavedNoSuchEntityErrorReadsAsTheIamDefault() throws Exception {
        assertThat(PasswordPolicyParser.read(policy("{\"Error\":{\"Code\":\"NoSuchEntity\",\"Message\":\"none\"}}")).custom()).isFalse();
        PasswordPolicy mentioned = PasswordPolicyParser.read(policy(
                "{\"PasswordPolicy\":{\"MinimumPasswordLength\":14,\"Note\":\"NoSuchEntity\"}}"));
        assertThat(mentioned.custom()).isTrue();
        assertThat(mentioned.minimumLength()).isEqualTo(14);
    }
}
