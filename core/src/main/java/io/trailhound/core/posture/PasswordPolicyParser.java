package io.trailhound.core.posture;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import io.trailhound.core.inputfile.InputFormatException;
import io.trailhound.core.inputfile.InputText;
import io.trailhound.core.inputfile.JsonInput;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads {@code aws iam get-account-password-policy} output. A saved {@code NoSuchEntity} error
 * (the account has no custom policy) reads as IAM's default policy, as AWS Config and Prowler do.
 * A setting of the wrong type ({@code "MinimumPasswordLength": "14"}, {@code 14.5},
 * {@code "RequireSymbols": "yes"}) is bad input, never read as "not set" and so as a weak policy.
 */
public final class PasswordPolicyParser {
    private static final JsonPointer POLICY = JsonPointer.compile("/PasswordPolicy");
    /** Settings the API documents as booleans that no check reads: still checked, a wrong type means a damaged file. */
    private static final List<String> OTHER_FLAGS = List.of("AllowUsersToChangePassword", "ExpirePasswords", "HardExpiry");

    private PasswordPolicyParser() {
    }

    public static PasswordPolicy read(Path file) throws IOException {
        String text = InputText.read(file);
        if (!text.stripLeading().startsWith("{") && text.contains("NoSuchEntity")) {
            return PasswordPolicy.iamDefault(); // the AWS CLI's error message, saved
        }
        JsonInput in = JsonInput.parse(file.toString(), text);
        JsonNode p = in.root().get("PasswordPolicy");
        if (p == null && text.contains("NoSuchEntity")) {
            return PasswordPolicy.iamDefault(); // the error as JSON; a document with a policy never reads as none
        }
        if (p == null) {
            throw new InputFormatException(file.toString(), 0,
                    "no PasswordPolicy object (expected aws iam get-account-password-policy output)");
        }
        if (!p.isObject()) {
            throw in.error(POLICY, JsonInput.shown(p) + " is not an object");
        }
        Settings s = new Settings(in, p);
        for (String flag : OTHER_FLAGS) {
            s.flag(flag);
        }
        return new PasswordPolicy(true, s.count("MinimumPasswordLength"), s.count("PasswordReusePrevention"),
                s.count("MaxPasswordAge"), s.flag("RequireSymbols"), s.flag("RequireNumbers"),
                s.flag("RequireUppercaseCharacters"), s.flag("RequireLowercaseCharacters"));
    }

    /** The policy object's settings, typed as the API documents them; absent or null is "not set". */
    private record Settings(JsonInput in, JsonNode policy) {
        /** A whole number; 0 means not set (as the API takes it for MaxPasswordAge). */
        Integer count(String name) throws InputFormatException {
            JsonNode v = policy.get(name);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isIntegralNumber()) {
                throw in.error(POLICY.appendProperty(name), JsonInput.shown(v) + " is not a whole number");
            }
            if (!v.canConvertToInt() || v.intValue() < 0) {
                throw in.error(POLICY.appendProperty(name), JsonInput.shown(v) + " is out of range");
            }
            return v.intValue() == 0 ? null : v.intValue();
        }

        boolean flag(String name) throws InputFormatException {
            JsonNode v = policy.get(name);
            if (v == null || v.isNull()) {
                return false;
            }
            if (!v.isBoolean()) {
                throw in.error(POLICY.appendProperty(name), JsonInput.shown(v) + " is not true or false");
            }
            return v.booleanValue();
        }
    }
}
