package io.trailhound.synth;

import java.util.ArrayList;
import java.util.List;

/** An IAM user with its password, MFA and access keys as the credential report shows them. */
final class IamUser {
    enum Kind {
        /** A person's own IAM user. */
        HUMAN,
        /** A programmatic user (CI, automation). */
        SERVICE,
        /** Planted: a person who stopped using the account months ago. */
        DORMANT,
        /** Planted: a new user whose access key was made together with the user and never used. */
        NEW_HIRE
    }

    final Account account;
    final String name;
    final String userId;
    final String arn;
    final long created;
    final Kind kind;
    final boolean password;
    long passwordLastChanged = -1;
    long passwordLastUsed = -1;
    boolean mfa;
    final List<AccessKey> keys = new ArrayList<>();
    final List<String> groups = new ArrayList<>();
    final List<String> attachedPolicyArns = new ArrayList<>();

    IamUser(Account account, String name, String userId, long created, Kind kind, boolean password) {
        this.account = account;
        this.name = name;
        this.userId = userId;
        this.arn = "arn:aws:iam::" + account.id + ":user/" + name;
        this.created = created;
        this.kind = kind;
        this.password = password;
    }

    String mfaSerial() {
        return "arn:aws:iam::" + account.id + ":mfa/" + name;
    }

    AccessKey firstActiveKey() {
        for (AccessKey k : keys) {
            if (k.active) {
                return k;
            }
        }
        return null;
    }

    long activeKeyCount() {
        return keys.stream().filter(k -> k.active).count();
    }
}
