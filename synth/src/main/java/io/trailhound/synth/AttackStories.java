package io.trailhound.synth;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The six injected attack stories. Each is a few timed steps placed at a seed-determined time in
 * the window; the scheduler runs a step when activity reaches its time. Every event a step writes
 * is recorded as the story's ground truth.
 */
final class AttackStories {
    private static final long SECOND = 1000L;
    private static final long MINUTE = 60 * SECOND;

    /** One injected story and, once run, its events. */
    static final class Story {
        final String id;
        final String description;
        final Map<String, String> details = new LinkedHashMap<>();
        final List<String> eventIds = new ArrayList<>();
        Account account;
        Origin origin;
        long startTime;

        Story(String id, String description) {
            this.id = id;
            this.description = description;
        }
    }

    @FunctionalInterface
    private interface StepAction {
        void run(long t) throws IOException;
    }

    private record Step(long time, int seq, Story story, StepAction action) {
    }

    private final World w;
    private final List<Ec2InstanceActor> instances;
    private final List<Story> stories = new ArrayList<>();
    private final PriorityQueue<Step> due = new PriorityQueue<>(
            (a, b) -> a.time != b.time ? Long.compare(a.time, b.time) : Integer.compare(a.seq, b.seq));
    private int seq;

    AttackStories(World w, List<Ec2InstanceActor> instances) {
        this.w = w;
        this.instances = instances;
    }

    /** Places the six stories at seed-determined times between {@code start} and {@code end}. */
    void schedule(long start, long end) {
        List<Runnable> planners = new ArrayList<>();
        long[] slot = new long[1];
        planners.add(() -> consoleLoginViaAssumedRole(slot[0]));
        planners.add(() -> assumeRootByRareUser(slot[0]));
        planners.add(() -> accessKeyForOtherUser(slot[0]));
        planners.add(() -> cloudTrailStopAndDelete(slot[0]));
        planners.add(() -> mfaDeactivated(slot[0]));
        planners.add(() -> temporaryCredentialsFromNewIp(slot[0]));
        for (int i = planners.size() - 1; i > 0; i--) {
            int j = w.rng.nextInt(i + 1);
            Runnable tmp = planners.get(i);
            planners.set(i, planners.get(j));
            planners.set(j, tmp);
        }
        long lo = start + (end - start) / 20;
        long hi = end - 45 * MINUTE;
        double slotLength = (hi - lo) / (double) planners.size();
        for (int k = 0; k < planners.size(); k++) {
            slot[0] = lo + (long) (slotLength * (k + 0.1 + 0.8 * w.rng.nextDouble()));
            planners.get(k).run();
        }
    }

    /** Runs every step due at or before {@code t}. */
    void runDue(long t) throws IOException {
        while (!due.isEmpty() && due.peek().time <= t) {
            Step s = due.poll();
            w.out.captureInto(s.story.eventIds);
            try {
                s.action.run(s.time);
            } finally {
                w.out.stopCapture();
            }
        }
    }

    /** The stories in the order they start. */
    List<Story> stories() {
        List<Story> out = new ArrayList<>(stories);
        out.sort((a, b) -> Long.compare(a.startTime, b.startTime));
        return out;
    }

    private Story story(String id, String description, long t0) {
        Story s = new Story(id, description);
        s.startTime = t0;
        stories.add(s);
        return s;
    }

    private void at(Story s, long t, StepAction action) {
        due.add(new Step(t, seq++, s, action));
    }

    /** Runs setup work whose events are ordinary activity, not part of story {@code s}. */
    private void quietly(Story s, StepAction action, long t) throws IOException {
        w.out.stopCapture();
        try {
            action.run(t);
        } finally {
            w.out.captureInto(s.eventIds);
        }
    }

    // ---------------------------------------------------------------- 1

    /** A stolen service key assumes a role and turns the session into a console sign-in (federation broker trick). */
    private void consoleLoginViaAssumedRole(long t0) {
        IamUser ci = w.model.serviceUser("ci-deploy");
        Account target = w.pick(w.model.workloadAccounts());
        Role role = target.role(Role.Purpose.CI_DEPLOY);
        String ip = Addresses.draw(w.rng, Addresses.HOSTING);
        String browser = UserAgents.BROWSERS.get(2);
        Story s = story("console-login-via-assumed-role",
                "The ci-deploy access key, used from an address it never used, assumes role " + role.name + " in "
                        + target.name + " and turns the session into a console sign-in (GetSigninToken, then "
                        + "ConsoleLogin whose userIdentity is the assumed role); the console is then browsed.", t0);
        s.account = target;
        s.origin = Origin.iamUser(ci.arn);
        s.details.put("sourceIPAddress", ip);
        s.details.put("roleArn", role.arn);
        Credential key = Credential.userKey(ci, ci.firstActiveKey());
        Credential[] session = new Credential[2];
        at(s, t0, t -> session[0] = w.sts.assumeRole(key, role, ci.name, null, 3600, t, ip, UserAgents.ATTACKER_SCRIPT));
        at(s, t0 + 25 * SECOND, t -> w.sts.getSigninToken(session[0], t, ip, UserAgents.ATTACKER_SCRIPT));
        at(s, t0 + 31 * SECOND, t -> session[1] = w.sts.roleConsoleLogin(session[0], t, ip, browser, true, null));
        ApiAction[] browse = {ApiCatalog.LIST_USERS, ApiCatalog.LIST_ROLES, ApiCatalog.DESCRIBE_INSTANCES,
                ApiCatalog.LIST_BUCKETS, ApiCatalog.GET_SECRET_VALUE};
        for (int i = 0; i < browse.length; i++) {
            ApiAction a = browse[i];
            at(s, t0 + (60 + 35L * i) * SECOND, t -> w.api.call(session[1], a, AwsRegion.US_EAST_1, t, ip,
                    a.service.equals("s3") ? UserAgents.S3_CONSOLE : UserAgents.CONSOLE, null, false));
        }
    }

    // ---------------------------------------------------------------- 2

    /** AssumeRoot into a member account by an Identity Center user who has never run a root task. */
    private void assumeRootByRareUser(long t0) {
        List<Person> idc = w.model.people(Person.Kind.IDENTITY_CENTER);
        Person rare = idc.get(idc.size() - 1);
        Role role = w.model.management().permissionSetRole("AdministratorAccess");
        Account member = w.pick(w.model.members());
        Story s = story("assume-root-by-rare-user",
                "Identity Center user " + rare.email + ", who never runs root tasks, signs in to the management "
                        + "account and calls AssumeRoot into " + member.name + " (" + member.id
                        + ") with the IAMCreateRootUserPassword task policy, then creates a root password.", t0);
        s.account = member;
        s.origin = rare.origin();
        s.details.put("targetPrincipal", member.id);
        s.details.put("taskPolicyArn", "arn:aws:iam::aws:policy/root-task/IAMCreateRootUserPassword");
        Credential[] c = new Credential[2];
        String ip = rare.homeIp;
        at(s, t0, t -> c[0] = w.sts.assumeRoleWithSaml(rare, role, true, 3600, t, ip, rare.cliAgent));
        at(s, t0 + 45 * SECOND, t -> c[1] = w.sts.assumeRoot(c[0], member, "IAMCreateRootUserPassword", t, ip, rare.cliAgent));
        at(s, t0 + 70 * SECOND, t -> w.api.callWith(c[1], ApiCatalog.CREATE_LOGIN_PROFILE, AwsRegion.US_EAST_1, t, ip,
                rare.cliAgent, null, g -> {
                    g.writeStartObject();
                    g.writeObjectFieldStart("loginProfile");
                    g.writeStringField("createDate", TimeFormats.createDate(t));
                    g.writeBooleanField("passwordResetRequired", false);
                    g.writeEndObject();
                    g.writeEndObject();
                }));
        at(s, t0 + 90 * SECOND, t -> w.api.call(c[1], ApiCatalog.GET_LOGIN_PROFILE, AwsRegion.US_EAST_1, t, ip,
                rare.cliAgent, null, false));
    }

    // ---------------------------------------------------------------- 3

    /** A person's key, used from a rented server, creates an access key for the terraform user and uses it. */
    private void accessKeyForOtherUser(long t0) {
        Person caller = w.model.people(Person.Kind.IAM_USER).get(0);
        IamUser target = w.model.serviceUser("terraform");
        String ip = Addresses.draw(w.rng, Addresses.HOSTING);
        Story s = story("access-key-for-other-user",
                "The access key of " + caller.iamUser.name + ", used from an unknown address, creates an access key "
                        + "for the IAM user " + target.name + " (CreateAccessKey with requestParameters.userName not "
                        + "the caller), and the new key is used minutes later from the same address.", t0);
        s.account = caller.iamUser.account;
        s.origin = caller.origin();
        s.details.put("sourceIPAddress", ip);
        s.details.put("userName", target.name);
        Credential key = Credential.userKey(caller.iamUser, caller.iamUser.firstActiveKey());
        AccessKey[] created = new AccessKey[1];
        at(s, t0, t -> w.api.call(key, ApiCatalog.LIST_USERS, AwsRegion.US_EAST_1, t, ip, UserAgents.ATTACKER_CLI, null, false));
        at(s, t0 + 40 * SECOND, t -> {
            AccessKey k = new AccessKey(w.ids.accessKey("AKIA"), t);
            created[0] = k;
            target.keys.add(k);
            s.details.put("createdAccessKeyId", k.id);
            w.api.callWith(key, ApiCatalog.CREATE_ACCESS_KEY, AwsRegion.US_EAST_1, t, ip, UserAgents.ATTACKER_CLI, g -> {
                g.writeStartObject();
                g.writeStringField("userName", target.name);
                g.writeEndObject();
            }, g -> {
                g.writeStartObject();
                g.writeObjectFieldStart("accessKey");
                g.writeStringField("accessKeyId", k.id);
                g.writeStringField("status", "Active");
                g.writeStringField("userName", target.name);
                g.writeStringField("createDate", TimeFormats.createDate(t));
                g.writeEndObject();
                g.writeEndObject();
            });
        });
        ApiAction[] use = {ApiCatalog.GET_CALLER_IDENTITY, ApiCatalog.LIST_BUCKETS, ApiCatalog.GET_ACCOUNT_AUTHORIZATION_DETAILS};
        for (int i = 0; i < use.length; i++) {
            ApiAction a = use[i];
            at(s, t0 + 15 * MINUTE + i * 50 * SECOND, t -> w.api.call(Credential.userKey(target, created[0]), a,
                    AwsRegion.US_EAST_1, t, ip, UserAgents.ATTACKER_CLI, null, false));
        }
    }

    // ---------------------------------------------------------------- 4

    /** A compromised CI workflow stops and deletes the account's trail. */
    private void cloudTrailStopAndDelete(long t0) {
        Workloads.Pipeline pipeline = w.pick(w.model.pipelines);
        Account a = pipeline.account();
        String ip = Addresses.draw(w.rng, Addresses.GITHUB);
        Story s = story("cloudtrail-stop-and-delete",
                "A GitHub Actions workflow of " + pipeline.repository() + " assumes github-actions-deploy in " + a.name
                        + " through OIDC, then calls CloudTrail StopLogging and DeleteTrail on " + a.localTrailName + ".", t0);
        s.account = a;
        s.origin = Origin.webIdentity(pipeline.subject(), a.githubProviderArn);
        s.details.put("trailName", a.localTrailName);
        Credential[] c = new Credential[1];
        at(s, t0, t -> c[0] = w.sts.assumeRoleWithWebIdentity(pipeline, t, ip));
        ApiAction[] steps = {ApiCatalog.DESCRIBE_TRAILS, ApiCatalog.GET_TRAIL_STATUS, ApiCatalog.STOP_LOGGING,
                ApiCatalog.DELETE_TRAIL};
        for (int i = 0; i < steps.length; i++) {
            ApiAction action = steps[i];
            at(s, t0 + (20 + 20L * i) * SECOND, t -> w.api.call(c[0], action, AwsRegion.US_EAST_1, t, ip,
                    UserAgents.GITHUB_CLI, null, false));
        }
    }

    // ---------------------------------------------------------------- 5

    /** An Identity Center admin session deactivates and deletes another user's MFA device. */
    private void mfaDeactivated(long t0) {
        Person actor = w.pick(w.model.people(Person.Kind.IDENTITY_CENTER));
        IamUser target = w.model.people(Person.Kind.IAM_USER).get(0).iamUser;
        Account idAcct = w.model.identity();
        Role adminRole = idAcct.permissionSetRole("AdministratorAccess");
        String serial = target.mfaSerial();
        Story s = story("mfa-deactivated",
                "Identity Center user " + actor.email + " signs in to the identity account as AdministratorAccess "
                        + "and deactivates (DeactivateMFADevice) and deletes the MFA device of IAM user " + target.name + ".", t0);
        s.account = idAcct;
        s.origin = actor.origin();
        s.details.put("userName", target.name);
        s.details.put("serialNumber", serial);
        Credential[] c = new Credential[1];
        String ip = actor.homeIp;
        at(s, t0, t -> c[0] = w.sts.assumeRoleWithSaml(actor, adminRole, true, 3600, t, ip, actor.cliAgent));
        at(s, t0 + 30 * SECOND, t -> w.api.callWith(c[0], ApiCatalog.LIST_MFA_DEVICES, AwsRegion.US_EAST_1, t, ip,
                actor.cliAgent, g -> {
                    g.writeStartObject();
                    g.writeStringField("userName", target.name);
                    g.writeEndObject();
                }, null));
        at(s, t0 + 50 * SECOND, t -> {
            target.mfa = false;
            w.api.callWith(c[0], ApiCatalog.DEACTIVATE_MFA_DEVICE, AwsRegion.US_EAST_1, t, ip, actor.cliAgent, g -> {
                g.writeStartObject();
                g.writeStringField("userName", target.name);
                g.writeStringField("serialNumber", serial);
                g.writeEndObject();
            }, null);
        });
        at(s, t0 + 62 * SECOND, t -> w.api.callWith(c[0], ApiCatalog.DELETE_VIRTUAL_MFA_DEVICE, AwsRegion.US_EAST_1, t,
                ip, actor.cliAgent, g -> {
                    g.writeStartObject();
                    g.writeStringField("serialNumber", serial);
                    g.writeEndObject();
                }, null));
    }

    // ---------------------------------------------------------------- 6

    /** An EC2 instance's role credentials, lifted from the instance, are used from an outside address. */
    private void temporaryCredentialsFromNewIp(long t0) {
        Ec2InstanceActor instance = w.pick(instances);
        Workloads.Ec2Instance i = instance.instance;
        String ip = Addresses.draw(w.rng, Addresses.HOSTING);
        Story s = story("temp-credentials-new-ip",
                "The role credentials of EC2 instance " + i.instanceId() + " (" + i.role().name + " in "
                        + i.account().name + ") are used from " + ip + ", an address never seen for that session.", t0);
        s.account = i.account();
        s.origin = Origin.service("ec2.amazonaws.com");
        s.details.put("sourceIPAddress", ip);
        s.details.put("usualSourceIPAddress", i.ip());
        Credential[] c = new Credential[1];
        at(s, t0, t -> {
            quietly(s, q -> {
                c[0] = instance.sessionAt(q);
                if (c[0].uses == 0) {
                    instance.callAsUsual(q);
                }
            }, t);
            s.details.put("accessKeyId", c[0].accessKeyId);
            w.api.call(c[0], ApiCatalog.GET_CALLER_IDENTITY, i.region(), t, ip, UserAgents.ATTACKER_CLI, null, false);
        });
        ApiAction[] use = {ApiCatalog.LIST_BUCKETS, ApiCatalog.DESCRIBE_INSTANCES, ApiCatalog.LIST_ROLES,
                ApiCatalog.GET_SECRET_VALUE};
        for (int k = 0; k < use.length; k++) {
            ApiAction a = use[k];
            at(s, t0 + (40 + 30L * k) * SECOND, t -> w.api.call(c[0], a, i.region(), t, ip, UserAgents.ATTACKER_CLI,
                    null, false));
        }
    }
}
