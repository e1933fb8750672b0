package io.trailhound.synth;

import java.util.ArrayList;
import java.util.List;

/** One AWS account of the organisation, with its IAM principals, identity providers and root state. */
final class Account {
    final int index;
    final String id;
    final String name;
    final AccountKind kind;
    final long created;
    final AccountResources resources = new AccountResources();
    final List<IamUser> users = new ArrayList<>();
    final List<Role> roles = new ArrayList<>();
    final List<IamGroup> groups = new ArrayList<>();
    final List<ManagedPolicy> customerPolicies = new ArrayList<>();
    PasswordPolicy passwordPolicy = PasswordPolicy.strong();
    /** Trail this account keeps besides the organisation trail (deleted by one attack story). */
    String localTrailName;

    // identity providers (null when the account has none)
    String oktaProviderArn;
    String oktaNameQualifier;
    String ssoProviderArn;
    String ssoNameQualifier;
    String githubProviderArn;

    // root user state for the credential report
    AccessKey rootKey;
    long rootPasswordLastUsed = -1;
    boolean rootMfa = true;

    Account(int index, String id, String name, AccountKind kind, long created) {
        this.index = index;
        this.id = id;
        this.name = name;
        this.kind = kind;
        this.created = created;
    }

    String rootArn() {
        return "arn:aws:iam::" + id + ":root";
    }

    /** The first role for {@code purpose}, or null when the account has none. */
    Role role(Role.Purpose purpose) {
        for (Role r : roles) {
            if (r.purpose == purpose) {
                return r;
            }
        }
        return null;
    }

    /** The Identity Center role of a permission set, e.g. AWSReservedSSO_AdministratorAccess_…, in this account. */
    Role permissionSetRole(String permissionSet) {
        for (Role r : roles) {
            if (r.purpose == Role.Purpose.SSO && permissionSet.equals(r.permissionSet)) {
                return r;
            }
        }
        throw new IllegalStateException("no " + permissionSet + " role in account " + name);
    }

    /** A group of IAM users and the managed policies attached to it. */
    record IamGroup(String name, String groupId, String arn, long created, List<String> policyArns) {
    }

    /** A customer managed policy with its single (default) version document. */
    record ManagedPolicy(String name, String policyId, String arn, long created, String documentJson) {
    }
}
