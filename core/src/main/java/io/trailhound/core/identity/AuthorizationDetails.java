package io.trailhound.core.identity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code aws iam get-account-authorization-details} output, the one place that knows its
 * shape, for attribution (which roles pin session names) and the posture audit (which do not).
 */
public final class AuthorizationDetails {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AuthorizationDetails() {
    }

    /** The roles with their decoded trust policies; a file of another shape is an error naming it and the line. */
    public static List<RoleTrust> roles(Path file) throws IOException {
        JsonNode root;
        try (InputStream in = Files.newInputStream(file)) {
            root = JSON.readTree(in);
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": line " + e.getLocation().getLineNr()
                    + ": not authorization details JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.has("RoleDetailList")) {
            throw new IOException(file + ": no RoleDetailList (expected aws iam get-account-authorization-details output)");
        }
        List<RoleTrust> roles = new ArrayList<>();
        for (JsonNode role : root.path("RoleDetailList")) {
            JsonNode doc = role.get("AssumeRolePolicyDocument");
            String arn = role.path("Arn").asText(null);
            try {
                roles.add(new RoleTrust(arn, role.path("RoleName").asText(""), role.path("Path").asText("/"),
                        doc == null || doc.isNull() ? null : PolicyDocument.parse(doc)));
            } catch (JsonProcessingException e) {
                throw new IOException(file + ": role " + arn + ": AssumeRolePolicyDocument is not a policy document: "
                        + e.getOriginalMessage(), e);
            }
        }
        return roles;
    }
}
