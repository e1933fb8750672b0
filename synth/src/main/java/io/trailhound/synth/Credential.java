package io.trailhound.synth;

import java.util.Arrays;

/**
 * A set of credentials some actor holds: a long-term access key, or a session issued by STS or by
 * a console sign-in. It carries what the CloudTrail userIdentity of its calls shows and what the
 * ground truth needs: the origin and the chain of issuing events.
 */
final class Credential {
    enum Kind {
        /** Long-term AKIA key of an IAM user. */
        USER_KEY,
        /** GetSessionToken credentials: calls show the IAM user with an ASIA key. */
        USER_SESSION,
        /** Console session of an IAM user (its key is never returned by any recorded event). */
        USER_CONSOLE,
        /** AssumeRole* credentials. */
        ROLE_SESSION,
        /** Console session in a role (SAML/Identity Center console, Switch Role, federation sign-in). */
        ROLE_CONSOLE,
        /** GetFederationToken credentials. */
        FEDERATED,
        /** AssumeRoot credentials: calls show the member account's root with assumedRoot. */
        ROOT_TASK
    }

    private static final String[] NO_CHAIN = new String[0];
    static final long NEVER = Long.MAX_VALUE;

    final Kind kind;
    final String accessKeyId;
    final long created;
    final long expires;
    final String creationDate;
    /** The account whose principal this is; calls made with it land in this account. */
    final Account account;
    final IamUser user;
    final AccessKey key;
    final Role role;
    final String sessionName;
    final boolean mfa;
    final String sourceIdentity;
    final String webIdProvider;
    final boolean ec2Delivery;
    final Origin origin;
    /** eventIDs of the STS issuances that led to this credential, origin first (caller-side copy for cross-account calls). */
    final String[] chain;
    /** eventID of the ConsoleLogin / SwitchRole that opened a console session, else null. */
    final String signInEventId;
    final String principalId;
    final String arn;
    /** For ROOT_TASK: the management-account session that called AssumeRoot. */
    final Credential rootTaskCaller;
    /** Events signed so far. */
    int uses;

    private Credential(Kind kind, String accessKeyId, long created, long expires, Account account, IamUser user,
                       AccessKey key, Role role, String sessionName, boolean mfa, String sourceIdentity,
                       String webIdProvider, boolean ec2Delivery, Origin origin, String[] chain,
                       String signInEventId, Credential rootTaskCaller) {
        this.kind = kind;
        this.accessKeyId = accessKeyId;
        this.created = created;
        this.expires = expires;
        this.creationDate = created == 0 ? null : TimeFormats.isoSeconds(created);
        this.account = account;
        this.user = user;
        this.key = key;
        this.role = role;
        this.sessionName = sessionName;
        this.mfa = mfa;
        this.sourceIdentity = sourceIdentity;
        this.webIdProvider = webIdProvider;
        this.ec2Delivery = ec2Delivery;
        this.origin = origin;
        this.chain = chain;
        this.signInEventId = signInEventId;
        this.rootTaskCaller = rootTaskCaller;
        this.principalId = switch (kind) {
            case USER_KEY, USER_SESSION, USER_CONSOLE -> user.userId;
            case ROLE_SESSION, ROLE_CONSOLE -> role.roleId + ":" + sessionName;
            case FEDERATED -> account.id + ":" + sessionName;
            case ROOT_TASK -> account.id;
        };
        this.arn = switch (kind) {
            case USER_KEY, USER_SESSION, USER_CONSOLE -> user.arn;
            case ROLE_SESSION, ROLE_CONSOLE -> role.sessionArn(sessionName);
            case FEDERATED -> "arn:aws:sts::" + account.id + ":federated-user/" + sessionName;
            case ROOT_TASK -> account.rootArn();
        };
    }

    static Credential userKey(IamUser user, AccessKey key) {
        return new Credential(Kind.USER_KEY, key.id, 0, NEVER, user.account, user, key, null, null, false, null,
                null, false, Origin.iamUser(user.arn), NO_CHAIN, null, null);
    }

    static Credential userSession(IamUser user, String keyId, long created, long expires, boolean mfa, String issuanceId) {
        return new Credential(Kind.USER_SESSION, keyId, created, expires, user.account, user, null, null, null, mfa,
                null, null, false, Origin.iamUser(user.arn), new String[] {issuanceId}, null, null);
    }

    static Credential userConsole(IamUser user, String keyId, long created, long expires, boolean mfa, String signInId) {
        return new Credential(Kind.USER_CONSOLE, keyId, created, expires, user.account, user, null, null, null, mfa,
                null, null, false, Origin.iamUser(user.arn), NO_CHAIN, signInId, null);
    }

    /** Credentials returned by an AssumeRole* call whose eventID is {@code issuanceId}; {@code parent} is the caller's (null for SAML/OIDC/service). */
    static Credential roleSession(Role role, String sessionName, String keyId, long created, long expires, boolean mfa,
                                  String sourceIdentity, String webIdProvider, boolean ec2Delivery, Origin origin,
                                  Credential parent, String issuanceId) {
        return new Credential(Kind.ROLE_SESSION, keyId, created, expires, role.account, null, null, role, sessionName,
                mfa, sourceIdentity, webIdProvider, ec2Delivery, origin, extend(parent, issuanceId), null, null);
    }

    /** A console session in a role, opened by the sign-in event {@code signInId}; its key was never returned by an API. */
    static Credential roleConsole(Credential issued, String consoleKeyId, String signInId) {
        return new Credential(Kind.ROLE_CONSOLE, consoleKeyId, issued.created, issued.expires, issued.account, null,
                null, issued.role, issued.sessionName, issued.mfa, issued.sourceIdentity, issued.webIdProvider, false,
                issued.origin, issued.chain, signInId, null);
    }

    static Credential federated(IamUser issuer, String name, String keyId, long created, long expires, String issuanceId) {
        return new Credential(Kind.FEDERATED, keyId, created, expires, issuer.account, issuer, null, null, name, false,
                null, null, false, Origin.iamUser(issuer.arn), new String[] {issuanceId}, null, null);
    }

    static Credential rootTask(Account member, String keyId, long created, long expires, Credential caller, String issuanceId) {
        return new Credential(Kind.ROOT_TASK, keyId, created, expires, member, null, null, null, null, false, null,
                null, false, caller.origin, extend(caller, issuanceId), null, caller);
    }

    private static String[] extend(Credential parent, String issuanceId) {
        String[] base = parent == null ? NO_CHAIN : parent.chain;
        String[] out = Arrays.copyOf(base, base.length + 1);
        out[base.length] = issuanceId;
        return out;
    }

    /** The userIdentity.type its calls show. */
    String identityType() {
        return switch (kind) {
            case USER_KEY, USER_SESSION, USER_CONSOLE -> "IAMUser";
            case ROLE_SESSION, ROLE_CONSOLE -> "AssumedRole";
            case FEDERATED -> "FederatedUser";
            case ROOT_TASK -> "Root";
        };
    }

    boolean fromConsole() {
        return kind == Kind.USER_CONSOLE || kind == Kind.ROLE_CONSOLE;
    }

    /** Still valid at {@code t} with {@code marginMillis} to spare. */
    boolean validAt(long t, long marginMillis) {
        return expires == NEVER || t < expires - marginMillis;
    }

    /** The unique id an AWSAccount copy of a cross-account call shows for this caller. */
    String callerUniqueId() {
        return principalId;
    }
}
