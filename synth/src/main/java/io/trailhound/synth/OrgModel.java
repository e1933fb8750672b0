package io.trailhound.synth;

import java.util.ArrayList;
import java.util.List;

/**
 * The simulated AWS organisation: accounts, IAM principals, people and workloads. Built once from
 * the seed by {@link OrgModelBuilder}; afterwards only usage state changes (last-used times, keys
 * and MFA touched by attack stories), which the posture files report at the end.
 */
final class OrgModel {
    final String orgId;
    final String orgSlug;
    final List<Account> accounts = new ArrayList<>();
    final List<Person> people = new ArrayList<>();
    final List<IamUser> serviceUsers = new ArrayList<>();
    final List<Workloads.Ec2Instance> instances = new ArrayList<>();
    final List<Workloads.LambdaFunction> functions = new ArrayList<>();
    final List<Workloads.Pipeline> pipelines = new ArrayList<>();
    final List<String> officeIps = new ArrayList<>();
    /** The Identity Center user who routinely runs AssumeRoot tasks; attack story 2 uses someone else. */
    Person rootTaskOperator;
    /** SAML issuers named in AssumeRoleWithSAML responses. */
    String oktaIssuer;
    String ssoIssuer;

    OrgModel(String orgId, String orgSlug) {
        this.orgId = orgId;
        this.orgSlug = orgSlug;
    }

    Account management() {
        return accounts.get(0);
    }

    Account identity() {
        return accounts.get(1);
    }

    /** Accounts people assume roles into from the identity account. */
    List<Account> roleTargets() {
        List<Account> out = new ArrayList<>();
        for (Account a : accounts) {
            if (a.kind != AccountKind.IDENTITY) {
                out.add(a);
            }
        }
        return out;
    }

    /** Accounts that run workloads; with only two accounts the management account does. */
    List<Account> workloadAccounts() {
        List<Account> out = new ArrayList<>();
        for (Account a : accounts) {
            if (a.kind == AccountKind.WORKLOAD) {
                out.add(a);
            }
        }
        if (out.isEmpty()) {
            out.add(management());
        }
        return out;
    }

    /** Every account except the management account (AssumeRoot targets, OrganizationAccountAccessRole holders). */
    List<Account> members() {
        return accounts.subList(1, accounts.size());
    }

    List<Person> people(Person.Kind kind) {
        List<Person> out = new ArrayList<>();
        for (Person p : people) {
            if (p.kind == kind) {
                out.add(p);
            }
        }
        return out;
    }

    IamUser serviceUser(String name) {
        for (IamUser u : serviceUsers) {
            if (u.name.equals(name)) {
                return u;
            }
        }
        throw new IllegalStateException("no service user " + name);
    }
}
