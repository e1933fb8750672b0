package io.trailhound.core.identity;

import io.trailhound.core.event.CloudTrailEvent;
import io.trailhound.core.event.IsoInstants;
import io.trailhound.core.event.UserIdentity;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Names the origin of an event from a {@link CredentialLedger}: the record's own principal when it
 * names one (IAM user, root, federated subject, service), else the walk issuance → issuer → … across
 * accounts, by access key, or by session for console sessions. Where the walk stops short it falls
 * back, in order, on a SwitchRole record, the session's sourceIdentity, an Identity Center session
 * name, and the session name alone, each labelled with its confidence.
 */
public final class AttributionResolver {
    /** Longest chain followed; role juggling can loop, and a loop must end. */
    public static final int MAX_HOPS = 64;
    /** How far a SwitchRole may be from a console session's start to be matched by time alone. */
    private static final long SWITCH_WINDOW_MILLIS = 15 * 60_000L;
    private static final Pattern INSTANCE_ID = Pattern.compile("i-[0-9a-fA-F]{8,17}");

    private final CredentialLedger ledger;
    private final TrustPolicies trust;

    public AttributionResolver(CredentialLedger ledger) {
        this(ledger, TrustPolicies.none());
    }

    public AttributionResolver(CredentialLedger ledger, TrustPolicies trust) {
        this.ledger = ledger;
        this.trust = trust;
    }

    /** True when the event acts with temporary credentials whose origin the record does not name. */
    public static boolean needsChain(CloudTrailEvent e) {
        UserIdentity u = e.userIdentity();
        String type = u.type();
        return "AssumedRole".equals(type) || "FederatedUser".equals(type) || ("Root".equals(type) && u.assumedRoot());
    }

    /** The event's attribution as the ledger stands: its credential's answer, with the event's own expiry check. */
    public Attribution resolve(CloudTrailEvent e) {
        return resolve(CredentialIdentity.of(e)).forEvent(e.eventTimeMillis());
    }

    /** The credential's answer as the ledger stands, and what it still waits for (see {@link CredentialAnswer}). */
    public CredentialAnswer resolve(CredentialIdentity u) {
        String type = u.type();
        if (type == null) {
            return settled(Attribution.of(Origin.named("AWSService", u.eventSource(), null, u.recipientAccountId()),
                    Confidence.EXACT, null));
        }
        if (u.needsChain()) {
            return walk(u);
        }
        return switch (type) {
            case "IAMUser" -> selfNamed(u.arn() != null ? Origin.arn("IAMUser", u.arn(), u.accountId())
                    : Origin.named("IAMUser", first(u.userName(), u.principalId()), null, u.accountId()), u);
            case "Root" -> selfNamed(Origin.arn("Root", rootArn(u), u.accountId()), u);
            case "AWSService" -> settled(Attribution.of(Origin.named("AWSService", u.invokedBy(), null, null), Confidence.EXACT, null));
            case "AWSAccount" -> settled(Attribution.of(Origin.named("AWSAccount", u.principalId(), null, u.accountId()),
                    Confidence.EXACT, "the record names only the calling account and principal id"));
            case "SAMLUser" -> settled(Attribution.of(samlOrigin(u.userName(), u.identityProvider(), null), Confidence.EXACT, null));
            case "WebIdentityUser" -> settled(Attribution.of(Origin.named("WebIdentityUser", u.userName(), u.identityProvider(),
                    null), Confidence.EXACT, null));
            default -> settled(u.onBehalfOfUserId() != null
                    ? Attribution.of(Origin.named("IdentityCenterUser", u.onBehalfOfUserId(), u.onBehalfOfIdentityStoreArn(), null),
                            Confidence.EXACT, null)
                    : Attribution.unknown("identity type " + type + " names no principal"));
        };
    }

    private static CredentialAnswer settled(Attribution a) {
        return new CredentialAnswer(a, Long.MAX_VALUE, null, null);
    }

    /**
     * IAM users and root name themselves; a GetSessionToken key is still shown as a hop, so a
     * temporary key whose issuance was not read yet waits for it (the origin will not change).
     */
    private CredentialAnswer selfNamed(Origin origin, CredentialIdentity u) {
        Issuance i = ledger.byKey(u.accessKeyId());
        if (i != null && i.kind() == IssuanceKind.GET_SESSION_TOKEN) {
            return new CredentialAnswer(new Attribution(origin, Confidence.EXACT, null, List.of(hop(i, "key")), List.of()),
                    Long.MAX_VALUE, null, null);
        }
        return new CredentialAnswer(Attribution.of(origin, Confidence.EXACT, null), Long.MAX_VALUE,
                i == null && u.temporaryKey() ? u.accessKeyId() : null, null);
    }

    /**
     * The walk issuance → caller → issuance … to an origin. Where it stops short, the answer is a
     * fallback and waits for the record that would take it further: the missing key's issuance or
     * the session's (see {@link CredentialAnswer}).
     */
    private CredentialAnswer walk(CredentialIdentity u) {
        Confidence confidence = Confidence.EXACT;
        Issuance i = ledger.byKey(u.accessKeyId());
        String waitKey = null;
        if (i == null) {
            // Keys issued before the logs read: the common case of a new credential, so no lookup or list it cannot use.
            boolean sessionKnown = ledger.knowsSession(u.arn());
            long start = sessionKnown ? startOf(u.sessionCreationDate()) : Long.MIN_VALUE;
            i = sessionKnown ? ledger.bySession(u.arn(), start) : null;
            confidence = Confidence.ASSERTED;
            waitKey = u.accessKeyId();
            if (i == null) {
                String key = u.accessKeyId();
                Attribution a = fallback(u, u.arn(), sessionKnown, start, List.of(), List.of(),
                        () -> "issuance not read yet: no issuance of key " + key + " in the logs read");
                return new CredentialAnswer(a, Long.MAX_VALUE, u.accessKeyId(), u.arn());
            }
        }
        List<Hop> chain = new ArrayList<>(4);
        List<String> anomalies = new ArrayList<>(0);
        long expiresAt = i.expiresAt();
        while (chain.size() < MAX_HOPS) {
            if (loops(chain, i.accessKeyId())) {
                chain.add(hop(i, confidence == Confidence.EXACT ? "key" : "session"));
                return new CredentialAnswer(new Attribution(null, Confidence.UNKNOWN, "the chain loops back to key "
                        + i.accessKeyId(), chain, anomalies), expiresAt, null, null);
            }
            chain.add(hop(i, confidence == Confidence.EXACT ? "key" : "session"));
            Caller c = i.caller();
            String ct = c.type() == null ? "" : c.type();
            switch (ct) {
                case "IAMUser", "Root" -> {
                    Issuance token = ledger.byKey(c.accessKeyId());
                    if (token != null && token.kind() == IssuanceKind.GET_SESSION_TOKEN) {
                        chain.add(hop(token, "key"));
                    } else if (token == null && c.accessKeyId() != null && c.accessKeyId().startsWith("ASIA")) {
                        waitKey = first(waitKey, c.accessKeyId()); // the caller's GetSessionToken may still be read
                    }
                    String arn = ct.equals("Root") ? (c.arn() != null ? c.arn() : "arn:aws:iam::" + c.accountId() + ":root") : c.arn();
                    return new CredentialAnswer(new Attribution(Origin.arn(ct, arn, c.accountId()), confidence, null, chain,
                            anomalies), expiresAt, waitKey, null);
                }
                case "SAMLUser" -> {
                    return new CredentialAnswer(new Attribution(samlOrigin(first(i.subject(), c.userName()), i.provider(),
                            i.roleArn()), confidence, null, chain, anomalies), expiresAt, waitKey, null);
                }
                case "WebIdentityUser" -> {
                    return new CredentialAnswer(new Attribution(Origin.named("WebIdentityUser", first(i.subject(), c.userName()),
                            first(i.provider(), c.identityProvider()), null), confidence, null, chain, anomalies),
                            expiresAt, waitKey, null);
                }
                case "AWSService" -> {
                    return new CredentialAnswer(new Attribution(Origin.named("AWSService", first(c.invokedBy(), "AWS service"),
                            null, null), confidence, null, chain, anomalies), expiresAt, waitKey, null);
                }
                case "AWSAccount" -> {
                    // The caller's copy of this cross-account issuance may still be read: it names the caller.
                    return new CredentialAnswer(new Attribution(Origin.named("AWSAccount", c.principalId(), null, c.accountId()),
                            confidence, "only the role owner's copy of " + i.kind().eventName() + " " + i.eventID()
                                    + " was read: it names the calling account and principal id", chain, anomalies),
                            expiresAt, i.accessKeyId(), null);
                }
                case "AssumedRole", "FederatedUser" -> {
                    Issuance next = ledger.byKey(c.accessKeyId());
                    if (next == null) {
                        next = ledger.bySession(c.arn(), startIfKnown(c.arn(), c.sessionCreationDate()));
                        confidence = confidence.atMost(Confidence.ASSERTED);
                        waitKey = first(waitKey, c.accessKeyId());
                    }
                    if (next == null) {
                        return new CredentialAnswer(fallbackForCaller(c, chain, anomalies, confidence, i), expiresAt,
                                c.accessKeyId(), c.arn());
                    }
                    i = next;
                }
                default -> {
                    return new CredentialAnswer(new Attribution(null, Confidence.UNKNOWN, "issuance " + i.eventID()
                            + " was made by identity type " + c.type() + ", which names no principal", chain, anomalies),
                            expiresAt, waitKey, null);
                }
            }
        }
        return new CredentialAnswer(new Attribution(null, Confidence.UNKNOWN, "chain longer than " + MAX_HOPS + " hops", chain,
                anomalies), expiresAt, null, null);
    }

    /** Chains are short: a scan of the hops so far costs less than a set per event. */
    private static boolean loops(List<Hop> chain, String key) {
        for (Hop h : chain) {
            if (h.accessKeyId() != null && h.accessKeyId().equals(key)) {
                return true;
            }
        }
        return false;
    }

    /** The issuing session's own key was not issued in the logs read: fall back on what its caller record says. */
    private Attribution fallbackForCaller(Caller c, List<Hop> chain, List<String> anomalies, Confidence sofar, Issuance i) {
        boolean sessionKnown = ledger.knowsSession(c.arn());
        Attribution a = fallback(c.sourceIdentity(), c.arn(), null, SessionArn.of(c.arn(), null, c.principalId()), null,
                sessionKnown, sessionKnown ? startOf(c.sessionCreationDate()) : Long.MIN_VALUE, chain, anomalies,
                () -> "issuance not read yet: no issuance of key " + c.accessKeyId() + " (the caller of " + i.eventID()
                        + ") in the logs read");
        return Attribution.lazy(a.origin(), a.confidence().atMost(sofar), a::reason, a.chain(), a.anomalies());
    }

    private Attribution fallback(CredentialIdentity u, String sessionArn, boolean sessionKnown, long start, List<Hop> chain,
                                 List<String> anomalies, Supplier<String> whyNotExact) {
        String issuerRole = u.issuerUserName();
        String roleArn = u.issuerArn();
        return fallback(u.sourceIdentity(), sessionArn, roleArn, SessionArn.of(sessionArn, issuerRole, u.principalId()),
                u.ec2RoleDelivery(), sessionKnown, start, chain, anomalies, whyNotExact);
    }

    /**
     * {@code sessionKnown}: whether the ledger holds an issuance or SwitchRole of {@code sessionArn}
     * ({@link CredentialLedger#knowsSession}); when it does not, no lookup by session can match.
     */
    private Attribution fallback(String sourceIdentity, String sessionArn, String roleArn, SessionArn s, String ec2RoleDelivery,
                                 boolean sessionKnown, long start, List<Hop> chain, List<String> anomalies,
                                 Supplier<String> whyNotExact) {
        String switchFrom = sessionKnown ? ledger.switchedFrom(sessionArn, start) : null;
        if (switchFrom != null) {
            List<Hop> c = new ArrayList<>(chain);
            c.add(new Hop(sessionArn, null, null, "SwitchRole", start, null, "switch-role"));
            return new Attribution(Origin.arn("IAMUser", switchFrom, accountOf(switchFrom)), Confidence.ASSERTED,
                    "console SwitchRole into this session came from " + switchFrom, c, anomalies);
        }
        if (sourceIdentity != null) {
            return Attribution.lazy(Origin.named("SourceIdentity", sourceIdentity, null, null), Confidence.ASSERTED,
                    () -> whyNotExact.get() + "; the session carries sourceIdentity " + sourceIdentity, chain, anomalies);
        }
        if (s != null && !s.session().isEmpty() && trust.pinsSessionName(roleArn)) {
            return Attribution.lazy(trust.userForSession(roleArn, s.session()), Confidence.ASSERTED, () -> whyNotExact.get()
                    + "; the trust policy of " + roleArn + " pins sts:RoleSessionName to ${aws:username}", chain, anomalies);
        }
        if (s != null && s.role().startsWith("AWSReservedSSO_") && !s.session().isEmpty()) {
            return Attribution.lazy(Origin.named("IdentityCenterUser", s.session(), null, null), Confidence.ASSERTED,
                    () -> whyNotExact.get() + "; Identity Center names its role sessions after the user", chain, anomalies);
        }
        CredentialLedger.SwitchLink near = !sessionKnown || start == Long.MIN_VALUE ? null : ledger.nearestSwitch(sessionArn, start, SWITCH_WINDOW_MILLIS);
        if (near != null) {
            List<Hop> c = new ArrayList<>(chain);
            c.add(new Hop(sessionArn, null, null, "SwitchRole", near.startMillis(), null, "switch-role-nearby"));
            return Attribution.lazy(Origin.arn("IAMUser", near.fromUserArn(), accountOf(near.fromUserArn())), Confidence.INFERRED,
                    () -> whyNotExact.get() + "; a console SwitchRole into the same role and session name "
                            + Math.abs(start - near.startMillis()) / 1000 + " s from this session's start came from "
                            + near.fromUserArn() + " (matched by name and time, not by session)", c, anomalies);
        }
        // startsWith first: this runs once per new credential, and most session names are not instance IDs.
        if (s != null && (ec2RoleDelivery != null || (s.session().startsWith("i-") && INSTANCE_ID.matcher(s.session()).matches()))) {
            return new Attribution(null, Confidence.UNKNOWN, "instance-profile credentials of " + s.session()
                    + ": EC2 issued them and no issuance of the key is in the logs read", chain, anomalies);
        }
        if (s != null && s.session() != null && !s.session().isEmpty()) {
            return Attribution.lazy(Origin.named("SessionName", s.session(), null, null), Confidence.INFERRED,
                    () -> whyNotExact.get() + "; the session name is all that names the caller", chain, anomalies);
        }
        return Attribution.lazy(null, Confidence.UNKNOWN, () -> whyNotExact.get()
                + " (issued before the logs read begin, or in an account whose trail was not read)", chain, anomalies);
    }

    /** SAML subjects of Identity Center's own providers (AWSSSO_…) are Identity Center users. */
    private static Origin samlOrigin(String subject, String provider, String roleArn) {
        boolean identityCenter = (provider != null && provider.contains("AWSSSO_"))
                || (roleArn != null && roleArn.contains("/aws-reserved/sso.amazonaws.com/"));
        return Origin.named(identityCenter ? "IdentityCenterUser" : "SAMLUser", subject, provider, null);
    }

    private static Hop hop(Issuance i, String linkedBy) {
        return new Hop(first(i.sessionArn(), i.caller().arn()), i.accessKeyId(), i.eventID(), i.kind().eventName(),
                i.issuedAt(), i.recordAccount(), linkedBy);
    }

    /**
     * The session's start, for the lookups by session (issuance, SwitchRole, a switch near in
     * time); {@link Long#MIN_VALUE} without parsing when the ledger holds nothing of the session,
     * as none of them can match then (a session of a day before the logs: the common case).
     */
    private long startIfKnown(String sessionArn, String creationDate) {
        return ledger.knowsSession(sessionArn) ? startOf(creationDate) : Long.MIN_VALUE;
    }

    private static long startOf(String creationDate) {
        return creationDate == null ? Long.MIN_VALUE : IsoInstants.parseMillis(creationDate);
    }

    private static String rootArn(CredentialIdentity u) {
        return u.arn() != null ? u.arn() : "arn:aws:iam::" + u.accountId() + ":root";
    }

    private static String accountOf(String arn) {
        String[] parts = arn.split(":", 6);
        return parts.length > 4 ? parts[4] : null;
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }

    /** The role and session name of a session: {@code arn:aws:sts::<acct>:assumed-role/<role>/<session>} or {@code federated-user/<name>}. */
    record SessionArn(String role, String session) {
        /**
         * From the ARN, preferring the session issuer's role name and the session name in the
         * principal id ({@code AROA…:<session>}): anonymised or damaged records mangle the ARN
         * but keep those.
         */
        static SessionArn of(String arn, String issuerRole, String principalId) {
            int colon = principalId == null ? -1 : principalId.indexOf(':');
            if (issuerRole != null && colon >= 0) {
                return new SessionArn(issuerRole, principalId.substring(colon + 1)); // the usual record: no need to parse the ARN
            }
            SessionArn fromArn = parse(arn);
            String role = issuerRole != null ? issuerRole : fromArn == null ? null : fromArn.role();
            String session = colon >= 0 ? principalId.substring(colon + 1) : fromArn == null ? null : fromArn.session();
            return role == null || session == null ? fromArn : new SessionArn(role, session);
        }

        static SessionArn parse(String arn) {
            if (arn == null) {
                return null;
            }
            int at = arn.indexOf(":assumed-role/");
            if (at >= 0) {
                String rest = arn.substring(at + ":assumed-role/".length());
                int slash = rest.indexOf('/');
                return slash < 0 ? new SessionArn(rest, "") : new SessionArn(rest.substring(0, slash), rest.substring(slash + 1));
            }
            at = arn.indexOf(":federated-user/");
            return at >= 0 ? new SessionArn("", arn.substring(at + ":federated-user/".length())) : null;
        }
    }
}
