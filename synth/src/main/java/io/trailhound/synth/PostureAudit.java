package io.trailhound.synth;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Lists the posture violations in the model as of the end of the window, from the same state the
 * posture files are written from, so the ground truth matches the files exactly. Violations were
 * planted by {@link OrgModelBuilder} or made by attack stories (a deactivated MFA device, a second
 * key); everything else is compliant.
 */
final class PostureAudit {
    static final long NINETY_DAYS = 90 * OrgModelBuilder.DAY;
    static final long KEY_WITH_USER_WINDOW = 10_000;

    private final OrgModel model;
    private final long asOf;

    PostureAudit(OrgModel model, long asOf) {
        this.model = model;
        this.asOf = asOf;
    }

    List<PostureFinding> findings() {
        List<PostureFinding> out = new ArrayList<>();
        for (Account a : model.accounts) {
            if (a.rootKey != null && a.rootKey.active) {
                out.add(new PostureFinding(a.id, a.rootArn(), PostureFinding.ROOT_ACCESS_KEY,
                        "root access key " + a.rootKey.id + " is active (created " + TimeFormats.offset(a.rootKey.created) + ")"));
            }
            if (a.passwordPolicy.isWeak()) {
                PasswordPolicy p = a.passwordPolicy;
                out.add(new PostureFinding(a.id, a.id, PostureFinding.WEAK_PASSWORD_POLICY,
                        "MinimumPasswordLength " + p.minimumLength() + ", PasswordReusePrevention "
                                + (p.reusePrevention() == 0 ? "not set" : p.reusePrevention())
                                + ", RequireSymbols " + p.requireSymbols() + ", RequireUppercaseCharacters " + p.requireUppercase()));
            }
            List<IamUser> users = new ArrayList<>(a.users);
            users.sort(Comparator.comparing(u -> u.name));
            for (IamUser u : users) {
                audit(a, u, out);
            }
            List<Role> roles = new ArrayList<>(a.roles);
            roles.sort(Comparator.comparing(r -> r.name));
            for (Role r : roles) {
                if (r.trust.pinsNeither()) {
                    out.add(new PostureFinding(a.id, r.arn, PostureFinding.ROLE_TRUST_UNPINNED,
                            "trusts " + String.join(", ", r.trust.principals)
                                    + " without a condition on sts:RoleSessionName or sts:SourceIdentity"));
                }
            }
        }
        return out;
    }

    private void audit(Account a, IamUser u, List<PostureFinding> out) {
        if (u.password && !u.mfa) {
            out.add(new PostureFinding(a.id, u.arn, PostureFinding.CONSOLE_WITHOUT_MFA, "console password enabled, no MFA device"));
        }
        for (AccessKey k : u.keys) {
            // "with the user" is the create-user wizard: within seconds of the user, as CIS 1.11 means it
            if (u.password && k.active && Math.abs(k.created - u.created) <= KEY_WITH_USER_WINDOW) {
                out.add(new PostureFinding(a.id, u.arn, PostureFinding.KEY_CREATED_WITH_USER,
                        "access key " + k.id + " created " + TimeFormats.offset(k.created) + " with the user ("
                                + TimeFormats.offset(u.created) + ")" + (k.lastUsed < 0 ? " and never used" : "")));
            }
        }
        if (u.activeKeyCount() >= 2) {
            out.add(new PostureFinding(a.id, u.arn, PostureFinding.TWO_ACTIVE_KEYS, u.activeKeyCount() + " active access keys"));
        }
        for (AccessKey k : u.keys) {
            if (k.active && asOf - k.created > NINETY_DAYS) {
                out.add(new PostureFinding(a.id, u.arn, PostureFinding.KEY_NOT_ROTATED,
                        "access key " + k.id + " created " + TimeFormats.offset(k.created)));
            }
        }
        List<String> unused = new ArrayList<>();
        // a never-used password is idle since it was last set (the report's password_last_changed)
        long passwordSince = u.passwordLastUsed > 0 ? u.passwordLastUsed : u.passwordLastChanged > 0 ? u.passwordLastChanged : u.created;
        if (u.password && asOf - passwordSince > NINETY_DAYS) {
            unused.add("password last used " + (u.passwordLastUsed > 0 ? TimeFormats.offset(u.passwordLastUsed) : "never"));
        }
        for (AccessKey k : u.keys) {
            if (k.active && asOf - (k.lastUsed > 0 ? k.lastUsed : k.created) > NINETY_DAYS) {
                unused.add("access key " + k.id + " last used " + (k.lastUsed > 0 ? TimeFormats.offset(k.lastUsed) : "never"));
            }
        }
        if (!unused.isEmpty()) {
            out.add(new PostureFinding(a.id, u.arn, PostureFinding.CREDENTIALS_UNUSED, String.join("; ", unused)));
        }
    }
}
