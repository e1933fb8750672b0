package io.trailhound.core.identity;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
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

    /** Role ARN → the account the trust policy lets assume it (null when several or unknown). */
    private final Map<String, String> pinnedRoles = new HashMap<>();

    public static TrustPolicies none() {
        return new TrustPolicies();
    }

    /** Reads one or more authorization-details files; an unreadable file is an error naming it. */
    public static TrustPolicies read(Iterable<Path> files) throws IOException {
        TrustPolicies t = new TrustPolicies();
        for (Path f : files) {
            for (RoleTrust role : AuthorizationDetails.roles(f)) {
                t.add(role.arn(), role.trustPolicy());
            }
        }
        return t;
    }

    void add(String roleArn, JsonNode document) {
        if (roleArn == null || document == null) {
            return;
        }
        for (JsonNode st : PolicyDocument.statements(document)) {
            if ("Allow".equals(st.path("Effect").asText()) && PolicyDocument.pinsSessionName(st.path("Condition"))) {
                pinnedRoles.put(roleArn, trustedAccount(st.path("Principal").path("AWS")));
            }
        }
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
        // Asked once per new credential: without policies, no hashing of the role ARN (a new string each record).
        return roleArn != null && !pinnedRoles.isEmpty() && pinnedRoles.containsKey(roleArn);
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
