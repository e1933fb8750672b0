package io.trailhound.synth;

import java.util.ArrayList;
import java.util.List;

/** An IAM role, what it is for in the simulated organisation, and when it was last assumed. */
final class Role {
    /** Why the role exists; actors look roles up by purpose. */
    enum Purpose {
        ADMIN, DEVELOPER, READ_ONLY, CHAIN_AUDIT, SAML_ADMIN, SAML_READ_ONLY, SSO, ORG_ACCESS,
        CI_DEPLOY, TERRAFORM, GITHUB_DEPLOY, EC2_INSTANCE, LAMBDA_EXECUTION
    }

    final Account account;
    final String name;
    final String path;
    final String roleId;
    final String arn;
    final long created;
    final Purpose purpose;
    final TrustPolicy trust;
    final int maxSessionSeconds;
    final List<String> attachedPolicyArns = new ArrayList<>();
    /** For Identity Center roles: the permission set name, e.g. AdministratorAccess. */
    String permissionSet;
    /** For EC2 roles: the instance profile that carries the role. */
    String instanceProfileName;
    String instanceProfileId;
    long lastUsed = -1;
    AwsRegion lastUsedRegion;

    Role(Account account, String name, String path, String roleId, long created, Purpose purpose,
         TrustPolicy trust, int maxSessionSeconds) {
        this.account = account;
        this.name = name;
        this.path = path;
        this.roleId = roleId;
        this.arn = "arn:aws:iam::" + account.id + ":role" + path + name;
        this.created = created;
        this.purpose = purpose;
        this.trust = trust;
        this.maxSessionSeconds = maxSessionSeconds;
    }

    /** The assumed-role ARN; the role path is dropped, as AWS does. */
    String sessionArn(String sessionName) {
        return "arn:aws:sts::" + account.id + ":assumed-role/" + name + "/" + sessionName;
    }
}
