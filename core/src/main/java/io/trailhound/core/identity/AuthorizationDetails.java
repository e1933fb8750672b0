package io.trailhound.core.identity;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import io.trailhound.core.inputfile.InputFormatException;
import io.trailhound.core.inputfile.JsonInput;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code aws iam get-account-authorization-details} output, the one place that knows its
 * shape, for attribution (which roles pin session names) and the posture audit (which do not).
 * A part of the wrong shape (a role list that is not a list, a role without an ARN, a trust policy
 * that is not a document) is an error naming the file, line and column, never a role dropped or
 * read as having no trust policy.
 */
public final class AuthorizationDetails {
    private static final JsonPointer ROLES = JsonPointer.compile("/RoleDetailList");

    private AuthorizationDetails() {
    }

    /** The roles with their decoded trust policies. */
    public static List<RoleTrust> roles(Path file) throws IOException {
        JsonInput in = JsonInput.read(file);
        JsonNode list = in.root().get("RoleDetailList");
        if (list == null) {
            throw new InputFormatException(file.toString(), 0,
                    "no RoleDetailList (expected aws iam get-account-authorization-details output)");
        }
        if (!list.isArray()) {
            throw in.error(ROLES, JsonInput.shown(list) + " is not a list of roles");
        }
        List<RoleTrust> roles = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            roles.add(role(in, list.get(i), ROLES.appendIndex(i)));
        }
        return roles;
    }

    private static RoleTrust role(JsonInput in, JsonNode role, JsonPointer at) throws InputFormatException {
        if (!role.isObject()) {
            throw in.error(at, JsonInput.shown(role) + " is not a role");
        }
        String arn = string(in, role, at, "Arn");
        if (arn == null) {
            throw in.error(at, "a role without an Arn");
        }
        String name = string(in, role, at, "RoleName");
        String path = string(in, role, at, "Path");
        JsonNode doc = role.get("AssumeRolePolicyDocument");
        JsonPointer docAt = at.appendProperty("AssumeRolePolicyDocument");
        JsonNode trust;
        try {
            trust = doc == null || doc.isNull() ? null : PolicyDocument.parse(doc);
        } catch (InputFormatException e) {
            throw in.error(docAt, "not a policy document: " + e.getMessage());
        }
        if (trust != null && !trust.isObject()) {
            throw in.error(docAt, JsonInput.shown(doc) + " is not a policy document");
        }
        return new RoleTrust(arn, name == null ? "" : name, path == null ? "/" : path, trust);
    }

    /** A member that is a string when present (null when absent). */
    private static String string(JsonInput in, JsonNode role, JsonPointer at, String member) throws InputFormatException {
        JsonNode v = role.get(member);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw in.error(at.appendProperty(member), JsonInput.shown(v) + " is not a string");
        }
        return v.asText();
    }
}
