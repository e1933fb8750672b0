package io.trailhound.synth;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/**
 * Writes the events that create credentials, STS issuances and console sign-ins, and returns the
 * credentials they create. Each issued key is returned in {@code responseElements.credentials};
 * console sessions get keys no event returns, as in real trails (attribution.md §2.4).
 */
final class CredentialIssuer {
    private static final long SECOND = 1000L;
    private static final String STS = "sts.amazonaws.com";
    private static final String SIGNIN = "signin.amazonaws.com";
    private static final String CONSOLE_HOME = "https://console.aws.amazon.com/console/home?region=us-east-1";

    private final OrgModel model;
    private final EventEmitter out;
    private final Ids ids;

    CredentialIssuer(OrgModel model, EventEmitter out, Ids ids) {
        this.model = model;
        this.out = out;
        this.ids = ids;
    }

    /**
     * AssumeRole by {@code caller}. Role chaining caps the session at one hour. Cross-account calls
     * are written twice (caller's and role's account) with one sharedEventID and requestID.
     */
    Credential assumeRole(Credential caller, Role role, String sessionName, String sourceIdentity, int durationSeconds,
                          long t, String ip, String agent) throws IOException {
        if (caller.kind == Credential.Kind.ROLE_SESSION || caller.kind == Credential.Kind.ROLE_CONSOLE) {
            durationSeconds = Math.min(durationSeconds, 3600);
        }
        String inherited = caller.sourceIdentity != null ? caller.sourceIdentity : sourceIdentity;
        Issued issued = issue(t, durationSeconds);
        TrailEvent e = stsEvent("AssumeRole", t, ip, agent, caller.account);
        e.credential = caller;
        e.tlsHost = agent.startsWith("aws-cli") ? "sts.us-east-1.amazonaws.com" : STS;
        int duration = durationSeconds;
        e.requestParameters = g -> {
            g.writeStartObject();
            g.writeStringField("roleArn", role.arn);
            g.writeStringField("roleSessionName", sessionName);
            g.writeNumberField("durationSeconds", duration);
            if (inherited != null) {
                g.writeStringField("sourceIdentity", inherited);
            }
            g.writeEndObject();
        };
        e.responseElements = g -> {
            g.writeStartObject();
            issued.writeCredentials(g);
            writeAssumedRoleUser(g, role, sessionName);
            if (inherited != null) {
                g.writeStringField("sourceIdentity", inherited);
            }
            g.writeEndObject();
        };
        e.resources = g -> writeRoleResource(g, role);
        String callerCopy = emitPossiblyCrossAccount(e, caller, role.account);
        touch(role, t);
        return Credential.roleSession(role, sessionName, issued.keyId, t, issued.expires, caller.mfa, inherited, null,
                false, caller.origin, caller, callerCopy);
    }

    /**
     * Console Switch Role by an IAM user's console session: AssumeRole made by "AWS Internal"
     * (both copies when cross-account), then SwitchRole in the role's account. The console then
     * signs with a key no event returns.
     */
    Credential switchRole(Credential console, Role role, long t, String ip, String browser) throws IOException {
        String sessionName = console.user.name;
        Issued issued = issue(t, 3600);
        TrailEvent e = stsEvent("AssumeRole", t, UserAgents.AWS_INTERNAL, UserAgents.AWS_INTERNAL, console.account);
        e.credential = console;
        e.identityInvokedBy = UserAgents.AWS_INTERNAL;
        e.requestParameters = roleRequest(role, sessionName, 3600);
        e.responseElements = g -> {
            g.writeStartObject();
            issued.writeCredentials(g);
            writeAssumedRoleUser(g, role, sessionName);
            g.writeEndObject();
        };
        e.resources = g -> writeRoleResource(g, role);
        String callerCopy = emitPossiblyCrossAccount(e, console, role.account);
        touch(role, t);
        Credential session = Credential.roleSession(role, sessionName, issued.keyId, t, issued.expires, console.mfa,
                null, null, false, console.origin, console, callerCopy);

        TrailEvent s = out.begin();
        signInEvent(s, "SwitchRole", t, ip, browser, role.account);
        s.credential = session;
        s.omitAccessKey = true;
        String switchFrom = console.user.arn;
        s.responseElements = g -> {
            g.writeStartObject();
            g.writeStringField("SwitchRole", "Success");
            g.writeEndObject();
        };
        s.additionalEventData = g -> {
            g.writeStartObject();
            g.writeStringField("SwitchFrom", switchFrom);
            g.writeStringField("RedirectTo", CONSOLE_HOME);
            g.writeEndObject();
        };
        String switchId = out.emit();
        return Credential.roleConsole(session, ids.accessKey("ASIA"), switchId);
    }

    /** AssumeRoleWithSAML through Okta ({@code sso} false) or Identity Center ({@code sso} true). */
    Credential assumeRoleWithSaml(Person p, Role role, boolean sso, int durationSeconds, long t, String ip, String agent)
            throws IOException {
        Account a = role.account;
        String provider = sso ? a.ssoProviderArn : a.oktaProviderArn;
        String qualifier = sso ? a.ssoNameQualifier : a.oktaNameQualifier;
        String issuer = sso ? model.ssoIssuer : model.oktaIssuer;
        String subject = p.email;
        Issued issued = issue(t, durationSeconds);
        TrailEvent e = stsEvent("AssumeRoleWithSAML", t, ip, agent, a);
        e.identityKind = TrailEvent.IdentityKind.SAML_USER;
        e.principalId = qualifier + ":" + subject;
        e.identityUserName = subject;
        e.identityProvider = qualifier;
        String assertionId = "_" + ids.hex(32);
        e.requestParameters = g -> {
            g.writeStartObject();
            g.writeStringField("sAMLAssertionID", assertionId);
            g.writeStringField("roleSessionName", subject);
            g.writeStringField("principalArn", provider);
            g.writeStringField("roleArn", role.arn);
            g.writeNumberField("durationSeconds", durationSeconds);
            g.writeEndObject();
        };
        e.responseElements = g -> {
            g.writeStartObject();
            g.writeStringField("subjectType", "persistent");
            g.writeStringField("issuer", issuer);
            issued.writeCredentials(g);
            g.writeStringField("nameQualifier", qualifier);
            writeAssumedRoleUser(g, role, subject);
            g.writeStringField("subject", subject);
            g.writeStringField("audience", "https://signin.aws.amazon.com/saml");
            g.writeEndObject();
        };
        e.resources = g -> {
            g.writeStartArray();
            writeResource(g, a.id, "AWS::IAM::Role", role.arn);
            writeResource(g, a.id, "AWS::IAM::SAMLProvider", provider);
            g.writeEndArray();
        };
        String id = out.emit();
        touch(role, t);
        return Credential.roleSession(role, subject, issued.keyId, t, issued.expires, false, null, null, false,
                p.origin(), null, id);
    }

    /** AssumeRoleWithWebIdentity from a GitHub Actions workflow through the account's OIDC provider. */
    Credential assumeRoleWithWebIdentity(Workloads.Pipeline pipeline, long t, String ip) throws IOException {
        Role role = pipeline.role();
        Account a = role.account;
        String provider = a.githubProviderArn;
        String subject = pipeline.subject();
        String sessionName = "GitHubActions";
        Issued issued = issue(t, 3600);
        TrailEvent e = stsEvent("AssumeRoleWithWebIdentity", t, ip, UserAgents.GITHUB_CREDENTIALS_ACTION, a);
        e.identityKind = TrailEvent.IdentityKind.WEB_IDENTITY_USER;
        e.principalId = provider + ":sts.amazonaws.com:" + subject;
        e.identityUserName = subject;
        e.identityProvider = provider;
        e.tlsHost = "sts.us-east-1.amazonaws.com";
        e.requestParameters = roleRequest(role, sessionName, 3600);
        e.responseElements = g -> {
            g.writeStartObject();
            issued.writeCredentials(g);
            g.writeStringField("subjectFromWebIdentityToken", subject);
            writeAssumedRoleUser(g, role, sessionName);
            g.writeStringField("provider", provider);
            g.writeStringField("audience", "sts.amazonaws.com");
            g.writeEndObject();
        };
        e.resources = g -> writeRoleResource(g, role);
        String id = out.emit();
        touch(role, t);
        return Credential.roleSession(role, sessionName, issued.keyId, t, issued.expires, false, null, provider, false,
                Origin.webIdentity(subject, provider), null, id);
    }

    /** GetSessionToken with an IAM user's long-term key; calls made with it show the user and an ASIA key. */
    Credential getSessionToken(Credential userKey, int durationSeconds, boolean mfa, long t, String ip, String agent)
            throws IOException {
        IamUser u = userKey.user;
        Issued issued = issue(t, durationSeconds);
        TrailEvent e = stsEvent("GetSessionToken", t, ip, agent, u.account);
        e.credential = userKey;
        String serial = mfa ? u.mfaSerial() : null;
        e.requestParameters = g -> {
            g.writeStartObject();
            g.writeNumberField("durationSeconds", durationSeconds);
            if (serial != null) {
                g.writeStringField("serialNumber", serial);
            }
            g.writeEndObject();
        };
        e.responseElements = g -> {
            g.writeStartObject();
            issued.writeCredentials(g);
            g.writeEndObject();
        };
        String id = out.emit();
        return Credential.userSession(u, issued.keyId, t, issued.expires, mfa, id);
    }

    /** GetFederationToken with an IAM user's long-term key; calls show FederatedUser issued by that user. */
    Credential getFederationToken(Credential userKey, String name, int durationSeconds, long t, String ip, String agent)
            throws IOException {
        IamUser u = userKey.user;
        Issued issued = issue(t, durationSeconds);
        TrailEvent e = stsEvent("GetFederationToken", t, ip, agent, u.account);
        e.credential = userKey;
        e.readOnly = false;
        e.requestParameters = g -> {
            g.writeStartObject();
            g.writeStringField("name", name);
            g.writeNumberField("durationSeconds", durationSeconds);
            g.writeStringField("policy", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                    + "\"Action\":[\"s3:Get*\",\"s3:List*\"],\"Resource\":\"*\"}]}");
            g.writeEndObject();
        };
        String federatedArn = "arn:aws:sts::" + u.account.id + ":federated-user/" + name;
        e.responseElements = g -> {
            g.writeStartObject();
            issued.writeCredentials(g);
            g.writeObjectFieldStart("federatedUser");
            g.writeStringField("federatedUserId", u.account.id + ":" + name);
            g.writeStringField("arn", federatedArn);
            g.writeEndObject();
            g.writeNumberField("packedPolicySize", 6);
            g.writeEndObject();
        };
        String id = out.emit();
        return Credential.federated(u, name, issued.keyId, t, issued.expires, id);
    }

    /** AssumeRoot from the management account into a member; the session lasts at most 15 minutes. */
    Credential assumeRoot(Credential caller, Account member, String taskPolicy, long t, String ip, String agent)
            throws IOException {
        Issued issued = issue(t, 900);
        TrailEvent e = stsEvent("AssumeRoot", t, ip, agent, caller.account);
        e.eventVersion = "1.10";
        e.credential = caller;
        e.tlsHost = "sts.us-east-1.amazonaws.com";
        String policyArn = "arn:aws:iam::aws:policy/root-task/" + taskPolicy;
        e.requestParameters = g -> {
            g.writeStartObject();
            g.writeStringField("targetPrincipal", member.id);
            g.writeObjectFieldStart("taskPolicyArn");
            g.writeStringField("arn", policyArn);
            g.writeEndObject();
            g.writeNumberField("durationSeconds", 900);
            g.writeEndObject();
        };
        e.responseElements = g -> {
            g.writeStartObject();
            issued.writeCredentials(g);
            g.writeEndObject();
        };
        String id = out.emit();
        return Credential.rootTask(member, issued.keyId, t, issued.expires, caller, id);
    }

    /** A service (EC2 for an instance profile, Lambda for an execution role) assuming a role: userIdentity AWSService. */
    Credential serviceAssumeRole(String service, Role role, String sessionName, int durationSeconds, long t)
            throws IOException {
        Issued issued = issue(t, durationSeconds);
        TrailEvent e = stsEvent("AssumeRole", t, service, service, role.account);
        e.identityKind = TrailEvent.IdentityKind.AWS_SERVICE;
        e.identityInvokedBy = service;
        e.tlsHost = null;
        e.requestParameters = g -> {
            g.writeStartObject();
            g.writeStringField("roleArn", role.arn);
            g.writeStringField("roleSessionName", sessionName);
            g.writeEndObject();
        };
        e.responseElements = g -> {
            g.writeStartObject();
            issued.writeCredentials(g);
            writeAssumedRoleUser(g, role, sessionName);
            g.writeEndObject();
        };
        e.resources = g -> writeRoleResource(g, role);
        String id = out.emit();
        touch(role, t);
        boolean ec2 = service.startsWith("ec2.");
        return Credential.roleSession(role, sessionName, issued.keyId, t, issued.expires, false, null, null, ec2,
                Origin.service(service), null, id);
    }

    /**
     * An IAM user's console sign-in: CheckMfa when the user has MFA, ConsoleLogin, and sometimes a
     * mistyped password first. The 12-hour console session signs with a key no event returns.
     */
    Credential consoleLogin(IamUser u, long t, String ip, String browser, boolean typo) throws IOException {
        if (typo) {
            TrailEvent f = out.begin();
            signInEvent(f, "ConsoleLogin", t, ip, browser, u.account);
            f.identityKind = TrailEvent.IdentityKind.IAM_USER_SIGNIN;
            f.signInUser = u;
            f.errorMessage = "Failed authentication";
            f.responseElements = g -> {
                g.writeStartObject();
                g.writeStringField("ConsoleLogin", "Failure");
                g.writeEndObject();
            };
            f.additionalEventData = loginData(false, null, null);
            out.emit();
        }
        if (u.mfa) {
            TrailEvent c = out.begin();
            signInEvent(c, "CheckMfa", t, ip, browser, u.account);
            c.identityKind = TrailEvent.IdentityKind.IAM_USER_SIGNIN;
            c.signInUser = u;
            c.checkMfaShape = true;
            c.tlsHost = "us-east-1.signin.aws.amazon.com";
            c.responseElements = g -> {
                g.writeStartObject();
                g.writeStringField("CheckMfa", "Success");
                g.writeEndObject();
            };
            c.additionalEventData = g -> {
                g.writeStartObject();
                g.writeStringField("MfaType", "Virtual MFA");
                g.writeEndObject();
            };
            out.emit();
        }
        TrailEvent e = out.begin();
        signInEvent(e, "ConsoleLogin", t, ip, browser, u.account);
        e.identityKind = TrailEvent.IdentityKind.IAM_USER_SIGNIN;
        e.signInUser = u;
        e.responseElements = g -> {
            g.writeStartObject();
            g.writeStringField("ConsoleLogin", "Success");
            g.writeEndObject();
        };
        e.additionalEventData = loginData(u.mfa, u.mfa ? u.mfaSerial() : null, null);
        String id = out.emit();
        u.passwordLastUsed = t;
        return Credential.userConsole(u, ids.accessKey("ASIA"), t, t + 12 * 3600 * SECOND, u.mfa, id);
    }

    /**
     * ConsoleLogin by a role session: SAML / Identity Center console access, or a federation broker
     * turning API credentials into a console session. {@code showKey} keeps the issued key in the
     * record (federation broker); SAML sign-ins show none.
     */
    Credential roleConsoleLogin(Credential roleSession, long t, String ip, String browser, boolean showKey,
                                String samlProvider) throws IOException {
        TrailEvent e = out.begin();
        signInEvent(e, "ConsoleLogin", t, ip, browser, roleSession.account);
        e.credential = roleSession;
        e.omitAccessKey = !showKey;
        e.responseElements = g -> {
            g.writeStartObject();
            g.writeStringField("ConsoleLogin", "Success");
            g.writeEndObject();
        };
        e.additionalEventData = loginData(false, null, samlProvider);
        String id = out.emit();
        return Credential.roleConsole(roleSession, ids.accessKey("ASIA"), id);
    }

    /** GetSigninToken: a federation broker exchanging session credentials for a console sign-in token. */
    void getSigninToken(Credential roleSession, long t, String ip, String agent) throws IOException {
        TrailEvent e = out.begin();
        signInEvent(e, "GetSigninToken", t, ip, agent, roleSession.account);
        e.credential = roleSession;
        e.responseElements = g -> {
            g.writeStartObject();
            g.writeStringField("GetSigninToken", "Success");
            g.writeEndObject();
        };
        out.emit();
    }

    // ------------------------------------------------------------------ helpers

    private TrailEvent stsEvent(String name, long t, String ip, String agent, Account recipient) {
        TrailEvent e = out.begin();
        e.time = t;
        e.eventSource = STS;
        e.eventName = name;
        e.sourceIp = ip;
        e.userAgent = agent;
        e.readOnly = true;
        e.recipient = recipient;
        e.tlsHost = STS;
        return e;
    }

    private static void signInEvent(TrailEvent e, String name, long t, String ip, String agent, Account recipient) {
        e.time = t;
        e.eventSource = SIGNIN;
        e.eventName = name;
        e.eventType = "AwsConsoleSignIn";
        e.sourceIp = ip;
        e.userAgent = agent;
        e.recipient = recipient;
        e.tlsHost = "signin.aws.amazon.com";
    }

    private static JsonBody loginData(boolean mfa, String mfaSerial, String samlProvider) {
        return g -> {
            g.writeStartObject();
            g.writeStringField("LoginTo", CONSOLE_HOME);
            g.writeStringField("MobileVersion", "No");
            g.writeStringField("MFAUsed", mfa ? "Yes" : "No");
            if (mfaSerial != null) {
                g.writeStringField("MFAIdentifier", mfaSerial);
            }
            if (samlProvider != null) {
                g.writeStringField("SamlProviderArn", samlProvider);
            }
            g.writeEndObject();
        };
    }

    /** Emits the caller-account record, and for a cross-account call the role-account copy; returns the caller copy's id. */
    private String emitPossiblyCrossAccount(TrailEvent e, Credential caller, Account roleAccount) throws IOException {
        boolean cross = roleAccount != caller.account;
        if (cross) {
            e.sharedEventId = ids.uuid();
            e.requestId = ids.uuid();
        }
        String callerCopy = out.emit();
        if (cross) {
            e.identityKind = TrailEvent.IdentityKind.AWS_ACCOUNT;
            e.identityInvokedBy = null;
            e.principalId = caller.callerUniqueId();
            e.identityAccountId = caller.account.id;
            e.recipient = roleAccount;
            out.emit();
        }
        return callerCopy;
    }

    private static void touch(Role role, long t) {
        role.lastUsed = t;
        role.lastUsedRegion = AwsRegion.US_EAST_1;
    }

    private Issued issue(long t, int durationSeconds) {
        long expires = t + durationSeconds * SECOND;
        return new Issued(ids.accessKey("ASIA"), ids.sessionToken(), expires, TimeFormats.expiration(expires));
    }

    private static void writeAssumedRoleUser(JsonGenerator g, Role role, String sessionName) throws IOException {
        g.writeObjectFieldStart("assumedRoleUser");
        g.writeStringField("assumedRoleId", role.roleId + ":" + sessionName);
        g.writeStringField("arn", role.sessionArn(sessionName));
        g.writeEndObject();
    }

    /** requestParameters of a plain AssumeRole* call: role, session name, duration. */
    private static JsonBody roleRequest(Role role, String sessionName, int durationSeconds) {
        return g -> {
            g.writeStartObject();
            g.writeStringField("roleArn", role.arn);
            g.writeStringField("roleSessionName", sessionName);
            g.writeNumberField("durationSeconds", durationSeconds);
            g.writeEndObject();
        };
    }

    private static void writeRoleResource(JsonGenerator g, Role role) throws IOException {
        g.writeStartArray();
        writeResource(g, role.account.id, "AWS::IAM::Role", role.arn);
        g.writeEndArray();
    }

    static void writeResource(JsonGenerator g, String accountId, String type, String arn) throws IOException {
        g.writeStartObject();
        g.writeStringField("accountId", accountId);
        g.writeStringField("type", type);
        g.writeStringField("ARN", arn);
        g.writeEndObject();
    }

    /** A freshly issued key, its token and expiry. */
    private record Issued(String keyId, String sessionToken, long expires, String expiration) {
        void writeCredentials(JsonGenerator g) throws IOException {
            g.writeObjectFieldStart("credentials");
            g.writeStringField("accessKeyId", keyId);
            g.writeStringField("sessionToken", sessionToken);
            g.writeStringField("expiration", expiration);
            g.writeEndObject();
        }
    }
}
