package io.trailhound.synth;

import java.io.IOException;
import java.util.List;

/**
 * A person who signs in through Okta (SAML) or Identity Center: AssumeRoleWithSAML into one of
 * their roles, then the console (ConsoleLogin as the assumed role) or the CLI. The Identity
 * Center root-task operator also runs AssumeRoot into a member account about once a day.
 */
final class FederatedPersonActor extends SessionActor {
    private static final long ROOT_TASK_INTERVAL = 20 * 3600_000L;

    private final Person person;
    private final boolean sso;
    private final boolean operator;
    private long lastRootTask = Long.MIN_VALUE / 2;
    private Account pendingRootTarget;
    private Role pendingChain;

    FederatedPersonActor(World w, Person person, boolean operator, double weight) {
        super(w, Group.HUMAN, weight);
        this.person = person;
        this.sso = person.kind == Person.Kind.IDENTITY_CENTER;
        this.operator = operator;
    }

    @Override
    Work begin(long t) throws IOException {
        pendingRootTarget = null;
        pendingChain = null;
        String ip = w.rng.nextDouble() < 0.7 ? w.pick(w.model.officeIps) : person.homeIp;
        boolean rootTaskDue = operator && t - lastRootTask > ROOT_TASK_INTERVAL;
        Role role = rootTaskDue ? w.model.management().permissionSetRole("AdministratorAccess") : w.pick(person.roles);
        boolean console = !rootTaskDue && w.rng.nextDouble() < 0.6;
        int duration = console ? 28800 : 3600;
        Credential session = w.sts.assumeRoleWithSaml(person, role, sso, duration, t, ip,
                console ? person.browserAgent : person.cliAgent);
        if (console) {
            String provider = sso ? role.account.ssoProviderArn : role.account.oktaProviderArn;
            session = w.sts.roleConsoleLogin(session, t, ip, person.browserAgent, false, provider);
        } else if (rootTaskDue) {
            List<Account> members = w.model.members();
            pendingRootTarget = w.pick(members);
        } else if (sso && person.admin && role.account.kind == AccountKind.MANAGEMENT && w.rng.nextDouble() < 0.3) {
            Account member = w.pick(w.model.members());
            pendingChain = member.role(Role.Purpose.ORG_ACCESS);
        }
        return new Work(session, w.catalog.forRole(role), w.region(), ip, console ? person.browserAgent : person.cliAgent,
                w.between(5, 50), t + minutes(w.between(10, 60)));
    }

    @Override
    boolean followUp(long t) throws IOException {
        if (pendingRootTarget != null) {
            Account member = pendingRootTarget;
            pendingRootTarget = null;
            lastRootTask = t;
            boolean audit = w.rng.nextDouble() < 0.8;
            Credential root = w.sts.assumeRoot(work.credential, member,
                    audit ? "IAMAuditRootUserCredentials" : "S3UnlockBucketPolicy", t, work.ip, work.agent);
            work.credential = root;
            work.persona = audit ? w.catalog.rootAudit : w.catalog.rootS3Unlock;
            work.region = AwsRegion.US_EAST_1;
            work.callsLeft = w.between(2, 4);
            work.minEnd = t;
            return true;
        }
        if (pendingChain != null) {
            Role role = pendingChain;
            pendingChain = null;
            work.credential = w.sts.assumeRole(work.credential, role, person.email, null, 3600, t, work.ip, work.agent);
            work.persona = w.catalog.human;
            work.callsLeft = w.between(5, 30);
            work.minEnd = t + minutes(10);
            return true;
        }
        return false;
    }
}
