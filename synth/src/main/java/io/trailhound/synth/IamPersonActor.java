package io.trailhound.synth;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A person with an IAM user in the identity account. A session is one of: a console sign-in
 * (often followed by Switch Role into another account), AssumeRole with the access key (sometimes
 * chained on to a second account), GetSessionToken then calls or AssumeRole with that session,
 * or plain calls with the long-term key.
 */
final class IamPersonActor extends SessionActor {
    private final Person person;
    private final IamUser user;
    private final Credential key;
    private final List<Role> switchable = new ArrayList<>();
    private Credential console;
    private Credential sessionToken;
    private Role pendingSwitch;
    private Role pendingChain;

    IamPersonActor(World w, Person person, double weight) {
        super(w, Group.HUMAN, weight);
        this.person = person;
        this.user = person.iamUser;
        AccessKey k = user.firstActiveKey();
        this.key = k == null ? null : Credential.userKey(user, k);
        for (Role r : person.roles) {
            // console Switch Role cannot set a source identity, so roles that require one are CLI-only
            if (r.trust.guard != TrustPolicy.Guard.SOURCE_IDENTITY_IS_USERNAME) {
                switchable.add(r);
            }
        }
    }

    @Override
    Work begin(long t) throws IOException {
        pendingSwitch = null;
        pendingChain = null;
        String ip = w.rng.nextDouble() < 0.7 ? w.pick(w.model.officeIps) : person.homeIp;
        double r = w.rng.nextDouble();
        if (user.password && (key == null || r < 0.4)) {
            return consoleSession(t, ip);
        }
        if (r < 0.75) {
            return assumeRoleSession(key, t, ip);
        }
        if (r < 0.92) {
            if (sessionToken == null || !sessionToken.validAt(t, minutes(30))) {
                int duration = new int[] {43200, 86400, 129600}[w.rng.nextInt(3)];
                sessionToken = w.sts.getSessionToken(key, duration, user.mfa, t, ip, person.cliAgent);
            }
            if (w.rng.nextBoolean()) {
                return new Work(sessionToken, w.catalog.identitySelf, w.region(), ip, person.cliAgent,
                        w.between(3, 15), t + minutes(10));
            }
            return assumeRoleSession(sessionToken, t, ip);
        }
        return new Work(key, w.catalog.identitySelf, w.region(), ip, person.cliAgent, w.between(2, 10), t);
    }

    private Work consoleSession(long t, String ip) throws IOException {
        if (console == null || !console.validAt(t, minutes(10))) {
            console = w.sts.consoleLogin(user, t, ip, person.browserAgent, w.rng.nextDouble() < 0.03);
        }
        if (!switchable.isEmpty() && w.rng.nextDouble() < 0.7) {
            pendingSwitch = w.pick(switchable);
        }
        return new Work(console, w.catalog.identitySelf, AwsRegion.US_EAST_1, ip, person.browserAgent,
                w.between(2, 8), t + minutes(5));
    }

    private Work assumeRoleSession(Credential caller, long t, String ip) throws IOException {
        Role role = w.pick(person.roles);
        String sessionName = user.name;
        String sourceIdentity = null;
        switch (role.trust.guard) {
            case SESSION_NAME_IS_USERNAME -> sessionName = user.name;
            case SOURCE_IDENTITY_IS_USERNAME -> {
                sessionName = "botocore-session-" + t / 1000;
                sourceIdentity = user.name;
            }
            default -> {
                // nothing forces the name: CLI default session names hide who it was
                if (w.rng.nextDouble() < 0.7) {
                    sessionName = "botocore-session-" + t / 1000;
                }
            }
        }
        Credential session = w.sts.assumeRole(caller, role, sessionName, sourceIdentity, 3600, t, ip, person.cliAgent);
        if (role.purpose == Role.Purpose.DEVELOPER && w.rng.nextDouble() < 0.25) {
            List<Role> chainTargets = new ArrayList<>();
            for (Account a : w.model.roleTargets()) {
                Role chain = a.role(Role.Purpose.CHAIN_AUDIT);
                if (chain != null && a != role.account) {
                    chainTargets.add(chain);
                }
            }
            if (!chainTargets.isEmpty()) {
                pendingChain = w.pick(chainTargets);
            }
        }
        return new Work(session, w.catalog.forRole(role), w.region(), ip, person.cliAgent, w.between(5, 60),
                t + minutes(w.between(10, 50)));
    }

    @Override
    boolean followUp(long t) throws IOException {
        if (pendingSwitch != null) {
            Role role = pendingSwitch;
            pendingSwitch = null;
            work.credential = w.sts.switchRole(console, role, t, work.ip, person.browserAgent);
            work.persona = w.catalog.forRole(role);
            work.region = w.region();
            work.callsLeft = w.between(10, 60);
            work.minEnd = t + minutes(w.between(15, 90));
            return true;
        }
        if (pendingChain != null) {
            Role role = pendingChain;
            pendingChain = null;
            work.credential = w.sts.assumeRole(work.credential, role, "botocore-session-" + t / 1000, null, 3600, t,
                    work.ip, person.cliAgent);
            work.persona = w.catalog.human;
            work.callsLeft = w.between(5, 30);
            work.minEnd = t + minutes(10);
            return true;
        }
        return false;
    }
}
