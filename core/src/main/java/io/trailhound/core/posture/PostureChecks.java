package io.trailhound.core.posture;

import java.util.List;

/** The registry: every check, in report order (users, then root, then account and roles). */
public final class PostureChecks {
    private PostureChecks() {
    }

    public static List<PostureCheck> all() {
        return List.of(new ConsoleWithoutMfa(), new KeyAtUserCreation(), new TwoActiveKeys(), new KeyNotRotated(),
                CredentialsUnused.anyCredential(), CredentialsUnused.consolePassword(), new RootAccessKey(), new RootNoMfa(),
                new RootRecentUse(), new PasswordPolicyWeak(), new RoleSessionNameNotPinned());
    }
}
