package io.trailhound.core.posture;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads {@code aws iam get-account-password-policy} output. A saved {@code NoSuchEntity} error
 * (the account has no custom policy) reads as IAM's default policy, as AWS Config and Prowler do.
 */
public final class PasswordPolicyParser {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PasswordPolicyParser() {
    }

    public static PasswordPolicy read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (text.contains("NoSuchEntity")) {
            return PasswordPolicy.iamDefault();
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InputFormatException(file.toString(), e.getLocation().getLineNr(), "not JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode p = root == null ? null : root.get("PasswordPolicy");
        if (p == null || !p.isObject()) {
            throw new InputFormatException(file.toString(), 0,
                    "no PasswordPolicy object (expected aws iam get-account-password-policy output)");
        }
        return new PasswordPolicy(true, integer(p, "MinimumPasswordLength"), integer(p, "PasswordReusePrevention"),
                integer(p, "MaxPasswordAge"), p.path("RequireSymbols").asBoolean(), p.path("RequireNumbers").asBoolean(),
                p.path("RequireUppercaseCharacters").asBoolean(), p.path("RequireLowercaseCharacters").asBoolean());
    }

    private static Integer integer(JsonNode p, String field) {
        JsonNode v = p.get(field);
        return v == null || !v.canConvertToInt() || v.asInt() <= 0 ? null : v.asInt();
    }
}
