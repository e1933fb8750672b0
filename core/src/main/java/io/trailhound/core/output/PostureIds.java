package io.trailhound.core.output;

import io.trailhound.core.posture.Finding;

/** Stable ids of posture findings: the same violation gets the same id in every run, so an import updates it. */
public final class PostureIds {
    private PostureIds() {
    }

    /** {@code posture:CHECK:ACCOUNT:PRINCIPAL}, the principal being the user, the role ARN, or the account itself. */
    public static String id(Finding f) {
        String principal = f.role() != null ? f.role() : f.user() != null ? f.user() : f.account();
        return "posture:" + f.check() + ":" + f.account() + ":" + principal;
    }
}
