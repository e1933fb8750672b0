package io.trailhound.synth;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Builds the organisation from the seed: accounts, identity providers, IAM users (people, service
 * users and two planted inactive users), roles with their trust policies, people and workloads.
 * Planted posture violations are set up here; everything else is built compliant, so the ground
 * truth lists exactly what a posture audit should find.
 */
final class OrgModelBuilder {
    static final long DAY = 86_400_000L;
    private static final String AWS_POLICY = "arn:aws:iam::aws:policy/";

    private final GeneratorConfig config;
    private final SplittableRandom rng;
    private final Ids ids;
    private final long start;
    private final Set<String> takenNames = new HashSet<>();

    OrgModelBuilder(GeneratorConfig config, SplittableRandom rng) {
        this.config = config;
        this.rng = rng;
        this.ids = new Ids(rng);
        this.start = config.start().toEpochMilli();
    }

    OrgModel build() {
        String slug = Names.ORGS.get(rng.nextInt(Names.ORGS.size()));
        OrgModel m = new OrgModel("o-" + ids.lowerAlnum(10), slug);
        m.oktaIssuer = "http://www.okta.com/exk" + ids.alnum(17);
        m.ssoIssuer = "https://portal.sso.us-east-1.amazonaws.com/saml/assertion/" + ids.alnum(48);
        for (int i = 0; i < 3; i++) {
            m.officeIps.add(Addresses.draw(rng, Addresses.ISP));
        }
        createAccounts(m);
        for (Account a : m.accounts) {
            createIdentityProviders(a);
            fillResources(m, a);
        }
        createIdentityAccountIam(m);
        for (Account a : m.accounts) {
            createRoles(m, a);
        }
        createChainRoles(m);
        createPeople(m);
        createWorkloads(m);
        plantAccountPosture(m);
        return m;
    }

    // ---------------------------------------------------------------- accounts and providers

    private void createAccounts(OrgModel m) {
        Set<String> usedIds = new HashSet<>();
        long mgmtCreated = start - days(1500, 2500);
        for (int i = 0; i < config.accounts(); i++) {
            String id;
            do {
                id = ids.accountId();
            } while (!usedIds.add(id));
            AccountKind kind = i == 0 ? AccountKind.MANAGEMENT : i == 1 ? AccountKind.IDENTITY : AccountKind.WORKLOAD;
            String name = switch (kind) {
                case MANAGEMENT -> "management";
                case IDENTITY -> "identity";
                case WORKLOAD -> {
                    int w = i - 2;
                    String base = Names.WORKLOADS.get(w % Names.WORKLOADS.size());
                    yield w < Names.WORKLOADS.size() ? base : base + "-" + (w / Names.WORKLOADS.size() + 1);
                }
            };
            long created = i == 0 ? mgmtCreated : mgmtCreated + days(10, 900);
            Account a = new Account(i, id, name, kind, created);
            a.localTrailName = name + "-audit-trail";
            m.accounts.add(a);
        }
    }

    private void createIdentityProviders(Account a) {
        if (a.kind != AccountKind.MANAGEMENT) {
            a.oktaProviderArn = "arn:aws:iam::" + a.id + ":saml-provider/Okta";
            a.oktaNameQualifier = nameQualifier();
        }
        a.ssoProviderArn = "arn:aws:iam::" + a.id + ":saml-provider/AWSSSO_" + ids.hex(16) + "_DO_NOT_DELETE";
        a.ssoNameQualifier = nameQualifier();
    }

    /** SAML name qualifiers are base64 SHA-1 digests: 27 characters and '='. */
    private String nameQualifier() {
        return ids.alnum(27) + "=";
    }

    private void fillResources(OrgModel m, Account a) {
        AccountResources r = a.resources;
        for (String purpose : List.of("logs", "artifacts", "data", "backups")) {
            r.buckets.add(m.orgSlug + "-" + a.name + "-" + purpose + "-" + ids.lowerAlnum(6));
        }
        for (int i = 0; i < 3; i++) {
            r.kmsKeyIds.add(ids.uuid());
        }
        for (String s : List.of("db/password", "api/stripe-key", "app/session-secret")) {
            r.secretNames.add(a.name + "/" + s + "-" + ids.alnum(6));
        }
        for (String p : List.of("db-url", "feature-flags", "api-endpoint", "log-level")) {
            r.parameters.add("/" + a.name + "/app/" + p);
        }
        r.logGroups.add("/ecs/" + a.name + "-web");
        r.logGroups.add("/aws/vpc/flow-logs");
        r.stacks.add(a.name + "-network");
        r.stacks.add(a.name + "-app");
        for (int i = 0; i < 3; i++) {
            r.volumeIds.add(ids.resourceId("vol"));
        }
        r.ecsCluster = a.name + "-cluster";
        r.tables.add(a.name + "-orders");
        r.tables.add(a.name + "-sessions");
    }

    // ---------------------------------------------------------------- IAM users in the identity account

    private void createIdentityAccountIam(OrgModel m) {
        Account idAcct = m.identity();
        String assumePolicy = customerPolicy(idAcct, "AssumeWorkloadRoles",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"sts:AssumeRole\",\"sts:SetSourceIdentity\"],"
                        + "\"Resource\":[\"arn:aws:iam::*:role/Admin\",\"arn:aws:iam::*:role/Developer\",\"arn:aws:iam::*:role/ReadOnly\"]},"
                        + "{\"Effect\":\"Allow\",\"Action\":\"sts:GetSessionToken\",\"Resource\":\"*\"}]}");
        String ciPolicy = customerPolicy(idAcct, "CiDeployAssume",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\","
                        + "\"Resource\":[\"arn:aws:iam::*:role/deploy\",\"arn:aws:iam::*:role/TerraformExecution\"]}]}");
        group(idAcct, "Admins", List.of(AWS_POLICY + "AdministratorAccess", assumePolicy));
        group(idAcct, "Developers", List.of(AWS_POLICY + "ReadOnlyAccess", AWS_POLICY + "IAMUserChangePassword", assumePolicy));
        group(idAcct, "ReadOnly", List.of(AWS_POLICY + "ReadOnlyAccess"));

        IamUser ci = serviceUser(m, idAcct, "ci-deploy", days(10, 60));
        ci.attachedPolicyArns.add(ciPolicy);
        IamUser tf = serviceUser(m, idAcct, "terraform", days(10, 60));
        tf.attachedPolicyArns.add(ciPolicy);
        // planted: a key older than 90 days that is still in use
        IamUser backup = serviceUser(m, idAcct, "backup-agent", days(120, 400));
        backup.attachedPolicyArns.add(AWS_POLICY + "AWSBackupOperatorAccess");
        // planted: two active keys
        IamUser monitoring = serviceUser(m, idAcct, "monitoring-readonly", days(10, 60));
        monitoring.attachedPolicyArns.add(AWS_POLICY + "ReadOnlyAccess");
        addKey(monitoring, start - days(5, 40), start - days(0.01, 1));
        Account legacyHome = m.workloadAccounts().get(0);
        IamUser legacy = serviceUser(m, legacyHome, "legacy-s3-sync", days(10, 60));
        legacy.attachedPolicyArns.add(AWS_POLICY + "AmazonS3ReadOnlyAccess");

        // planted: a person who left months ago; password and key unused for > 90 days
        IamUser dormant = new IamUser(idAcct, uniquePersonName(), ids.uniqueId("AIDA"), start - days(600, 900),
                IamUser.Kind.DORMANT, true);
        dormant.mfa = true;
        dormant.passwordLastChanged = start - days(200, 300);
        dormant.passwordLastUsed = start - days(120, 200);
        dormant.groups.add("Developers");
        addKey(dormant, start - days(300, 500), start - days(100, 160));
        idAcct.users.add(dormant);
        // planted: a new console user whose access key was made with the user and never used
        long hired = start - days(10, 30);
        IamUser newHire = new IamUser(idAcct, uniquePersonName(), ids.uniqueId("AIDA"), hired, IamUser.Kind.NEW_HIRE, true);
        newHire.mfa = true;
        newHire.passwordLastChanged = hired;
        newHire.groups.add("Developers");
        // within seconds, as the console's create-user wizard does: CIS 1.11 and key-at-user-creation look for a
        // key made with the user (10 s), and a key made minutes later is a separate decision
        addKey(newHire, hired + 1_000 + rng.nextInt(8_000), -1);
        idAcct.users.add(newHire);
    }

    private IamUser serviceUser(OrgModel m, Account a, String name, long keyAge) {
        IamUser u = new IamUser(a, name, ids.uniqueId("AIDA"), start - days(200, 800), IamUser.Kind.SERVICE, false);
        addKey(u, start - keyAge, start - days(0.01, 1));
        a.users.add(u);
        m.serviceUsers.add(u);
        return u;
    }

    private void addKey(IamUser u, long created, long lastUsed) {
        AccessKey k = new AccessKey(ids.accessKey("AKIA"), created);
        if (lastUsed > 0) {
            k.lastUsed = lastUsed;
            k.lastUsedRegion = "us-east-1";
            k.lastUsedService = "sts";
        }
        u.keys.add(k);
    }

    private String customerPolicy(Account a, String name, String document) {
        String arn = "arn:aws:iam::" + a.id + ":policy/" + name;
        a.customerPolicies.add(new Account.ManagedPolicy(name, ids.uniqueId("ANPA"), arn, a.created + days(1, 30), document));
        return arn;
    }

    private void group(Account a, String name, List<String> policies) {
        a.groups.add(new Account.IamGroup(name, ids.uniqueId("AGPA"), "arn:aws:iam::" + a.id + ":group/" + name,
                a.created + days(1, 30), policies));
    }

    // ---------------------------------------------------------------- roles

    private void createRoles(OrgModel m, Account a) {
        Account idAcct = m.identity();
        if (a.kind != AccountKind.IDENTITY) {
            List<String> idRoot = List.of(idAcct.rootArn());
            role(a, "Admin", "/", Role.Purpose.ADMIN,
                    TrustPolicy.aws(idRoot, TrustPolicy.Guard.SESSION_NAME_IS_USERNAME), 43200, "AdministratorAccess");
            role(a, "Developer", "/", Role.Purpose.DEVELOPER,
                    TrustPolicy.aws(idRoot, TrustPolicy.Guard.SOURCE_IDENTITY_IS_USERNAME), 43200, "PowerUserAccess");
            // planted: trusts the identity account and forces neither session name nor source identity
            role(a, "ReadOnly", "/", Role.Purpose.READ_ONLY,
                    TrustPolicy.aws(idRoot, TrustPolicy.Guard.NONE), 43200, "ReadOnlyAccess");
        }
        if (a.kind != AccountKind.MANAGEMENT) {
            role(a, "SAML-Admin", "/", Role.Purpose.SAML_ADMIN, TrustPolicy.saml(a.oktaProviderArn), 43200, "AdministratorAccess");
            role(a, "SAML-ReadOnly", "/", Role.Purpose.SAML_READ_ONLY, TrustPolicy.saml(a.oktaProviderArn), 43200, "ReadOnlyAccess");
            // planted: the role Organizations creates in member accounts has no condition
            role(a, "OrganizationAccountAccessRole", "/", Role.Purpose.ORG_ACCESS,
                    TrustPolicy.aws(List.of(m.management().rootArn()), TrustPolicy.Guard.NONE), 3600, "AdministratorAccess");
        }
        for (String ps : List.of("AdministratorAccess", "ReadOnlyAccess", "PowerUserAccess")) {
            Role r = role(a, "AWSReservedSSO_" + ps + "_" + ids.hex(16), "/aws-reserved/sso.amazonaws.com/",
                    Role.Purpose.SSO, TrustPolicy.saml(a.ssoProviderArn), 43200, ps);
            r.permissionSet = ps;
        }
        if (m.workloadAccounts().contains(a)) {
            a.githubProviderArn = "arn:aws:iam::" + a.id + ":oidc-provider/token.actions.githubusercontent.com";
            role(a, "deploy", "/", Role.Purpose.CI_DEPLOY,
                    TrustPolicy.aws(List.of(m.serviceUser("ci-deploy").arn), TrustPolicy.Guard.SESSION_NAME_IS_USERNAME),
                    3600, "PowerUserAccess");
            role(a, "TerraformExecution", "/", Role.Purpose.TERRAFORM,
                    TrustPolicy.aws(List.of(m.serviceUser("terraform").arn), TrustPolicy.Guard.SESSION_NAME_IS_USERNAME),
                    3600, "AdministratorAccess");
            role(a, "github-actions-deploy", "/", Role.Purpose.GITHUB_DEPLOY,
                    TrustPolicy.oidc(a.githubProviderArn, "repo:" + m.orgSlug + "/*:ref:refs/heads/main"), 3600, "PowerUserAccess");
        }
    }

    /** Role chaining target: trusts the Developer roles of the other accounts, only with a source identity. */
    private void createChainRoles(OrgModel m) {
        List<Account> targets = m.roleTargets();
        if (targets.size() < 2) {
            return;
        }
        for (Account a : targets) {
            List<String> developers = new ArrayList<>();
            for (Account other : targets) {
                if (other != a) {
                    developers.add(other.role(Role.Purpose.DEVELOPER).arn);
                }
            }
            role(a, "CrossAccountAudit", "/", Role.Purpose.CHAIN_AUDIT,
                    TrustPolicy.aws(developers, TrustPolicy.Guard.SOURCE_IDENTITY_PRESENT), 3600, "SecurityAudit");
        }
    }

    private Role role(Account a, String name, String path, Role.Purpose purpose, TrustPolicy trust, int maxSession,
                      String awsPolicy) {
        Role r = new Role(a, name, path, ids.uniqueId("AROA"), a.created + days(1, 300), purpose, trust, maxSession);
        r.attachedPolicyArns.add(AWS_POLICY + awsPolicy);
        a.roles.add(r);
        return r;
    }

    // ---------------------------------------------------------------- people

    private void createPeople(OrgModel m) {
        int users = config.users();
        int iam = Math.max(2, (int) Math.round(users * 0.45));
        int idc = Math.max(2, (int) Math.round(users * 0.30));
        int saml = users - iam - idc;
        Account idAcct = m.identity();
        String domain = m.orgSlug + ".com";
        for (int i = 0; i < iam; i++) {
            String name = uniquePersonName();
            // person 0: MFA admin with a key; person 1: planted console user without MFA
            boolean admin = i == 0 || rng.nextDouble() < 0.25;
            boolean password = i < 2 || rng.nextDouble() < 0.85;
            boolean key = i < 2 || !password || rng.nextDouble() < 0.8;
            IamUser u = new IamUser(idAcct, name, ids.uniqueId("AIDA"), start - days(120, 900), IamUser.Kind.HUMAN, password);
            u.mfa = password && i != 1;
            if (password) {
                u.passwordLastChanged = start - days(5, 60);
                u.passwordLastUsed = start - days(0.2, 3);
            }
            if (key) {
                addKey(u, start - days(5, 45), start - days(0.05, 2));
            }
            u.groups.add(admin ? "Admins" : "Developers");
            idAcct.users.add(u);
            List<Role> roles = new ArrayList<>();
            for (Account t : m.roleTargets()) {
                if (admin) {
                    roles.add(t.role(Role.Purpose.ADMIN));
                }
                roles.add(t.role(Role.Purpose.DEVELOPER));
                roles.add(t.role(Role.Purpose.READ_ONLY));
            }
            m.people.add(person(Person.Kind.IAM_USER, name, name + "@" + domain, u, admin, roles));
        }
        for (int i = 0; i < idc; i++) {
            String name = uniquePersonName();
            boolean admin = i == 0 || rng.nextDouble() < 0.3;
            String ps = admin ? "AdministratorAccess" : rng.nextBoolean() ? "PowerUserAccess" : "ReadOnlyAccess";
            List<Role> roles = new ArrayList<>();
            for (Account a : m.accounts) {
                roles.add(a.permissionSetRole(ps));
            }
            Person p = person(Person.Kind.IDENTITY_CENTER, name, name + "@" + domain, null, admin, roles);
            m.people.add(p);
            if (i == 0) {
                m.rootTaskOperator = p;
            }
        }
        for (int i = 0; i < saml; i++) {
            String name = uniquePersonName();
            boolean admin = rng.nextDouble() < 0.3;
            List<Role> roles = new ArrayList<>();
            for (Account a : m.accounts) {
                Role r = a.role(admin ? Role.Purpose.SAML_ADMIN : Role.Purpose.SAML_READ_ONLY);
                if (r != null) {
                    roles.add(r);
                }
            }
            m.people.add(person(Person.Kind.SAML, name, name + "@" + domain, null, admin, roles));
        }
    }

    private Person person(Person.Kind kind, String name, String email, IamUser u, boolean admin, List<Role> roles) {
        return new Person(kind, name, email, u, admin, roles, Addresses.draw(rng, Addresses.ISP),
                UserAgents.BROWSERS.get(rng.nextInt(UserAgents.BROWSERS.size())),
                UserAgents.CLIS.get(rng.nextInt(UserAgents.CLIS.size())));
    }

    private String uniquePersonName() {
        while (true) {
            String name = Names.FIRST.get(rng.nextInt(Names.FIRST.size())) + "." + Names.LAST.get(rng.nextInt(Names.LAST.size()));
            if (takenNames.add(name)) {
                return name;
            }
        }
    }

    // ---------------------------------------------------------------- workloads

    private void createWorkloads(OrgModel m) {
        for (Account a : m.workloadAccounts()) {
            Role web = role(a, "web-app-instance-role", "/", Role.Purpose.EC2_INSTANCE,
                    TrustPolicy.service("ec2.amazonaws.com"), 3600, "AmazonSSMManagedInstanceCore");
            Role batch = role(a, "batch-worker-instance-role", "/", Role.Purpose.EC2_INSTANCE,
                    TrustPolicy.service("ec2.amazonaws.com"), 3600, "AmazonSSMManagedInstanceCore");
            for (Role r : List.of(web, batch)) {
                r.instanceProfileName = r.name;
                r.instanceProfileId = ids.uniqueId("AIPA");
            }
            for (int i = 0; i < 3; i++) {
                Role r = i < 2 ? web : batch;
                AwsRegion region = rng.nextDouble() < 0.8 ? AwsRegion.US_EAST_1 : AwsRegion.EU_WEST_1;
                String id = ids.instanceId();
                a.resources.instanceIds.add(id);
                m.instances.add(new Workloads.Ec2Instance(a, id, r, region, Addresses.draw(rng, Addresses.AWS),
                        i < 2 ? UserAgents.BOTO3_SERVER : UserAgents.CLIS.get(1)));
            }
            for (String fn : List.of("order-processor", "image-resizer", "nightly-report")) {
                Role r = role(a, fn + "-role", "/service-role/", Role.Purpose.LAMBDA_EXECUTION,
                        TrustPolicy.service("lambda.amazonaws.com"), 3600, "service-role/AWSLambdaBasicExecutionRole");
                AwsRegion region = rng.nextDouble() < 0.75 ? AwsRegion.US_EAST_1 : AwsRegion.EU_WEST_1;
                List<String> ips = List.of(Addresses.draw(rng, Addresses.AWS), Addresses.draw(rng, Addresses.AWS),
                        Addresses.draw(rng, Addresses.AWS));
                a.resources.functions.add(fn);
                a.resources.logGroups.add("/aws/lambda/" + fn);
                m.functions.add(new Workloads.LambdaFunction(a, fn, r, region, ips));
            }
            String repo = m.orgSlug + "/" + a.name + "-infra";
            m.pipelines.add(new Workloads.Pipeline(a, repo, "repo:" + repo + ":ref:refs/heads/main",
                    a.role(Role.Purpose.GITHUB_DEPLOY)));
        }
    }

    // ---------------------------------------------------------------- account-level posture

    private void plantAccountPosture(OrgModel m) {
        Account mgmt = m.management();
        mgmt.rootPasswordLastUsed = start - days(150, 250);
        List<Account> members = m.members();
        // planted: an active (unused, recently made) root access key in one member account
        Account rootKeyAccount = members.get(rng.nextInt(members.size()));
        rootKeyAccount.rootKey = new AccessKey(ids.accessKey("AKIA"), start - days(20, 60));
        // planted: one account with a weak password policy (never the identity account, where the IAM users are)
        List<Account> candidates = new ArrayList<>();
        for (Account a : m.accounts) {
            if (a.kind != AccountKind.IDENTITY) {
                candidates.add(a);
            }
        }
        candidates.get(rng.nextInt(candidates.size())).passwordPolicy = PasswordPolicy.weak();
    }

    private long days(double min, double max) {
        return (long) ((min + rng.nextDouble() * (max - min)) * DAY);
    }
}
