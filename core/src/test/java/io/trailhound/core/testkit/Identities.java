package io.trailhound.core.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/** The userIdentity objects of CloudTrail records, shaped as the CloudTrail User Guide shows them, and the ARNs in them. */
public final class Identities {
    private Identities() {
    }

    /** A userIdentity of this {@code type}, for shapes without a factory here (SAMLUser, FederatedUser, AWSService, ...). */
    public static ObjectNode of(String type) {
        return CloudTrailRecord.JSON.createObjectNode().put("type", type);
    }

    /** An IAM user signing with {@code key} (none when null). */
    public static ObjectNode iamUser(String account, String name, String key) {
        ObjectNode u = of("IAMUser").put("principalId", "AIDA" + name.toUpperCase(Locale.ROOT))
                .put("arn", userArn(account, name)).put("accountId", account);
        if (key != null) {
            u.put("accessKeyId", key);
        }
        return u.put("userName", name);
    }

    /** A session of {@code role} named {@code session}, with {@code key} (none when null), started at {@code created}. */
    public static ObjectNode assumedRole(String account, String role, String session, String key, String created) {
        ObjectNode u = of("AssumedRole").put("principalId", assumedRoleId(role, session))
                .put("arn", sessionArn(account, role, session)).put("accountId", account);
        if (key != null) {
            u.put("accessKeyId", key);
        }
        ObjectNode ctx = u.putObject("sessionContext");
        ctx.putObject("sessionIssuer").put("type", "Role").put("principalId", roleId(role))
                .put("arn", roleArn(account, role)).put("accountId", account).put("userName", role);
        ctx.putObject("attributes").put("creationDate", created).put("mfaAuthenticated", "false");
        return u;
    }

    /** The account's root user, signing in or with its own keys. */
    public static ObjectNode root(String account) {
        return of("Root").put("principalId", account).put("arn", "arn:aws:iam::" + account + ":root").put("accountId", account);
    }

    /** The role's unique id as CloudTrail shows it in principalId and assumedRoleId (made up, stable per role name). */
    public static String roleId(String role) {
        return "AROA" + role.toUpperCase(Locale.ROOT);
    }

    /** A role session's id: the role's id and the session name. */
    public static String assumedRoleId(String role, String session) {
        return roleId(role) + ":" + session;
    }

    public static String userArn(String account, String name) {
        return "arn:aws:iam::" + account + ":user/" + name;
    }

    public static String roleArn(String account, String role) {
        return "arn:aws:iam::" + account + ":role/" + role;
    }

    public static String sessionArn(String account, String role, String session) {
        return "arn:aws:sts::" + account + ":assumed-role/" + role + "/" + session;
    }
}
