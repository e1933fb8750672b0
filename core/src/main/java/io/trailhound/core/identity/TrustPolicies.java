package io.trailhound.core.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * What role trust policies assert about session names: a role whose trust policy requires
 * {@code sts:RoleSessionName} to equal {@code ${aws:username}} can only be assumed by an IAM user
 * under their own name, so its session name names the user (attribution "asserted"). Read from
 * {@code aws iam get-account-authorization-details} output (AssumeRolePolicyDocument as a JSON
 * object, or URL-encoded as the raw API returns it).
 */
public final class TrustPolicies {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USERNAME = "${aws:username}";

    /** Role ARN → the account the trust policy lets assume it (null when several or unknown). */
    private final Map<String, String> pinnedRoles = new HashMap<>();

    public static TrustPolicies none() {
        return new TrustPolicies();
    }

    /** Reads one or more authorization-details files; an unreadable file is an error naming it. */
    public static TrustPolicies read(Iterable<Path> files) throws IOException {
        TrustPolicies t = new TrustPolicies();
        for (Path f : files) {
            JsonNode root;
            try {
                root = JSON.readTree(f.toFile());
            } catch (IOException e) {
                throw new IOException(f + ": not authorization details JSON: " + e.getMessage(), e);
            }
            if (root == null || !root.has("RoleDetailList")) {
                throw new IOException(f + ": no RoleDetailList (expected aws iam get-account-authorization-details output)");
            }
            for (JsonNode role : root.path("RoleDetailList")) {
                t.add(role.path("Arn").asText(null), role.get("AssumeRolePolicyDocument"));
            }
        }
        return t;
    }

    void add(String roleArn, JsonNode document) throws IOException {
        if (roleArn == null || document == null) {
            return;
        }
        JsonNode doc = document.isTextual()
                ? JSON.readTree(URLDecoder.decode(document.asText(), StandardCharsets.UTF_8)) : document;
        JsonNode statements = doc.path("Statement");
        for (JsonNode st : statements.isArray() ? statements : JSON.createArrayNode().add(statements)) {
            if (!"Allow".equals(st.path("Effect").asText()) || !pinsSessionName(st.path("Condition"))) {
                continue;
            }
            pinnedRoles.put(roleArn, trustedAccount(st.path("Principal").path("AWS")));
        }
    }

    private static boolean pinsSessionName(JsonNode condition) {
        for (JsonNode operator : condition) {
            JsonNode v = operator.get("sts:RoleSessionName");
            if (v != null && (USERNAME.equals(v.asText()) || (v.isArray() && v.size() == 1 && USERNAME.equals(v.get(0).asText())))) {
                return true;
            }
        }
        return false;
    }

    /** The one account a principal element names ({@code arn:aws:iam::<acct>:root} or a bare id), else null. */
    private static String trustedAccount(JsonNode aws) {
        JsonNode one = aws.isArray() ? (aws.size() == 1 ? aws.get(0) : null) : aws;
        if (one == null || !one.isTextual()) {
            return null;
        }
        String s = one.asText();
        if (s.matches("\\d{12}")) {
            return s;
        }
        String[] parts = s.split(":");
        return parts.length >= 5 && parts[4].matches("\\d{12}") ? parts[4] : null;
    }

    /** True when the role's trust policy pins the session name to the caller's IAM user name. */
    public boolean pinsSessionName(String roleArn) {
        return roleArn != null && pinnedRoles.containsKey(roleArn);
    }

    /** The IAM user a pinned role's session name names: by ARN when the trusted account is known, else by name. */
    Origin userForSession(String roleArn, String sessionName) {
        String account = pinnedRoles.get(roleArn);
        return account != null ? Origin.arn("IAMUser", "arn:aws:iam::" + account + ":user/" + sessionName, account)
                : Origin.named("IAMUser", sessionName, null, null);
    }

    public int pinnedRoles() {
        return pinnedRoles.size();
    }
}
