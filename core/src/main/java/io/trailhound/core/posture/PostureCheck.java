package io.trailhound.core.posture;

import java.util.List;

/** One posture check. Stateless: the same instance evaluates every account. */
public interface PostureCheck {
    CheckInfo info();

    /**
     * Adds this check's findings for one account to {@code out} and returns how many principals it
     * applied to (the denominator of the percentage); 0 when the input it needs is absent.
     */
    int evaluate(AccountInputs in, AuditContext ctx, List<Finding> out);
}
